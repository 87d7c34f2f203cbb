import Foundation
import Logging
import ParleyMedia
import ParleyServer
import ParleyTesting
import Testing

/// `parley bench` end to end on loopback (short runs), and its pure parts.
@Suite(.serialized) struct BenchTests {
  /// Runs a scenario into a temporary JSON file and returns the file's object and its folder.
  func run(_ options: Bench.Options) async throws -> (json: [String: Any], folder: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-bench-\(UInt32.random(in: 0...UInt32.max))")
    let path = folder.appendingPathComponent("\(options.scenario.rawValue).json").path
    var logger = Logger(label: "bench-test")
    logger.logLevel = .error
    _ = try await Bench.run(options, out: nil, json: path, logger: logger)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return (try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]), folder)
  }

  func metric(_ json: [String: Any], _ key: String) -> [String: Double]? {
    ((json["metrics"] as? [String: Any])?[key] as? [String: Any])?.compactMapValues { ($0 as? NSNumber)?.doubleValue }
  }

  @Test func echoWithLossOnThePhonesUplinksCountsItAndTimesPulsesByArrival() async throws {
    let options = Bench.Options(
      scenario: .echo, calls: 2, seconds: 4, rate: 1, addresses: ["127.0.0.1"],
      impairment: BenchImpairment(lossPercent: 20))
    let (json, folder) = try await run(options)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(json["failed"] as? Int == 0)
    let network = try #require(json["network"] as? [String: Int])
    let sent = try #require(network["uplink_sent"])
    let lost = try #require(network["uplink_lost"])
    #expect(sent > 300 && (0.12...0.28).contains(Double(lost) / Double(sent)), "\(lost) of \(sent)")
    // Parley's own count of what went missing on the way in, per call.
    let lostPercent = try #require(metric(json, "lost_percent"))
    #expect((10...30).contains(lostPercent["p50"] ?? -1), "\(lostPercent)")
    let added = try #require(metric(json, "added_latency_ms"))
    #expect((added["count"] ?? 0) >= 10, "\(added)")
    #expect((5...100).contains(added["p50"] ?? -1), "\(added)")
    #expect((json["phone_codec_delay_ms"] as? Double).map { (3...12).contains($0) } == true)
    let latency = try String(contentsOf: folder.appendingPathComponent("echo-latency.svg"), encoding: .utf8)
    #expect(latency.contains("<rect x=") && latency.contains("n = \(Int(added["count"] ?? 0))"))
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("echo-timeline.svg").path))
  }

  @Test func aRoomListenerTimesTheSpeakersPulsesInTheMix() async throws {
    let options = Bench.Options(scenario: .room, calls: 4, seconds: 3, rate: 1, speakers: 1, addresses: ["127.0.0.1"])
    let (json, folder) = try await run(options)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(json["failed"] as? Int == 0)
    #expect(json["network"] == nil, "no impairment: the phones talk to Parley directly")
    let added = try #require(metric(json, "added_latency_ms"))
    // 3 listeners, a pulse every 500 ms for 3 s each.
    #expect((added["count"] ?? 0) >= 12, "\(added)")
    #expect((5...80).contains(added["p50"] ?? -1), "\(added)")
    let lost = try #require(metric(json, "lost_percent"))
    #expect(lost["max"] == 0)
  }

  @Test func aJitterBurstRaisesTheLatencyAndItsRecoveryIsMeasured() async throws {
    let options = Bench.Options(
      scenario: .echo, calls: 1, seconds: 7, rate: 1, addresses: ["127.0.0.1"],
      impairment: BenchImpairment(jitterMilliseconds: 80, burst: .init(start: 1, seconds: 2.5)))
    let (json, folder) = try await run(options)
    defer { try? FileManager.default.removeItem(at: folder) }
    let calls = try #require(json["per_call"] as? [[String: Any]])
    let pulses = try #require(calls.first?["oneWay"] as? [[String: Any]])
    let values = pulses.compactMap { ($0["milliseconds"] as? NSNumber)?.doubleValue }
    let first = try #require(values.first)
    let highest = try #require(values.max())
    #expect(highest > first + 30, "the burst's jitter shows in the latency: \(values)")
    #expect(json["not_recovered"] as? Int == 0)
    let recovery = try #require(metric(json, "recovery_ms"))
    #expect((0...4_500).contains(recovery["max"] ?? -1), "\(recovery)")
  }

  @Test func recoveryIsTheFirstPulseAfterWhichTheLatencyStaysUnderTheBound() {
    // Pulses every 500 ms; the burst ends at 1 s; the hold's cutoff is 5 s.
    let sent = (0..<11).map { Int64($0) * 500_000 }
    func heard(_ values: [Double?]) -> [OneWayLatency] {
      values.enumerated().compactMap { index, value in
        value.map { OneWayLatency(sentAt: Int64(index) * 500_000, milliseconds: $0) }
      }
    }
    func recovery(_ values: [Double?], sent: [Int64] = sent) -> Double? {
      LatencyRecovery.milliseconds(heard(values), sent: sent, burstEnd: 1_000_000, cutoff: 5_000_000)
    }
    // After the burst: 90, 70, 40, 65, then ≤ 60 from 3.0 s on.
    #expect(recovery([20, 20, 90, 70, 40, 65, 30, 25, 22, 21, 20]) == 2_000)
    #expect(recovery([20, 20, 30, 25, 22, 21, 20, 20, 20, 20, 20]) == 0)
    #expect(recovery([20, 20, 30, 25, 22, 21, 20, 20, 90, 20, 20]) == 3_500, "one late pulse restarts the count")
    #expect(recovery([20, 20, 30, 25, 22, 21, 20, 20, 20, 90, 20]) == .infinity, "the 5.0 s pulse is past the cutoff")
    // Pulses sent and never heard count as over the bound; pulses after the cutoff are not waited for.
    #expect(recovery([20, 20, 30, 25, nil, 21, 20, 20, 20, 20, nil]) == 1_500)
    #expect(recovery([20, 20, nil, nil, nil, nil, nil, nil, nil, nil, nil]) == .infinity, "audio never came back")
    #expect(recovery([20, 20], sent: [0, 500_000]) == nil, "no pulse went out after the burst")
  }

  @Test func impairmentOptionsAreChecked() {
    #expect(BenchImpairment.parseBurst("5,5") == .init(start: 5, seconds: 5))
    #expect(BenchImpairment.parseBurst("5") == nil && BenchImpairment.parseBurst("a,b") == nil)
    #expect(BenchImpairment(lossPercent: 10).validate(holdSeconds: 10) == nil)
    #expect(BenchImpairment(lossPercent: 120).validate(holdSeconds: 10) != nil)
    #expect(BenchImpairment(burst: .init(start: 1, seconds: 1)).validate(holdSeconds: 10) != nil, "a burst of nothing")
    let late = BenchImpairment(jitterMilliseconds: 40, burst: .init(start: 5, seconds: 5))
    #expect(late.validate(holdSeconds: 10)?.contains("before the hold does") == true)
    #expect(
      BenchImpairment(jitterMilliseconds: 40, burst: .init(start: .nan, seconds: 5)).validate(holdSeconds: 20) != nil)
    #expect(BenchImpairment(lossPercent: .nan).validate(holdSeconds: 10) != nil)
    #expect(BenchImpairment(jitterMilliseconds: 40).conditions.jitter == .uniform(maximum: 40_000))
    #expect(!BenchImpairment.none.isActive)
  }
}
