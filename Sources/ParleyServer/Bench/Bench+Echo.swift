import Foundation
import ParleyMedia
import ParleySandbox

extension Bench {
  /// N calls at once, answered with echo; figures gathered after the hold; CPU measured over the hold.
  static func echo(_ stack: LocalStack, _ options: Options, codecDelay: Int64) async -> ([CallFigures], Hold) {
    let behaviour = PhoneBehaviour(throughNetworkEmulator: options.impairment.isActive)
    let calls = options.calls
    let placed = await withTaskGroup(of: (String, EmulatedPhone, LatencyProbe)?.self) { group in
      for index in 0..<calls {
        group.addTask {
          let probe = LatencyProbe(findsDominantFrequency: false)
          guard
            let (id, phone) = try? await stack.sandbox.callBusiness(
              from: String(15_552_000_000 + index), app: .probe(probe), behaviour: behaviour)
          else { return nil }
          return (id, phone, probe)
        }
      }
      var placed: [(String, EmulatedPhone, LatencyProbe)] = []
      for await call in group {
        if let call { placed.append(call) }
        progress("calls placed: \(placed.count)/\(calls)")
      }
      return placed
    }
    var connected = 0
    for (id, _, _) in placed {
      if await Demo.wait(stack, id, timeout: .seconds(20), until: { $0.state == "active" || $0.state == "ended" })?
        .state == "active"
      {
        connected += 1
      }
      progress("calls connected: \(connected)/\(calls)")
    }
    let hold = await hold(placed.map(\.1), options, label: "\(connected) echo calls")
    var figures: [CallFigures] = []
    for (id, phone, probe) in placed {
      var call = await collect(stack, id: id, probe: probe)
      let report = probe.report()
      call.timePulses(sent: report.pulseTimes, heard: report.onsets, codecDelay: codecDelay, hold: hold)
      figures.append(call)
      await stack.sandbox.cloud.endCall(id)
      phone.close()
    }
    figures += Array(
      repeating: CallFigures(failed: "could not place"), count: max(0, calls - placed.count))
    progress("")
    return (figures, hold)
  }

  /// Calls arriving at `rate` per second, each held a second then hung up by the caller.
  static func setup(_ stack: LocalStack, rate: Double, seconds: Double) async -> [CallFigures] {
    let total = max(1, Int(rate * seconds))
    let interval = Duration.milliseconds(Int(1000 / max(rate, 0.1)))
    return await withTaskGroup(of: CallFigures.self) { group in
      for index in 0..<total {
        group.addTask {
          let probe = LatencyProbe(findsDominantFrequency: false)
          guard
            let (id, phone) = try? await stack.sandbox.callBusiness(
              from: String(15_553_000_000 + index), app: .probe(probe))
          else { return CallFigures(failed: "could not place") }
          _ = await Demo.wait(stack, id, timeout: .seconds(20)) { $0.state == "active" || $0.state == "ended" }
          try? await Task.sleep(for: .seconds(1))
          let figures = await collect(stack, id: id, probe: probe)
          await stack.sandbox.cloud.endCall(id)
          phone.close()
          return figures
        }
        progress("setup storm: \(index + 1)/\(total) calls placed")
        try? await Task.sleep(for: interval)
      }
      var figures: [CallFigures] = []
      for await call in group { figures.append(call) }
      progress("")
      return figures
    }
  }

  static func collect(_ stack: LocalStack, id: String, probe: LatencyProbe) async -> CallFigures {
    let view = await stack.server.controller.call(id)
    let report = probe.report()
    func ms(_ key: String) -> Double? { view?.timings[key].map(Double.init) }
    var figures = CallFigures(
      preAccept: ms("pre_accept_posted"), ice: ms("ice_connected"), dtls: ms("dtls_done"), connected: ms("connected"),
      echoRoundTrip: report.medianLatencyMilliseconds, echoRoundTrips: report.latenciesMilliseconds,
      pulsesSent: report.pulsesSent, pulsesHeard: report.pulsesHeard,
      failed: view?.state == "active"
        ? nil
        : "ended as \(view?.endReason ?? view?.state ?? "unknown")"
          + (view?.notes.last.map { " (\($0))" } ?? ""))
    if let media = view?.media { figures.note(media) }
    return figures
  }
}

extension Bench.CallFigures {
  /// Pairs the pulses sent with the onsets heard (``OneWayLatency/match``) and, after a burst, measures how
  /// long the latency took to stay under ``Bench/recoveryBound``.
  mutating func timePulses(sent: [Int64], heard: [LatencyProbe.Onset], codecDelay: Int64, hold: Bench.Hold) {
    oneWay = OneWayLatency.match(pulses: sent, onsets: heard, codecDelay: codecDelay)
    if let end = hold.burstEndedAt {
      recovery = LatencyRecovery.milliseconds(
        oneWay, sent: sent, burstEnd: end, cutoff: hold.endedAt - Bench.pulseReturnAllowance,
        bound: Bench.recoveryBound)
    }
  }

  /// The media figures Parley keeps for the call's leg: delays, loss and concealment as Parley saw them.
  mutating func note(_ media: MediaStats) {
    jitterDelay = Double(media.jitterDelayMilliseconds)
    targetDelay = Double(media.targetDelayMilliseconds)
    concealedRatio = Double(media.concealed) / Double(max(media.played + media.concealed, 1))
    lostRatio = Double(media.lost) / Double(max(media.packetsReceived + media.lost, 1))
  }
}
