import Foundation
import ParleyMedia
import ParleySandbox

extension Bench {
  /// One room of `participants` WebRTC participants joining by SDP offer (`POST /v1/rooms/bench/participants`
  /// in-process), `speakers` of them playing tones (the rest silent, as in a meeting), held `seconds`.
  /// CPU is measured over the held room; "setup" is offer → DTLS done as the participant sees it.
  static func room(_ stack: LocalStack, participants: Int, speakers: Int, seconds: Double) async -> (
    [CallFigures], (ProcessSampler.Sample, ProcessSampler.Sample)?
  ) {
    var phones: [(EmulatedPhone, ContinuousClock.Instant)] = []
    var figures: [CallFigures] = []
    for index in 0..<participants {
      let app: LegApp = index < speakers ? .tone(frequency: 300 + 150 * Double(index)) : .silence
      do {
        let phone = try stack.sandbox.makePhone(number: "participant-\(index)", app: app)
        let started = ContinuousClock.now
        let joined = try stack.server.participants.join(room: "bench", offer: try phone.makeOffer())
        try phone.receiveAnswer(joined.answer)
        phones.append((phone, started))
      } catch {
        figures.append(CallFigures(pulsesSent: 0, pulsesHeard: 0, failed: "could not join: \(error)"))
      }
      progress("room participants joined: \(phones.count)/\(participants)")
    }
    for (phone, started) in phones {
      let secured = await phone.waitSecured(timeoutMilliseconds: 10_000)
      let elapsed = started.duration(to: .now)
      let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
      figures.append(
        CallFigures(
          dtls: secured ? milliseconds : nil, pulsesSent: 0, pulsesHeard: 0,
          failed: secured ? nil : "not secured: \(phone.failure ?? "timeout")"))
    }
    let start = ProcessSampler.sample()
    let until = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < until {
      try? await Task.sleep(for: .milliseconds(500))
      progress(
        "holding a room of \(phones.count) (\(speakers) speaking), \(max(0, (until - .now).components.seconds)) s left")
    }
    let end = ProcessSampler.sample()
    for (phone, _) in phones { phone.close() }
    stack.server.participants.closeAll()
    progress("")
    return (figures, (start, end))
  }
}
