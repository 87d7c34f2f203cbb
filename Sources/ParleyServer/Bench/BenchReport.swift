import Foundation
import ParleySandbox

/// What `parley bench` prints and writes: per-metric distributions, CPU and memory per call.
struct BenchReport: Encodable {
  var scenario: String
  var calls: Int
  var failed: Int
  var machine: String
  var metrics: [String: Distribution]
  var serverCorePerCall: Double?
  var httpCorePerCall: Double?
  var sandboxCorePerCall: Double?
  var memoryBytesPerCall: Double?
  var pulsesSent: Int
  var pulsesHeard: Int
  /// The phones' own encoder + decoder delay, measured and taken off each one-way latency (ms).
  var phoneCodecDelay: Double?
  var impairment: String?
  var opusComplexity: Int
  /// The relays' totals when the phones' media passed the network emulator.
  var network: NetworkTotals?
  /// Calls whose latency never settled under the bound after the burst.
  var notRecovered: Int?
  /// Every call's figures, pulse by pulse.
  var perCall: [Bench.CallFigures]

  struct NetworkTotals: Encodable {
    var uplinkSent: Int
    var uplinkLost: Int
    var uplinkReordered: Int
    var uplinkDuplicated: Int
    var downlinkSent: Int

    enum CodingKeys: String, CodingKey {
      case uplinkSent = "uplink_sent"
      case uplinkLost = "uplink_lost"
      case uplinkReordered = "uplink_reordered"
      case uplinkDuplicated = "uplink_duplicated"
      case downlinkSent = "downlink_sent"
    }
  }

  enum CodingKeys: String, CodingKey {
    case scenario, calls, failed, machine, metrics, impairment, network
    case opusComplexity = "opus_complexity"
    case pulsesSent = "pulses_sent"
    case pulsesHeard = "pulses_heard"
    case phoneCodecDelay = "phone_codec_delay_ms"
    case notRecovered = "not_recovered"
    case perCall = "per_call"
    case serverCorePerCall = "server_core_share_per_call"
    case httpCorePerCall = "http_core_share_per_call"
    case sandboxCorePerCall = "load_generator_core_share_per_call"
    case memoryBytesPerCall = "memory_bytes_per_call"
  }

  /// The metrics, in the order the table shows them.
  static let order: [(key: String, label: String)] = [
    ("webhook_to_pre_accept_ms", "webhook → pre_accept posted"),
    ("webhook_to_ice_ms", "webhook → ICE connected"),
    ("webhook_to_dtls_ms", "webhook (room: answer) → DTLS done"),
    ("webhook_to_media_ms", "webhook → accept 200, media both ways"),
    ("added_latency_ms", "added one-way latency, by RTP arrival (echo: in → out; room: speaker in → mix out)"),
    ("echo_round_trip_ms", "pulse round trip through echo, as the phone plays it out"),
    ("jitter_delay_ms", "Parley's jitter buffer: RTP arrival → playout tick, at the end"),
    ("lost_percent", "packets lost on the way in, as Parley counts them (%)"),
    ("concealed_percent", "frames concealed by Parley (PLC, %)"),
    ("recovery_ms", "after the burst: until the latency stays ≤ 60 ms (ms)"),
  ]

