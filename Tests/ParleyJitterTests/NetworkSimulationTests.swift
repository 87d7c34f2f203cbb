import ParleyJitter
import ParleyTesting
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// 60-second calls over a ``VirtualLink``, with a receiver ticking every 20 ms of simulated time.
@Suite struct NetworkSimulationTests {
  static let second: Int64 = 1_000_000
  static let frame: Int64 = 20_000
  static let impaired = LinkConditions(jitter: .uniform(maximum: 40_000), loss: 0.05)

  @Test func cleanNetworkConcealsNothingAndStaysUnder40Milliseconds() {
    let call = CallSimulation()  // sequence numbers wrap after 536 frames, timestamps after 1007
    call.run(for: 60 * Self.second)
    let statistics = call.buffer.statistics
    #expect(statistics.concealed == 0)
    #expect(statistics.recoveredWithFEC == 0)
    #expect(statistics.late == 0)
    #expect(statistics.played >= call.sentFrames - 3)
    let worst = call.ticks.map(\.statistics.currentDelay).max() ?? 0
    #expect(worst <= 40_000, "worst delay \(ms(worst))")
    #expect(zip(call.playedFrames, call.playedFrames.dropFirst()).allSatisfy { $0 < $1 })
    print("clean 60 s: worst delay \(ms(worst)), target \(ms(statistics.targetDelay)), \(statistics)")
  }

  @Test func jitterAndLossConcealNearTheLossRateAndRecoverWithin5Seconds() {
    let schedule = LinkSchedule().changing(to: Self.impaired, at: 10 * Self.second)
      .changing(to: .clean, at: 30 * Self.second)
    let call = CallSimulation(seed: 42, schedule: schedule)
    let cpuStart = threadCPUTime()
    call.run(for: 60 * Self.second)
    let cpu = threadCPUTime() - cpuStart

    // The impaired period, from when its first packets arrive to when its last have played.
    let impaired = call.ticks(in: 10 * Self.second + 50_000..<30 * Self.second + 50_000)
    let lostOrLate = impaired.filter { $0.kind == .conceal || $0.kind == .recoverWithFEC }.count
    let concealedFraction = Double(lostOrLate) / Double(impaired.count)
    let delays = impaired.map(\.statistics.currentDelay)
    let p95 = percentile(delays, 0.95)
    #expect(concealedFraction <= 1.5 * 0.05 + 0.01, "concealed + FEC \(concealedFraction)")
    #expect(concealedFraction >= 0.03, "losses went unnoticed: \(concealedFraction)")
    #expect(p95 < 80_000, "p95 delay under impairment \(ms(p95))")

    // After the impairment: the delay is back under 40 ms within 5 s, and stays there.
    let after = call.ticks(in: 30 * Self.second..<60 * Self.second)
    let lastHigh = after.last { $0.statistics.currentDelay > 40_000 }
    let recovery = (lastHigh?.time ?? 30 * Self.second) - 30 * Self.second
    #expect(recovery <= 5 * Self.second, "back under 40 ms after \(ms(recovery))")

    // The backlog left by the impairment drained one packet at a time, spaced, never flushed.
    let drops = zip(call.ticks, call.ticks.dropFirst()).enumerated().compactMap { index, pair in
      pair.1.statistics.dropped > pair.0.statistics.dropped
        ? (index, pair.1.statistics.dropped - pair.0.statistics.dropped) : nil
    }
    #expect(drops.allSatisfy { $0.1 == 1 })
    #expect(zip(drops, drops.dropFirst()).allSatisfy { $1.0 - $0.0 >= 5 })
    let statistics = call.buffer.statistics
    #expect(statistics.dropped >= 2, "the delay built up under jitter came down by dropping")
    #expect(statistics.overflow == 0)
    #expect(statistics.decisions == call.ticks.count)
    #expect(statistics.packetsAccountedFor == call.insertedPackets)
    #expect(zip(call.playedFrames, call.playedFrames.dropFirst()).allSatisfy { $0 < $1 })
    let fec = impaired.filter { $0.kind == .recoverWithFEC }.count
    let stretches = impaired.filter { $0.kind == .stretch }.count
    print(
      """
      impaired 20 s (40 ms jitter, 5 % loss; link lost \(call.link.statistics.lost)/\(call.link.statistics.sent)): \
      concealed + FEC \(lostOrLate)/\(impaired.count) = \(concealedFraction) (FEC \(fec)), stretched \(stretches), \
      p95 delay \(ms(p95)), max \(ms(delays.max() ?? 0)); recovery under 40 ms after \(ms(recovery)); \
      60 s simulated in \(cpu / 1000) ms of CPU; \(statistics)
      """)
  }

  @Test(arguments: [-100.0, 100.0])
  func clockDriftStaysBoundedFor60Seconds(ppm: Double) {
    let call = CallSimulation(seed: 7, clockDrift: ppm)
    call.run(for: 60 * Self.second)
    checkDriftBounded(call, ppm: ppm)
  }

  @Test(arguments: [-100.0, 100.0])
  func clockDriftStaysBoundedFor10Minutes(ppm: Double) {
    let call = CallSimulation(
      seed: 8, schedule: LinkSchedule(LinkConditions(jitter: .uniform(maximum: 5_000))), clockDrift: ppm)
    call.run(for: 5 * Self.second)
    let warmedUp = call.buffer.statistics
    call.run(for: 595 * Self.second)
    let statistics = checkDriftBounded(call, ppm: ppm)
    // 100 ppm of 10 minutes is 60 ms, three frames: drained one at a time in the right direction.
    let dropped = statistics.dropped - warmedUp.dropped
    let stretched = statistics.stretched - warmedUp.stretched
    if ppm < 0 {
      #expect((2...5).contains(dropped) && stretched <= 1, "sender fast: dropped \(dropped), stretched \(stretched)")
    } else {
      #expect((2...5).contains(stretched) && dropped <= 1, "sender slow: dropped \(dropped), stretched \(stretched)")
    }
    print("drift \(ppm) ppm, 10 min: dropped \(dropped), stretched \(stretched) after warm-up; \(statistics)")
  }

  @discardableResult
  private func checkDriftBounded(_ call: CallSimulation, ppm: Double) -> JitterStatistics {
    let settled = call.ticks.dropFirst(50)
    let excess = settled.map { $0.statistics.currentDelay - $0.statistics.targetDelay }.max() ?? 0
    let playoutExcess = settled.map { $0.statistics.playoutDelay - $0.statistics.targetDelay }.max() ?? 0
    #expect(excess <= 2 * Self.frame + Self.frame / 4, "delay above target by \(ms(excess))")
    #expect(playoutExcess < Self.frame + Self.frame / 4 + 1_000, "playout delay above target by \(ms(playoutExcess))")
    let statistics = call.buffer.statistics
    #expect(statistics.decisions == call.ticks.count)
    #expect(statistics.packetsAccountedFor == call.insertedPackets)
    // Drift alone loses nothing; the 5 ms of jitter in the 10-minute run lets the odd packet miss a 95 % target.
    #expect(statistics.overflow == 0)
    #expect(statistics.concealed + statistics.late <= call.ticks.count / 1000, "\(statistics)")
    #expect(zip(call.playedFrames, call.playedFrames.dropFirst()).allSatisfy { $0 < $1 })
    print("drift \(ppm) ppm: worst delay above target \(ms(excess)), playout \(ms(playoutExcess)); \(statistics)")
    return statistics
  }
}

/// CPU time this thread has used, in microseconds.
func threadCPUTime() -> Int64 {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1_000
}
