import Foundation
public import Logging
import ParleyMedia
import ParleyOpus
import ParleySandbox

/// `parley bench`: the whole stack on loopback — the sandbox's emulated phones call a real Parley over
/// HTTP webhooks and UDP media — measured per call and in aggregate.
public enum Bench {
  public enum Scenario: String, Sendable, CaseIterable {
    /// N concurrent user-initiated calls answered with echo, held for `seconds`.
    case echo
    /// Calls placed at `rate` per second for `seconds`, each held one second: setup under load.
    case setup
    /// One mixing room of `calls` WebRTC participants (`speakers` of them speaking), held `seconds`.
    case room
  }

  public struct Options: Sendable {
    public var scenario: Scenario
    public var calls: Int
    public var seconds: Double
    public var rate: Double
    public var speakers: Int
    public var addresses: [String]
    public var impairment: BenchImpairment
    /// The server's `PARLEY_OPUS_COMPLEXITY`.
    public var opusComplexity: Int

    public init(
      scenario: Scenario, calls: Int, seconds: Double, rate: Double, speakers: Int = 3, addresses: [String],
      impairment: BenchImpairment = .none, opusComplexity: Int = 5
    ) {
      self.opusComplexity = opusComplexity
      self.speakers = speakers
      self.scenario = scenario
      self.calls = calls
      self.seconds = seconds
      self.rate = rate
      self.addresses = addresses
      self.impairment = impairment
    }
  }

  /// The bound DESIGN §6 sets on the latency after a burst of trouble (ms).
  static let recoveryBound = 60.0
  /// Pulses sent this close to the end of the hold (µs) may not be back yet: recovery ignores them.
  static let pulseReturnAllowance: Int64 = 500_000

  /// The emulated phones' encoder (WhatsApp's settings): its delay and the phones' decoder's are measured
  /// once and taken off every pulse's one-way time.
  static let phoneEncoder = OpusEncoderConfiguration(
    bitrate: 20_000, inbandFEC: true, discontinuousTransmission: false, maxBandwidth: .wideband)

  /// One call's (or room participant's) figures; setup times in ms from the connect webhook.
  struct CallFigures: Codable, Sendable {
    var preAccept: Double? = nil
    var ice: Double? = nil
    var dtls: Double? = nil
    var connected: Double? = nil
    var echoRoundTrip: Double? = nil
    var echoRoundTrips: [Double] = []
    /// Pulses timed by RTP arrival: Parley's added one-way latency (see ``BenchReport``).
    var oneWay: [OneWayLatency] = []
    var pulsesSent: Int = 0
    var pulsesHeard: Int = 0
    var jitterDelay: Double? = nil
    var targetDelay: Double? = nil
    var concealedRatio: Double? = nil
    var lostRatio: Double? = nil
    /// ms from the end of the burst until the latency stayed under ``Bench/recoveryBound``.
    var recovery: Double? = nil
    var failed: String? = nil
  }

  /// What the hold measured besides the calls.
  struct Hold {
    var load: (start: ProcessSampler.Sample, end: ProcessSampler.Sample)
    /// When the hold started and ended, and when the burst ended (µs, ``MonotonicClock``).
    var startedAt: Int64
    var endedAt: Int64
    var burstEndedAt: Int64?
    var network: NetworkPath.Statistics?
  }

  /// Runs one scenario; prints its table; writes `<out>/<name>.json` (or `json`), a latency histogram and,
  /// with a burst, the latency over time next to it. Returns the report.
  @discardableResult
  public static func run(
    _ options: Options, out: String?, json: String? = nil, name: String? = nil, logger: Logger
  ) async throws -> BenchSummary {
    let stack = try await LocalStack.start(addresses: options.addresses, policy: "accept", app: "echo", logger: logger)
    {
      $0.opusComplexity = options.opusComplexity
    }
    let codecDelay = (try? LatencyProbe.codecDelay(of: phoneEncoder)) ?? nil
    let idle = ProcessSampler.sample()
    let figures: [CallFigures]
    let hold: Hold?
    switch options.scenario {
    case .echo: (figures, hold) = await echo(stack, options, codecDelay: codecDelay ?? 0)
    case .setup: (figures, hold) = (await setup(stack, rate: options.rate, seconds: options.seconds), nil)
    case .room: (figures, hold) = await room(stack, options, codecDelay: codecDelay ?? 0)
    }
    await stack.stop()
    let report = BenchReport(
      options: options, figures: figures, idle: idle, hold: hold, codecDelay: codecDelay.map { Double($0) / 1000 })
    FileHandle.standardOutput.write(Data(report.table().utf8))
    let name = name ?? options.scenario.rawValue
    if let path = json ?? out.map({ "\($0)/\(name).json" }) {
      try write(report, figures: figures, hold: hold, options: options, to: path)
    }
    return BenchSummary(
      calls: report.calls, failed: report.failed, serverCoreShare: report.serverCorePerCall,
      memoryBytes: report.memoryBytesPerCall)
  }