  init(
    options: Bench.Options, figures: [Bench.CallFigures], idle: ProcessSampler.Sample, hold: Bench.Hold?,
    codecDelay: Double?
  ) {
    let load = hold?.load
    opusComplexity = options.opusComplexity
    phoneCodecDelay = codecDelay
    perCall = figures
    impairment = options.impairment.isActive ? options.impairment.summary : nil
    network = hold?.network.map {
      NetworkTotals(
        uplinkSent: $0.uplink.sent, uplinkLost: $0.uplink.lost, uplinkReordered: $0.uplink.reordered,
        uplinkDuplicated: $0.uplink.duplicated, downlinkSent: $0.downlink.sent)
    }
    scenario = options.scenario.rawValue
    calls = figures.count
    failed = figures.filter { $0.failed != nil }.count
    machine =
      "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB"
    let good = figures.filter { $0.failed == nil }
    metrics = [:]
    let columns: [(String, (Bench.CallFigures) -> Double?)] = [
      ("webhook_to_pre_accept_ms", \.preAccept), ("webhook_to_ice_ms", \.ice), ("webhook_to_dtls_ms", \.dtls),
      ("webhook_to_media_ms", \.connected), ("jitter_delay_ms", \.jitterDelay),
      ("lost_percent", { $0.lostRatio.map { $0 * 100 } }),
      ("concealed_percent", { $0.concealedRatio.map { $0 * 100 } }),
      ("recovery_ms", \.recovery),
    ]
    for (key, value) in columns { metrics[key] = Distribution(good.compactMap(value)) }
    // Pulse by pulse, not call by call.
    metrics["added_latency_ms"] = Distribution(good.flatMap(\.oneWay).map(\.milliseconds))
    metrics["echo_round_trip_ms"] = Distribution(good.flatMap(\.echoRoundTrips))
    notRecovered = hold?.burstEndedAt == nil ? nil : good.filter { $0.recovery == .infinity }.count
    pulsesSent = good.reduce(0) { $0 + $1.pulsesSent }
    pulsesHeard = good.reduce(0) { $0 + $1.pulsesHeard }
    if let load, !good.isEmpty {
      let count = Double(good.count)
      serverCorePerCall = ProcessSampler.coreShare("server", from: load.start, to: load.end) / count
      httpCorePerCall = ProcessSampler.coreShare("http", from: load.start, to: load.end) / count
      sandboxCorePerCall = ProcessSampler.coreShare("sandbox", from: load.start, to: load.end) / count
      memoryBytesPerCall = Double(load.end.residentBytes - idle.residentBytes) / count
    }
  }

  func table() -> String {
    var lines = [
      "",
      "parley bench \(scenario): \(calls) calls, \(failed) failed, on \(machine); Parley's Opus complexity \(opusComplexity)",
      "",
    ]
    let header = ["metric", "n", "min", "p50", "p90", "p99", "max"]
    var rows: [[String]] = []
    for (key, label) in Self.order {
      guard let d = metrics[key] else { continue }
      rows.append(
        [label, String(d.count)] + [d.min, d.p50, d.p90, d.p99, d.max].map { String(format: "%.1f", $0) })
    }
    let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        index == 0
          ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[index] - cell.count) + cell
      }.joined(separator: "  ")
    }
    lines.append(line(header))
    lines += rows.map(line)
    lines.append("")
    if let impairment { lines.append("impairment: \(impairment)") }
    if let network {
      lines.append(
        String(
          format: "phones' uplinks through the emulator: %d datagrams, %d lost (%.1f %%), %d reordered, %d duplicated",
          network.uplinkSent, network.uplinkLost, Double(network.uplinkLost) / Double(max(network.uplinkSent, 1)) * 100,
          network.uplinkReordered, network.uplinkDuplicated))
    }
    if let notRecovered {
      lines.append("calls whose latency did not settle under 60 ms after the burst: \(notRecovered)")
    }
    if pulsesSent > 0 {
      lines.append(
        "pulses heard: \(pulsesHeard) of \(pulsesSent)"
          + (phoneCodecDelay.map {
            String(format: "; the phones' own codec delay (%.1f ms, measured) is taken off", $0)
          }
            ?? ""))
    }
    if let server = serverCorePerCall {
      lines.append(
        String(
          format:
            "CPU per call or participant: Parley media+network threads %.2f %% of a core; HTTP event loops %.2f %%; "
            + "load generator (phones) %.2f %%", server * 100, (httpCorePerCall ?? 0) * 100,
          (sandboxCorePerCall ?? 0) * 100))
    }
    if let memory = memoryBytesPerCall {
      lines.append(
        String(format: "memory per call or participant (process RSS growth, phones included): %.0f KiB", memory / 1024))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    // A call that never recovered after a burst has recovery = ∞.
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }
}
