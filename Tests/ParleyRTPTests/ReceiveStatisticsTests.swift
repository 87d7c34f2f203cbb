import Testing

@testable import ParleyRTP

/// RFC 3550 A.1/A.3 sequence and loss accounting, A.8 jitter, LSR/DLSR and the §6.4.1 round trip, against
/// hand-computed numbers.
@Suite struct ReceiveStatisticsTests {
  /// Feeds sequence numbers with timestamps and arrivals on a clean 20 ms, 48 kHz grid.
  static func feed(_ statistics: inout ReceiveStatistics, _ sequenceNumbers: [UInt16]) {
    for sequenceNumber in sequenceNumbers {
      statistics.receive(
        sequenceNumber: SequenceNumber(sequenceNumber), timestamp: RTPTimestamp(UInt32(sequenceNumber) * 960),
        arrival: Int64(sequenceNumber) * 20_000)
    }
  }

  /// The next report block, which must exist.
  static func report(_ statistics: inout ReceiveStatistics, now: Int64) throws -> RTCPReportBlock {
    let block = statistics.makeReportBlock(now: now)
    return try #require(block)
  }

  @Test func nothingToReportBeforeTheFirstPacket() {
    var statistics = ReceiveStatistics(ssrc: 0x1234, clockRate: 48_000)
    #expect(!statistics.isValid)
    #expect(statistics.expected == 0)
    #expect(statistics.makeReportBlock(now: 0) == nil)
  }

  @Test func lossAcrossTheSequenceNumberWrap() throws {
    var statistics = ReceiveStatistics(ssrc: 0x1234, clockRate: 48_000)
    Self.feed(&statistics, [65530, 65531, 65532, 65533, 65534, 65535, 2, 3, 4, 5])  // 0 and 1 lost
    #expect(statistics.extendedHighestSequenceNumber == 0x0001_0005)
    #expect(statistics.expected == 12)  // 65530 ... 65541
    #expect(statistics.received == 10)
    #expect(statistics.cumulativeLost == 2)
    let block = try Self.report(&statistics, now: 0)
    #expect(block.ssrc == 0x1234)
    #expect(block.fractionLost == 42)  // 2 × 256 / 12 = 42.67
    #expect(block.cumulativeLost == 2)
    #expect(block.extendedHighestSequenceNumber == 0x0001_0005)
  }

  @Test func reorderedPacketsAreNotLost() {
    var statistics = ReceiveStatistics(ssrc: 1, clockRate: 48_000)
    Self.feed(&statistics, [10, 12, 11, 14, 13])
    #expect(statistics.extendedHighestSequenceNumber == 14)
    #expect(statistics.expected == 5)
    #expect(statistics.cumulativeLost == 0)
    // Reordered across the wrap: 65535 arrives after 0 and keeps the earlier cycle.
    var wrapping = ReceiveStatistics(ssrc: 1, clockRate: 48_000)
    Self.feed(&wrapping, [65534, 0, 65535, 1])
    #expect(wrapping.extendedHighestSequenceNumber == 0x0001_0001)
    #expect(wrapping.expected == 4)
    #expect(wrapping.cumulativeLost == 0)
  }

  @Test func duplicatesCountAsReceivedSoLossGoesNegative() throws {
    var statistics = ReceiveStatistics(ssrc: 1, clockRate: 48_000)
    Self.feed(&statistics, [100, 101, 101, 102, 99])  // a duplicate, and a packet from before the first
    #expect(statistics.received == 5)
    #expect(statistics.expected == 3)  // 100 ... 102: the base is the first packet
    #expect(statistics.cumulativeLost == -2)
    let block = try Self.report(&statistics, now: 0)
    #expect(block.fractionLost == 0)  // negative loss in an interval reports 0 (A.3)
    #expect(block.cumulativeLost == -2)
  }

  @Test func fractionLostIsPerReportInterval() throws {
    var statistics = ReceiveStatistics(ssrc: 1, clockRate: 48_000)
    Self.feed(&statistics, [0, 1, 2, 5, 6, 7, 8, 9])  // 3 and 4 lost: 2 of 10
    #expect(try Self.report(&statistics, now: 0).fractionLost == 51)  // 512 / 10 = 51.2
    Self.feed(&statistics, Array(10...19))
    #expect(try Self.report(&statistics, now: 0).fractionLost == 0)
    Self.feed(&statistics, [20, 22, 24, 26, 28, 29])  // 21, 23, 25, 27 lost: 4 of 10
    let third = try Self.report(&statistics, now: 0)
    #expect(third.fractionLost == 102)  // 1024 / 10 = 102.4
    #expect(third.cumulativeLost == 6)
    // An interval with nothing new reports no loss.
    #expect(try Self.report(&statistics, now: 0).fractionLost == 0)
  }

