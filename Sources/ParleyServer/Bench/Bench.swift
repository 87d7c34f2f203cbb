import Foundation
public import Logging
import ParleyMedia
import ParleySandbox

/// `parley bench`: the whole stack on loopback — the sandbox's emulated phones call a real Parley over
/// HTTP webhooks and UDP media — measured per call and in aggregate.
public enum Bench {
  public enum Scenario: String, Sendable, CaseIterable {
    /// N concurrent user-initiated calls answered with echo, held for `seconds`.
    case echo
    /// Calls placed at `rate` per second for `seconds`, each held one second: setup under load.
    case setup
    /// One mixing room of `calls` WebRTC participants (`speakers` of them playing tones), held `seconds`.
    case room
  }

  public struct Options: Sendable {
    public var scenario: Scenario
    public var calls: Int
    public var seconds: Double
    public var rate: Double
    public var speakers: Int
    public var addresses: [String]

    public init(
      scenario: Scenario, calls: Int, seconds: Double, rate: Double, speakers: Int = 3, addresses: [String]
    ) {
      self.speakers = speakers
      self.scenario = scenario
      self.calls = calls
      self.seconds = seconds
      self.rate = rate
      self.addresses = addresses
    }
  }

  /// One call's figures (milliseconds from the connect webhook).
  struct CallFigures: Codable, Sendable {
    var preAccept: Double? = nil
    var ice: Double? = nil
    var dtls: Double? = nil
    var connected: Double? = nil
    var echoRoundTrip: Double? = nil
    var echoRoundTrips: [Double] = []
    var pulsesSent: Int
    var pulsesHeard: Int
    var jitterDelay: Double? = nil
    var concealedRatio: Double? = nil
    var failed: String? = nil
  }

  /// Runs one scenario; prints its table; writes `<out>/<name>.json` and `<out>/<name>-latency.svg` when
  /// `out` is given. Returns the report.
  @discardableResult
  public static func run(_ options: Options, out: String?, name: String? = nil, logger: Logger) async throws
    -> BenchSummary
  {
    let stack = try await LocalStack.start(addresses: options.addresses, policy: "accept", app: "echo", logger: logger)
    let idle = ProcessSampler.sample()
    let figures: [CallFigures]
    let load: (start: ProcessSampler.Sample, end: ProcessSampler.Sample)?
    switch options.scenario {
    case .echo: (figures, load) = await echo(stack, calls: options.calls, seconds: options.seconds)
    case .setup: (figures, load) = (await setup(stack, rate: options.rate, seconds: options.seconds), nil)
    case .room:
      (figures, load) = await room(
        stack, participants: options.calls, speakers: options.speakers, seconds: options.seconds)
    }
    await stack.stop()
    let report = BenchReport(options: options, figures: figures, idle: idle, load: load)
    FileHandle.standardOutput.write(Data(report.table().utf8))
    if let out {
      let name = name ?? options.scenario.rawValue
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      try report.json().write(to: URL(fileURLWithPath: "\(out)/\(name).json"))
      let (values, title, unit): ([Double], String, String) =
        switch options.scenario {
        case .echo:
          (figures.flatMap(\.echoRoundTrips), "pulse round trip through Parley's echo, \(figures.count) calls", "ms")
        case .setup: (figures.compactMap(\.connected), "connect webhook → media both ways", "ms")
        case .room: (figures.compactMap(\.dtls), "room participant: offer → DTLS done", "ms")
        }
      try Data(BenchPlot.histogram(values, title: title, unit: unit).utf8).write(
        to: URL(fileURLWithPath: "\(out)/\(name)-latency.svg"))
      FileHandle.standardOutput.write(Data("written: \(out)/\(name).json, \(out)/\(name)-latency.svg\n".utf8))
    }
    return BenchSummary(
      calls: report.calls, failed: report.failed, serverCoreShare: report.serverCorePerCall,
      memoryBytes: report.memoryBytesPerCall)
  }

