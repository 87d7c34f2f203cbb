import Foundation
import ParleyMedia
import ParleySandbox

extension Bench {
  /// One room of `calls` WebRTC participants joining by SDP offer (`POST /v1/rooms/bench/participants`
  /// in-process), held `seconds`. Speaker 0 sends 1 kHz pulses; the other speakers play steady tones far
  /// from it (4, 5, 6 … kHz); every other participant listens for speaker 0's pulses in the mix it gets
  /// and times each by the arrival of the RTP packet that carried it: the latency the room adds (speaker's
  /// packet into Parley → mixed packet out of it, plus two loopback hops, less the phones' own codec).
  /// CPU is measured over the held room; "setup" is offer → DTLS done as the participant sees it.
  static func room(_ stack: LocalStack, _ options: Options, codecDelay: Int64) async -> ([CallFigures], Hold) {
    let participants = options.calls
    let speakers = min(options.speakers, participants)
    let behaviour = PhoneBehaviour(throughNetworkEmulator: options.impairment.isActive)
    let pulses = LatencyProbe(frequency: 1_000, findsDominantFrequency: false)
    var joined: [(phone: EmulatedPhone, id: String, started: ContinuousClock.Instant, probe: LatencyProbe?)] = []
    var figures: [CallFigures] = []
    for index in 0..<participants {
      let probe: LatencyProbe? =
        index == 0 && speakers > 0
        ? pulses
        : index >= speakers ? LatencyProbe(frequency: 1_000, speaks: false, findsDominantFrequency: false) : nil
      let app: LegApp = probe.map { .probe($0) } ?? .tone(frequency: min(8_000, 3_000 + 1_000 * Double(index)))
      do {
        let phone = try stack.sandbox.makePhone(number: "participant-\(index)", app: app, behaviour: behaviour)
        let started = ContinuousClock.now
        let member = try stack.server.participants.join(room: "bench", offer: try phone.makeOffer())
        try phone.receiveAnswer(member.answer)
        joined.append((phone, member.participantID, started, probe))
      } catch {
        figures.append(CallFigures(failed: "could not join: \(error)"))
      }
      progress("room participants joined: \(joined.count)/\(participants)")
    }
    var secured: [Bool] = []
    for member in joined {
      let ok = await member.phone.waitSecured(timeoutMilliseconds: 10_000)
      secured.append(ok)
    }
    let hold = await hold(
      joined.map(\.phone), options, label: "a room of \(joined.count) (\(speakers) speaking)")
    let speakerReport = pulses.report()
    for (member, ok) in zip(joined, secured) {
      var call = CallFigures(failed: ok ? nil : "not secured: \(member.phone.failure ?? "timeout")")
      if let setup = member.phone.setupMilliseconds { call.dtls = setup }
      if let snapshot = stack.server.participants.snapshot(participantID: member.id) {
        call.note(MediaStats(snapshot))
      }
      if let probe = member.probe, !probe.speaks {
        let report = probe.report()
        call.timePulses(sent: speakerReport.pulseTimes, heard: report.onsets, codecDelay: codecDelay, hold: hold)
        call.pulsesSent = speakerReport.pulsesSent
        call.pulsesHeard = call.oneWay.count
      }
      figures.append(call)
    }
    for member in joined { member.phone.close() }
    stack.server.participants.closeAll()
    progress("")
    return (figures, hold)
  }
}
