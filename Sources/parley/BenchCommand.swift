import ArgumentParser
import Foundation
import Logging
import ParleyServer

struct BenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Latency and load benchmark of the whole stack on loopback (serve + sandbox phones in one process).",
    discussion: """
      echo: --calls concurrent user-initiated calls answered with echo, held --seconds (--sweep 10,25,50 runs \
      several N and draws CPU against N). setup: calls arriving at --rate per second for --seconds, each held a \
      second. room: one mixing room of --calls WebRTC participants, --speakers of them playing tones. Per call: \
      webhook → pre_accept, → ICE, → DTLS, → media; the phones' marked pulses timed through the echo; jitter-buffer \
      delay and concealment; CPU of Parley's threads apart from the phones' (from /proc); memory per call. \
      --out DIR writes DIR/<scenario>.json and an SVG histogram. Media addresses: PARLEY_MEDIA_ADDRESSES.
      """)

  @Argument(help: "echo, setup or room.") var scenario: String = "echo"
  @Option(help: "Concurrent calls (echo) or participants (room).") var calls: Int = 10
  @Option(help: "Seconds to hold the calls (echo, room) or to keep placing them (setup).") var seconds: Double = 10
  @Option(help: "Calls per second (setup).") var rate: Double = 5
  @Option(help: "Participants playing tones (room).") var speakers: Int = 3
  @Option(help: "Echo only: comma-separated call counts to run one after another.") var sweep: String?
  @Option(help: "A folder for JSON results and SVG pictures.") var out: String?
  @Option(help: "Log level for the server's own lines.") var logLevel: String = "error"

  func run() async throws {
    guard let chosen = Bench.Scenario(rawValue: scenario) else {
      throw ValidationError(
        "scenario must be one of \(Bench.Scenario.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard (1...2_000).contains(calls), seconds > 0, rate > 0, speakers >= 0 else {
      throw ValidationError("--calls must be 1…2000, --seconds and --rate positive")
    }
    var logger = Logger(label: "parley-bench")
    logger.logLevel = Logger.Level(rawValue: logLevel) ?? .error
    let raw = ProcessInfo.processInfo.environment["PARLEY_MEDIA_ADDRESSES"] ?? "127.0.0.1"
    let addresses = raw.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty }
    let options = Bench.Options(
      scenario: chosen, calls: calls, seconds: seconds, rate: rate, speakers: speakers, addresses: addresses)
    if let sweep {
      let counts = sweep.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard chosen == .echo, !counts.isEmpty, counts.allSatisfy({ (1...2_000).contains($0) }) else {
        throw ValidationError("--sweep takes call counts (1…2000) and works with echo")
      }
      guard try await Bench.sweep(options, counts: counts, out: out ?? "bench-results", logger: logger) else {
        throw ExitCode(1)
      }
      return
    }
    guard try await Bench.run(options, out: out, logger: logger).failed == 0 else { throw ExitCode(1) }
  }
}