  /// Echo at each of `counts` calls; draws Parley's CPU per call against N.
  public static func sweep(_ options: Options, counts: [Int], out: String, logger: Logger) async throws -> Bool {
    var points: [(x: Double, y: Double)] = []
    var allGood = true
    for count in counts {
      var run = options
      run.calls = count
      let summary = try await Bench.run(run, out: out, name: "echo-\(count)", logger: logger)
      allGood = allGood && summary.failed == 0
      if let share = summary.serverCoreShare { points.append((Double(count), share * 100 * Double(count))) }
    }
    let svg = BenchPlot.line(
      points, title: "Parley's CPU (media + network threads) against concurrent echo calls", xLabel: "calls",
      yLabel: "% of one core")
    try Data(svg.utf8).write(to: URL(fileURLWithPath: "\(out)/cpu-vs-calls.svg"))
    FileHandle.standardOutput.write(Data("written: \(out)/cpu-vs-calls.svg\n".utf8))
    return allGood
  }

  /// What a run leaves for sweeps and exit codes.
  public struct BenchSummary: Sendable {
    public var calls: Int
    public var failed: Int
    public var serverCoreShare: Double?
    public var memoryBytes: Double?
  }

  static func progress(_ text: String) {
    FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
  }

  /// N calls at once; figures gathered after `seconds` of echo; CPU measured over the held calls only.
  static func echo(_ stack: LocalStack, calls: Int, seconds: Double) async -> (
    [CallFigures], (ProcessSampler.Sample, ProcessSampler.Sample)?
  ) {
    let placed = await withTaskGroup(of: (String, EmulatedPhone, LatencyProbe)?.self) { group in
      for index in 0..<calls {
        group.addTask {
          let probe = LatencyProbe()
          guard
            let (id, phone) = try? await stack.sandbox.callBusiness(
              from: String(15_552_000_000 + index), app: .probe(probe))
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
    let start = ProcessSampler.sample()
    let until = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < until {
      try? await Task.sleep(for: .milliseconds(500))
      let left = until - ContinuousClock.now
      progress("holding \(connected) echo calls, \(max(0, left.components.seconds)) s left")
    }
    let end = ProcessSampler.sample()
    var figures: [CallFigures] = []
    for (id, phone, probe) in placed {
      figures.append(await collect(stack, id: id, probe: probe))
      await stack.sandbox.cloud.endCall(id)
      phone.close()
    }
    progress("")
    return (figures, (start, end))
  }

  /// Calls arriving at `rate` per second, each held a second then hung up by the caller.
  static func setup(_ stack: LocalStack, rate: Double, seconds: Double) async -> [CallFigures] {
    let total = max(1, Int(rate * seconds))
    let interval = Duration.milliseconds(Int(1000 / max(rate, 0.1)))
    return await withTaskGroup(of: CallFigures.self) { group in
      for index in 0..<total {
        group.addTask {
          let probe = LatencyProbe()
          guard
            let (id, phone) = try? await stack.sandbox.callBusiness(
              from: String(15_553_000_000 + index), app: .probe(probe))
          else { return CallFigures(pulsesSent: 0, pulsesHeard: 0, failed: "could not place") }
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
    let played = Double(max(view?.played ?? 0, 1))
    return CallFigures(
      preAccept: ms("pre_accept_posted"), ice: ms("ice_connected"), dtls: ms("dtls_done"), connected: ms("connected"),
      echoRoundTrip: report.medianLatencyMilliseconds, echoRoundTrips: report.latenciesMilliseconds,
      pulsesSent: report.pulsesSent, pulsesHeard: report.pulsesHeard,
      jitterDelay: view?.jitterDelayMilliseconds.map(Double.init),
      concealedRatio: view?.concealed.map { Double($0) / played },
      failed: view?.state == "active" ? nil : "ended as \(view?.endReason ?? view?.state ?? "unknown")")
  }
}
