import ParleyTesting
import Testing

@Suite struct VirtualLinkTests {
  static let jittery = LinkConditions(jitter: .uniform(maximum: 40_000), loss: 0.05, duplication: 0.02)

  /// Sends `count` packets 20 ms apart and returns (packet, arrival) in arrival order.
  static func transmit(_ link: inout VirtualLink<Int>, count: Int) -> [(Int, Int64)] {
    var arrivals: [(Int, Int64)] = []
    for index in 0..<count { link.send(index, at: Int64(index) * 20_000) }
    link.deliver(until: .max) { arrivals.append(($0, $1)) }
    return arrivals
  }

  @Test func theSameSeedGivesTheSameArrivals() {
    var first = VirtualLink<Int>(seed: 5, schedule: LinkSchedule(Self.jittery))
    var second = VirtualLink<Int>(seed: 5, schedule: LinkSchedule(Self.jittery))
    var other = VirtualLink<Int>(seed: 6, schedule: LinkSchedule(Self.jittery))
    let a = Self.transmit(&first, count: 1000)
    let b = Self.transmit(&second, count: 1000)
    let c = Self.transmit(&other, count: 1000)
    #expect(a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1))
    #expect(a.map(\.1) != c.map(\.1))
  }

  @Test func lossJitterReorderingAndDuplicationFollowTheConditions() {
    var link = VirtualLink<Int>(seed: 11, schedule: LinkSchedule(Self.jittery))
    let arrivals = Self.transmit(&link, count: 20_000)
    let statistics = link.statistics
    #expect((800...1200).contains(statistics.lost), "lost \(statistics.lost) of 20000")
    #expect((250...550).contains(statistics.duplicated))
    #expect(statistics.delivered == 20_000 - statistics.lost + statistics.duplicated)
    let delays = arrivals.map { $0.1 - Int64($0.0) * 20_000 }
    #expect(delays.allSatisfy { (30_000...70_000).contains($0) })
    #expect(zip(arrivals, arrivals.dropFirst()).contains { $0.0 > $1.0 }, "40 ms of jitter reorders 20 ms packets")
    #expect(zip(arrivals, arrivals.dropFirst()).allSatisfy { $0.1 <= $1.1 }, "delivered in arrival order")
  }

  @Test func burstsLoseRunsOfPackets() {
    let bursty = LinkConditions(burstLoss: .init(startProbability: 0.01, meanLength: 5))
    var link = VirtualLink<Int>(seed: 2, schedule: LinkSchedule(bursty))
    let received = Set(Self.transmit(&link, count: 50_000).map(\.0))
    var runs: [Int] = []
    var run = 0
    for index in 0..<50_000 {
      if received.contains(index) {
        if run > 0 { runs.append(run) }
        run = 0
      } else {
        run += 1
      }
    }
    let mean = Double(runs.reduce(0, +)) / Double(runs.count)
    #expect((4.0...6.0).contains(mean), "mean burst \(mean)")
  }

  @Test func aFIFOLinkNeverReorders() {
    let fifo = LinkConditions(jitter: .exponential(mean: 20_000, maximum: 200_000), preservesOrder: true)
    var link = VirtualLink<Int>(seed: 4, schedule: LinkSchedule(fifo))
    let arrivals = Self.transmit(&link, count: 5_000)
    #expect(arrivals.map(\.0) == Array(0..<5_000))
  }

  @Test func theSenderClockDriftsInPartsPerMillion() {
    let slow = VirtualLink<Int>(seed: 1, clockDrift: 100)
    let fast = VirtualLink<Int>(seed: 1, clockDrift: -100)
    #expect(slow.receiverTime(ofSenderTime: 60_000_000) == 60_006_000)
    #expect(fast.receiverTime(ofSenderTime: 60_000_000) == 59_994_000)
  }

  @Test func theScheduleChangesConditionsAtItsTimes() {
    let schedule = LinkSchedule().changing(to: Self.jittery, at: 10_000_000).changing(to: .clean, at: 30_000_000)
    #expect(schedule.conditions(at: 9_999_999) == .clean)
    #expect(schedule.conditions(at: 10_000_000) == Self.jittery)
    #expect(schedule.conditions(at: 29_999_999) == Self.jittery)
    #expect(schedule.conditions(at: 30_000_000) == .clean)
    var link = VirtualLink<Int>(seed: 9, schedule: schedule)
    let arrivals = Self.transmit(&link, count: 3_000)
    let clean = arrivals.filter { $0.0 < 500 || $0.0 >= 1_500 }
    #expect(clean.count == 2_000 && clean.allSatisfy { $0.1 - Int64($0.0) * 20_000 == 30_000 })
  }

  @Test func deliveryStopsAtTheGivenTime() {
    var link = VirtualLink<Int>(seed: 1)
    link.send(1, at: 0)
    link.send(2, at: 20_000)
    var delivered: [Int] = []
    link.deliver(until: 40_000) { packet, _ in delivered.append(packet) }
    #expect(delivered == [1] && link.inFlightCount == 1)
    link.deliver(until: 50_000) { packet, _ in delivered.append(packet) }
    #expect(delivered == [1, 2] && link.inFlightCount == 0)
  }
}