  /// The JSON at `path`, and the pictures beside it (`<base>-latency.svg`, `<base>-timeline.svg`).
  static func write(_ report: BenchReport, figures: [CallFigures], hold: Hold?, options: Options, to path: String)
    throws
  {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try report.json().write(to: url)
    let base = url.deletingPathExtension().path
    var written = [path]
    let good = figures.filter { $0.failed == nil }
    let (values, title): ([Double], String) =
      switch options.scenario {
      case .echo: (good.flatMap(\.oneWay).map(\.milliseconds), "Parley's added one-way latency, echo (RTP arrival)")
      case .setup: (good.compactMap(\.connected), "connect webhook → media both ways")
      case .room: (good.flatMap(\.oneWay).map(\.milliseconds), "added latency through the room (RTP arrival)")
      }
    try Data(BenchPlot.histogram(values, title: title, unit: "ms").utf8).write(
      to: URL(fileURLWithPath: "\(base)-latency.svg"))
    written.append("\(base)-latency.svg")
    if let hold, options.scenario != .setup {
      let points = good.flatMap(\.oneWay).map { (x: Double($0.sentAt - hold.startedAt) / 1e6, y: $0.milliseconds) }
      let shade =
        options.impairment.isActive
        ? (options.impairment.burst.map { ($0.start, $0.start + $0.seconds) }
          ?? (0, options.seconds)) : nil
      let svg = BenchPlot.scatter(
        points, title: "\(title) over the hold", xLabel: "seconds into the hold", yLabel: "ms", shaded: shade,
        bound: recoveryBound)
      try Data(svg.utf8).write(to: URL(fileURLWithPath: "\(base)-timeline.svg"))
      written.append("\(base)-timeline.svg")
    }
    FileHandle.standardOutput.write(Data("written: \(written.joined(separator: ", "))\n".utf8))
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

  /// Holds the calls for `options.seconds`, applying the impairment to `phones`' uplinks when it is due;
  /// CPU is sampled over the hold.
  static func hold(_ phones: [EmulatedPhone], _ options: Options, label: String) async -> Hold {
    let impairment = options.impairment
    let paths = phones.compactMap(\.networkPath)
    let start = ProcessSampler.sample()
    let startedAt = MonotonicClock.now()
    let began = ContinuousClock.now
    let until = began + .milliseconds(Int(options.seconds * 1000))
    let window =
      impairment.isActive ? (impairment.burst.map { ($0.start, $0.start + $0.seconds) } ?? (0, .infinity)) : nil
    var impairing = false
    var burstEndedAt: Int64?
    while ContinuousClock.now < until {
      let elapsed = (ContinuousClock.now - began).inSeconds
      if let window {
        let due = elapsed >= window.0 && elapsed < window.1
        if due != impairing {
          impairing = due
          for path in paths { path.setUplink(due ? impairment.conditions : NetworkPath.clean) }
          if !due { burstEndedAt = MonotonicClock.now() }
        }
      }
      let left = max(0, Int((until - ContinuousClock.now).components.seconds))
      progress("holding \(label), \(left) s left" + (impairing ? " — impairing the phones' uplinks" : ""))
      try? await Task.sleep(for: .milliseconds(impairment.isActive ? 50 : 500))
    }
    let end = ProcessSampler.sample()
    let endedAt = MonotonicClock.now()
    for path in paths { path.setUplink(NetworkPath.clean) }
    var network: NetworkPath.Statistics?
    for statistics in paths.map(\.statistics) {
      guard var total = network else {
        network = statistics
        continue
      }
      total.uplink.add(statistics.uplink)
      total.downlink.add(statistics.downlink)
      network = total
    }
    return Hold(
      load: (start, end), startedAt: startedAt, endedAt: endedAt, burstEndedAt: burstEndedAt, network: network)
  }
}
