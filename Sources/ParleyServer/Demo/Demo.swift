import Foundation
public import Logging
import ParleyCall
import ParleyMedia
import ParleySandbox

/// `parley demo`: Parley and the sandbox in one process on loopback. Places calls through the whole
/// stack — connect webhook → answer → pre_accept → ICE → DTLS → accept → audio — and checks each:
/// two user-initiated calls the business's app accepts (echo), one it rejects, one business-initiated
/// call. The phones send marked tone pulses and time them when the echo brings them back.
public enum Demo {
  /// Unbuffered output, so progress shows as it happens even through a pipe.
  static func emit(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

  public static func run(addresses: [String], seconds: Double = 3, logger: Logger) async throws -> Bool {
    let started = ContinuousClock.now
    func say(_ text: String) {
      emit(String(format: "[%6.2f s] ", started.duration(to: .now).inSeconds) + text)
    }
    say("starting the WhatsApp sandbox and parley serve on \(addresses.joined(separator: ", "))")
    let stack = try await LocalStack.start(addresses: addresses, policy: "ask", logger: logger)
    say("sandbox API on 127.0.0.1:\(stack.sandboxPort), Parley on 127.0.0.1:\(stack.serverPort) (webhook registered)")
    var results: [DemoCall] = []
    do {
      async let first = userCall(stack, label: "1", from: "15551230001", accept: true, seconds: seconds, say: say)
      async let second = userCall(stack, label: "2", from: "15551230002", accept: true, seconds: seconds, say: say)
      results += [await first, await second]
      results.append(await userCall(stack, label: "3", from: "15551230003", accept: false, seconds: 0, say: say))
      results.append(await businessCall(stack, label: "4", to: "15551230004", seconds: seconds, say: say))
    }
    say("shutting down")
    await stack.stop()
    emit("")
    emit(DemoCall.table(results))
    emit("")
    for call in results where !call.passed {
      emit("call \(call.label): " + call.problems.joined(separator: "; "))
    }
    let passed = results.allSatisfy(\.passed)
    emit(passed ? "every call behaved" : "some calls misbehaved")
    return passed
  }

  /// Polls the controller until `id`'s state satisfies `done` or `timeout` passes.
  static func wait(
    _ stack: LocalStack, _ id: String, timeout: Duration = .seconds(10), until done: (CallView) -> Bool
  ) async -> CallView? {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if let view = await stack.server.controller.call(id), done(view) { return view }
      try? await Task.sleep(for: .milliseconds(10))
    }
    return await stack.server.controller.call(id)
  }

  static func userCall(
    _ stack: LocalStack, label: String, from: String, accept: Bool, seconds: Double, say: (String) -> Void
  ) async -> DemoCall {
    var result = DemoCall(label: label, direction: "user → business", expected: accept ? "accepted" : "rejected")
    let probe = LatencyProbe()
    do {
      let (id, phone) = try await stack.sandbox.callBusiness(from: from, app: .probe(probe))
      defer { phone.close() }
      say("call \(label): +\(from) calls the business; connect webhook \(id.prefix(24))… delivered")
      guard let asked = await wait(stack, id, until: { $0.state != "preparing" }) else {
        result.problems.append("Parley never saw the call")
        return result
      }
      say("call \(label): Parley asks the business's app (call.incoming, state \(asked.state))")
      _ = try await stack.server.controller.decide(id, accept ? .accept(app: "echo") : .reject)
      say("call \(label): the app \(accept ? "accepts it with echo" : "rejects it")")
      if !accept {
        let ended = await wait(stack, id) { $0.state == "ended" }
        let cloudState = await stack.sandbox.cloud.call(id)?.state
        result.outcome = ended?.endReason ?? ended?.state ?? "?"
        if ended?.state != "ended" { result.problems.append("the call did not end") }
        if cloudState != .rejected {
          result.problems.append("WhatsApp saw \(cloudState?.rawValue ?? "nothing"), not a reject")
        }
        say("call \(label): rejected (WhatsApp: \(cloudState?.rawValue ?? "?"))")
        return result
      }
      guard let active = await wait(stack, id, until: { $0.state == "active" || $0.state == "ended" }),
        active.state == "active"
      else {
        result.problems.append("never connected")
        return result
      }
      fill(&result, active)
      say("call \(label): connected in \(result.setupMilliseconds ?? -1) ms; echoing for \(seconds) s")
      try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
      let during = await stack.server.controller.call(id)
      check(&result, probe.report(), view: during)
      await stack.sandbox.cloud.endCall(id)
      let ended = await wait(stack, id) { $0.state == "ended" }
      result.outcome = ended?.endReason ?? "still \(ended?.state ?? "?")"
      if ended?.state != "ended" { result.problems.append("the terminate webhook did not end the call") }
      say("call \(label): the caller hung up → \(result.outcome)")
    } catch {
      result.problems.append("\(error)")
    }
    return result
  }