  @Test func cumulativeLossIsClampedTo24Bits() {
    var statistics = ReceiveStatistics(ssrc: 1, clockRate: 48_000)
    var sequenceNumber: UInt16 = 0
    // Each step of 2999 (under MAX_DROPOUT) loses 2998 packets: 2800 steps lose 8,394,400 > 2^23 - 1.
    for _ in 0...2800 {
      statistics.receive(sequenceNumber: SequenceNumber(sequenceNumber), timestamp: 0, arrival: 0)
      sequenceNumber &+= 2999
    }
    #expect(statistics.expected - statistics.received == 2800 * 2998)
    #expect(statistics.cumulativeLost == 0x7F_FFFF)
  }

  @Test func aLargeJumpCountsOnlyOnceConfirmed() {
    var statistics = ReceiveStatistics(ssrc: 1, clockRate: 48_000)
    Self.feed(&statistics, [100, 101])
    let jumpCounts = statistics.receive(sequenceNumber: 20_000, timestamp: 0, arrival: 0)
    #expect(!jumpCounts)  // beyond MAX_DROPOUT
    #expect(statistics.expected == 2 && statistics.received == 2)
    let restartCounts = statistics.receive(sequenceNumber: 20_001, timestamp: 0, arrival: 0)
    #expect(restartCounts)  // the sender restarted
    #expect(statistics.extendedHighestSequenceNumber == 20_001)
    #expect(statistics.expected == 1 && statistics.received == 1)
  }

  @Test func probationNeedsSequentialPackets() {
    var statistics = ReceiveStatistics(ssrc: 1, clockRate: 48_000, probation: ReceiveStatistics.suggestedProbation)
    let firstCounts = statistics.receive(sequenceNumber: 500, timestamp: 0, arrival: 0)
    #expect(!firstCounts)
    #expect(!statistics.isValid)
    let outOfSequenceCounts = statistics.receive(sequenceNumber: 700, timestamp: 0, arrival: 0)
    #expect(!outOfSequenceCounts)  // not sequential: start over
    #expect(!statistics.isValid)
    let confirmingCounts = statistics.receive(sequenceNumber: 701, timestamp: 0, arrival: 0)
    #expect(confirmingCounts)
    #expect(statistics.isValid)
    #expect(statistics.expected == 1 && statistics.received == 1)  // counting starts at the confirming packet
    let nextCounts = statistics.receive(sequenceNumber: 703, timestamp: 0, arrival: 0)
    #expect(nextCounts)
    #expect(statistics.cumulativeLost == 1)
  }

  @Test func jitterIsZeroForConstantSpacing() {
    var statistics = ReceiveStatistics(ssrc: 1, clockRate: 48_000)
    var timestamp = RTPTimestamp(UInt32.max - 5 * 960)  // crosses the timestamp wrap
    for index in 0..<50 {
      statistics.receive(
        sequenceNumber: SequenceNumber(UInt16(index)), timestamp: timestamp, arrival: 3_000_000 + Int64(index) * 20_000)
      timestamp += 960
    }
    #expect(statistics.jitter == 0)
  }

  @Test func jitterForAlternatingArrivals() throws {
    // Packets every 20 ms at 48 kHz, arriving alternately 10 ms late and 10 ms early: every |D| is 20 ms = 960
    // units. J += (|D| - J) / 16 gives 60, 116.25, 169..., tending to 960; the RFC's integer form (J × 16, reported
    // >> 4) gives 60, 116, 169, 218 and settles at 959.
    var statistics = ReceiveStatistics(ssrc: 1, clockRate: 48_000)
    var reported: [UInt32] = []
    for index in 0..<200 {
      let offset: Int64 = index % 2 == 0 ? 10_000 : -10_000
      statistics.receive(
        sequenceNumber: SequenceNumber(UInt16(index)), timestamp: RTPTimestamp(UInt32(index) * 960),
        arrival: 1_000_000 + Int64(index) * 20_000 + offset)
      reported.append(statistics.jitter)
    }
    #expect(Array(reported.prefix(5)) == [0, 60, 116, 169, 218])
    #expect(reported.last == 959)
    #expect(try Self.report(&statistics, now: 0).jitter == 959)
  }

