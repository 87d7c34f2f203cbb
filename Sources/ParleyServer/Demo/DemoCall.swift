import Foundation
import ParleyMedia

/// What the demo saw of one call, for its summary table.
struct DemoCall: Sendable {
  var label: String
  var direction: String
  var expected: String
  var outcome = "—"
  var setupMilliseconds: Int64?
  var preAcceptMilliseconds: Int64?
  var iceMilliseconds: Int64?
  var dtlsMilliseconds: Int64?
  var audioBothWays: Bool?
  var echoLatencyMilliseconds: Double?
  var jitterDelayMilliseconds: Int64?
  var problems: [String] = []

  var passed: Bool { problems.isEmpty }

  static func table(_ calls: [DemoCall]) -> String {
    func ms(_ value: Int64?) -> String { value.map { "\($0) ms" } ?? "—" }
    let header = [
      "call", "direction", "outcome", "→pre_accept", "→ICE", "→DTLS", "→connected", "audio both ways",
      "echo latency p50", "jitter delay", "ok",
    ]
    let rows = calls.map { call in
      [
        call.label, call.direction, call.outcome, ms(call.preAcceptMilliseconds), ms(call.iceMilliseconds),
        ms(call.dtlsMilliseconds), ms(call.setupMilliseconds),
        call.audioBothWays.map { $0 ? "yes" : "NO" } ?? "—",
        call.echoLatencyMilliseconds.map { String(format: "%.0f ms", $0) } ?? "—", ms(call.jitterDelayMilliseconds),
        call.passed ? "✓" : "✗",
      ]
    }
    let widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
    }
    return ([line(header), line(widths.map { String(repeating: "─", count: $0) })] + rows.map(line))
      .joined(separator: "\n")
  }
}
