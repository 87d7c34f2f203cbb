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
      delay, loss and concealment; CPU of Parley's threads apart from the phones' (from /proc); memory per call. \
      Pulses are timed by the arrival of the RTP packet that carries them back (echo) or in another \
      participant's mix (room): the one-way latency Parley adds. --loss/--jitter/--duplicate put every phone's \
      media through a user-space relay that impairs its uplink, for the whole hold or a --burst START,SECONDS \
      of it (then the time until the latency stays under 60 ms is measured). --json FILE writes the results \
      and SVG pictures beside it (FILE-latency.svg, FILE-timeline.svg); --out DIR names them DIR/<scenario>.*. \
      Media addresses: PARLEY_MEDIA_ADDRESSES.
      """)

  @Argument(help: "echo, setup or room.") var scenario: String = "echo"
  @Option(help: "Concurrent calls (echo) or participants (room).") var calls: Int = 10
  @Option(help: "Seconds to hold the calls (echo, room) or to keep placing them (setup).") var seconds: Double = 10
  @Option(help: "Calls per second (setup).") var rate: Double = 5
  @Option(help: "Participants playing tones (room).") var speakers: Int = 3
  @Option(help: "Echo only: comma-separated call counts to run one after another.") var sweep: String?
  @Option(help: "A folder for JSON results and SVG pictures.") var out: String?
  @Option(help: "Write the results here (JSON); the pictures go beside it.") var json: String?
  @Option(help: "Percent of the phones' packets to drop on the way to Parley.") var loss: Double = 0
  @Option(help: "Milliseconds of uniform jitter (0…this) on the phones' packets; they may overtake each other.")
  var jitter: Double = 0
  @Flag(help: "With --jitter: keep the phones' packets in order (a queue, not a reordering network).")
  var inOrder = false
  @Option(help: "Percent of the phones' packets to deliver twice.") var duplicate: Double = 0
  @Option(help: "START,SECONDS: impair only from START for SECONDS of the hold (e.g. 5,5), then measure recovery.")
  var burst: String?
  @Option(help: "The server's Opus encoder complexity, 0…10 (PARLEY_OPUS_COMPLEXITY).") var opusComplexity: Int = 5
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
    var impairment = BenchImpairment(
      lossPercent: loss, jitterMilliseconds: jitter, keepsOrder: inOrder, duplicatePercent: duplicate)
    if let burst {
      guard let parsed = BenchImpairment.parseBurst(burst) else {
        throw ValidationError("--burst takes START,SECONDS in seconds, e.g. 5,5")
      }
      impairment.burst = parsed
    }
    if let problem = impairment.validate(holdSeconds: seconds) { throw ValidationError(problem) }
    guard (0...10).contains(opusComplexity) else { throw ValidationError("--opus-complexity is 0…10") }
    guard !impairment.isActive || chosen != .setup else {
      throw ValidationError("impairments apply to echo and room (setup runs clean)")
    }
    let options = Bench.Options(
      scenario: chosen, calls: calls, seconds: seconds, rate: rate, speakers: speakers, addresses: addresses,
      impairment: impairment, opusComplexity: opusComplexity)
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
    guard try await Bench.run(options, out: out, json: json, logger: logger).failed == 0 else { throw ExitCode(1) }
  }
}