  @Test func lastSenderReportAndDelaySinceIt() throws {
    var statistics = ReceiveStatistics(ssrc: 1, clockRate: 48_000)
    Self.feed(&statistics, [1, 2, 3])
    let withoutReport = try Self.report(&statistics, now: 5_000_000)
    #expect(withoutReport.lastSenderReport == 0 && withoutReport.delaySinceLastSenderReport == 0)
    // The SR of RFC 3550 Figure 2: NTP 0xb44db705:20000000, middle 32 bits 0xb705:2000.
    statistics.receiveSenderReport(
      ntpTimestamp: NTPTimestamp(seconds: 0xB44D_B705, fraction: 0x2000_0000), arrival: 1_000_000)
    let block = try Self.report(&statistics, now: 6_250_000)  // 5.25 s later
    #expect(block.lastSenderReport == 0xB705_2000)
    #expect(block.delaySinceLastSenderReport == 0x0005_4000)
  }

  @Test func roundTripTimeOfTheRFCExample() throws {
    // RFC 3550 Figure 2: A = 0xb710:8000, LSR = 0xb705:2000, DLSR = 0x0005:4000, delay = 0x0006:2000 (6.125 s).
    let block = RTCPReportBlock(
      ssrc: 1, fractionLost: 0, cumulativeLost: 0, extendedHighestSequenceNumber: 0, jitter: 0,
      lastSenderReport: 0xB705_2000, delaySinceLastSenderReport: 0x0005_4000)
    let roundTrip = try #require(RoundTripTime(reportBlock: block, arrival: 0xB710_8000))
    #expect(roundTrip.compactUnits == 0x0006_2000)
    #expect(roundTrip.microseconds == 6_125_000)
  }

  @Test func roundTripTimeEdgeCases() throws {
    var block = RTCPReportBlock(
      ssrc: 1, fractionLost: 0, cumulativeLost: 0, extendedHighestSequenceNumber: 0, jitter: 0,
      lastSenderReport: 0, delaySinceLastSenderReport: 0)
    #expect(RoundTripTime(reportBlock: block, arrival: 0x1234_5678) == nil)  // no SR echoed
    block.lastSenderReport = 0xFFFF_0000  // our SR just before the 16.16 wrap, the report 2 s later
    block.delaySinceLastSenderReport = 0x0000_8000
    #expect(RoundTripTime(reportBlock: block, arrival: 0x0001_0000)?.compactUnits == 0x0001_8000)
    block.delaySinceLastSenderReport = 0x0003_0000  // held longer than has passed: inconsistent
    #expect(RoundTripTime(reportBlock: block, arrival: 0x0001_0000) == nil)
  }

  /// Our SR goes out at NTP time T; the peer receives it 40 ms later, answers 250 ms after that with a report
  /// block built by ``ReceiveStatistics``; the block arrives 40 ms later: the round trip is 80 ms.
  @Test func roundTripThroughAReportBlock() throws {
    let sentAtUnixMicroseconds: Int64 = 1_700_000_000_123_456
    let senderReport = NTPTimestamp(microsecondsSinceUnixEpoch: sentAtUnixMicroseconds)
    var peer = ReceiveStatistics(ssrc: 0xAB, clockRate: 48_000)
    Self.feed(&peer, [7])
    let peerClock: Int64 = 9_000_000  // the peer's monotonic clock, unrelated to ours
    peer.receiveSenderReport(ntpTimestamp: senderReport, arrival: peerClock)
    let block = try Self.report(&peer, now: peerClock + 250_000)
    let arrival = NTPTimestamp(microsecondsSinceUnixEpoch: sentAtUnixMicroseconds + 40_000 + 250_000 + 40_000)
    let roundTrip = try #require(RoundTripTime(reportBlock: block, arrival: arrival.compact))
    #expect(abs(roundTrip.microseconds - 80_000) <= 31)  // within a couple of 1/65536 s units
  }

  @Test func ntpTimestampConversions() {
    let epoch = NTPTimestamp(microsecondsSinceUnixEpoch: 0)
    #expect(epoch.seconds == 2_208_988_800 && epoch.fraction == 0)
    let half = NTPTimestamp(microsecondsSinceUnixEpoch: 1_500_000)
    #expect(half.seconds == 2_208_988_801 && half.fraction == 0x8000_0000)
    #expect(NTPTimestamp(seconds: 0x1234_5678, fraction: 0x9ABC_DEF0).compact == 0x5678_9ABC)
    #expect(NTPTimestamp.compactUnits(microseconds: 1_000_000) == 0x0001_0000)
    #expect(NTPTimestamp.compactUnits(microseconds: 5_250_000) == 0x0005_4000)
    #expect(NTPTimestamp.compactUnits(microseconds: -5) == 0)
    #expect(NTPTimestamp.compactUnits(microseconds: 100_000 * 1_000_000) == UInt32.max)
    #expect(NTPTimestamp.microseconds(compactUnits: 0x0000_8000) == 500_000)
  }
}