  static func businessCall(_ stack: LocalStack, label: String, to: String, seconds: Double, say: (String) -> Void)
    async -> DemoCall
  {
    var result = DemoCall(label: label, direction: "business → user", expected: "accepted")
    let probe = LatencyProbe()
    do {
      let phone = try await stack.sandbox.addPhone(number: to, app: .probe(probe))
      defer { phone.close() }
      let placed = try await stack.server.controller.place(to: to, app: "echo", bizOpaqueCallbackData: "demo-\(label)")
      say("call \(label): the business calls +\(to) (permission check, connect with Parley's offer)")
      guard let active = await wait(stack, placed.id, until: { $0.state == "active" || $0.state == "ended" }),
        active.state == "active"
      else {
        let view = await stack.server.controller.call(placed.id)
        result.problems.append("never connected (\(view?.endReason ?? view?.state ?? "?"))")
        return result
      }
      fill(&result, active)
      say("call \(label): RINGING → answer → ACCEPTED; media in \(result.setupMilliseconds ?? -1) ms; echoing")
      try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
      let during = await stack.server.controller.call(placed.id)
      check(&result, probe.report(), view: during)
      _ = try await stack.server.controller.hangUp(placed.id)
      let ended = await wait(stack, placed.id) { $0.state == "ended" }
      result.outcome = ended?.endReason ?? "still \(ended?.state ?? "?")"
      let cloudState = await stack.sandbox.cloud.call(active.whatsappCallID ?? "")?.state
      if cloudState != .ended { result.problems.append("WhatsApp still has the call (\(cloudState?.rawValue ?? "?"))") }
      say("call \(label): the business hung up (terminate) → \(result.outcome)")
    } catch {
      result.problems.append("\(error)")
    }
    return result
  }

  static func fill(_ result: inout DemoCall, _ view: CallView) {
    result.preAcceptMilliseconds = view.timings["pre_accept_posted"]
    result.iceMilliseconds = view.timings["ice_connected"]
    result.dtlsMilliseconds = view.timings["dtls_done"]
    result.setupMilliseconds = view.timings["connected"]
  }

  /// Audio both ways: the phone hears its own pulses back through Parley's echo (Parley received them,
  /// decoded, re-encoded and sent them); the latency is the pulse's round trip as the phone plays it.
  static func check(_ result: inout DemoCall, _ report: LatencyProbe.Report, view: CallView?) {
    let latencies = report.latenciesMilliseconds.sorted()
    result.echoLatencyMilliseconds = latencies.isEmpty ? nil : latencies[latencies.count / 2]
    result.jitterDelayMilliseconds = view?.jitterDelayMilliseconds
    let heardEnough = report.pulsesSent > 0 && report.pulsesHeard >= max(1, report.pulsesSent - 2)
    result.audioBothWays = heardEnough && (view?.packetsReceived ?? 0) > 0
    if !heardEnough {
      result.problems.append("the phone heard \(report.pulsesHeard) of \(report.pulsesSent) pulses back")
    }
    if (view?.packetsReceived ?? 0) == 0 { result.problems.append("Parley received no RTP") }
  }
}
