import ParleyJitter
import Testing

/// Decisions for hand-made arrival patterns. `steady` pins the target at 40 ms, so that the packet after
/// the expected one is always here in time and late packets do not move the target.
@Suite struct PlayoutDecisionTests {
  static let steady = JitterBufferConfiguration(initialDelay: 40_000, minimumDelay: 40_000, maximumDelay: 40_000)

  @Test func waitsBeforeTheFirstPacketThenStartsAtTheTarget() {
    let stream = ScriptedStream(Self.steady)
    stream.arriveOnTime(0..<5)
    // Frame 0 arrives at 5 ms; it has waited 40 ms by the tick at 60 ms.
    #expect(stream.run(ticks: 6) == ["wait", "wait", "wait", "play 0", "play 1", "play 2"])
    #expect(stream.buffer.statistics.waited == 3)
  }

  @Test func oneLostPacketWithTheNextPresentIsRecoveredFromFEC() throws {
    let stream = ScriptedStream(Self.steady)
    stream.arriveOnTime([0, 1, 2, 3, 5, 6, 7])
    let decisions = stream.playout(ticks: 11)
    #expect(decisions == ["play 0", "play 1", "play 2", "play 3", "fec 5", "play 5", "play 6", "play 7"])
    let statistics = stream.buffer.statistics
    #expect(statistics.recoveredWithFEC == 1 && statistics.concealed == 0 && statistics.played == 7)
  }

  @Test func theFECPacketStaysBufferedAndReadable() throws {
    let stream = ScriptedStream(Self.steady)
    stream.arriveOnTime([0, 2])
    #expect(stream.run(ticks: 4) == ["wait", "wait", "wait", "play 0"])
    let decision = stream.buffer.nextDecision(now: 80_000)
    guard case .recoverWithFEC(let next) = decision else {
      Issue.record("expected FEC, got \(decision)")
      return
    }
    #expect(stream.frame(of: next) == 2)
    #expect(next.sequenceNumber == stream.firstSequenceNumber &+ 2)
    #expect(next.timestamp == stream.firstTimestamp &+ 2 * 960)
    #expect(stream.buffer.statistics.buffered == 1)
    guard case .play(let slot) = stream.buffer.nextDecision(now: 100_000) else {
      Issue.record("expected frame 2 to play")
      return
    }
    #expect(stream.frame(of: slot) == 2)
  }

  @Test func twoLostPacketsConcealThenRecoverTheSecondFromFEC() {
    let stream = ScriptedStream(Self.steady)
    stream.arriveOnTime([0, 1, 2, 3, 6, 7])
    #expect(stream.playout(ticks: 10) == ["play 0", "play 1", "play 2", "play 3", "conceal", "fec 6", "play 6"])
  }

  @Test func aLostPacketWhoseSuccessorIsNotHereYetIsConcealed() {
    // A low target (about 5 ms): the packet after the lost one arrives after the lost one's tick.
    let stream = ScriptedStream(JitterBufferConfiguration(initialDelay: 0))
    stream.arriveOnTime([0, 1, 2, 3, 5, 6])
    #expect(stream.playout(ticks: 8) == ["play 0", "play 1", "play 2", "play 3", "conceal", "play 5", "play 6"])
  }

  @Test func reorderedPacketsPlayInOrderAndDuplicatesAreCountedNotPlayed() {
    let stream = ScriptedStream(Self.steady)
    stream.arriveOnTime([0, 3, 4, 6, 7, 8, 9, 10])
    stream.arrive(2, at: 45_000)
    stream.arrive(1, at: 50_000)  // after frame 2
    stream.arrive(2, at: 46_000)  // a copy while frame 2 is buffered
    stream.arrive(2, at: 110_000)  // a copy after frame 2 played
    stream.arrive(5, at: 250_000)  // after its frame was recovered from FEC
    stream.arrive(5, at: 251_000)
    let decisions = stream.playout(ticks: 14)
    #expect(decisions == ["play 0", "play 1", "play 2", "play 3", "play 4", "fec 6"] + (6...10).map { "play \($0)" })
    #expect(stream.insertResults[2] == [.inserted, .duplicate, .duplicate])
    #expect(stream.insertResults[5] == [.late, .late])
    let statistics = stream.buffer.statistics
    #expect(statistics.duplicates == 2 && statistics.late == 2 && statistics.played == 10)
  }

  @Test func aTimestampGapWithoutASequenceGapIsSilenceNotLoss() {
    let stream = ScriptedStream(Self.steady)
    stream.arriveOnTime(0..<5)
    // The sender skipped frames 5...7 (DTX): frame 8 carries the next sequence number.
    for frame in 8..<11 { stream.arrive(frame, at: Int64(frame) * 20_000 + 5_000, sequence: frame - 3) }
    let decisions = stream.playout(ticks: 13)
    // Frame 5's tick cannot tell silence from loss yet; once frame 8 is here, it can.
    #expect(
      decisions == ["play 0", "play 1", "play 2", "play 3", "play 4", "conceal", "wait", "wait", "play 8", "play 9"])
  }

  @Test func nothingBufferedConcealsAFewFramesThenWaits() {
    let stream = ScriptedStream(Self.steady)
    stream.arriveOnTime(0..<3)
    let decisions = stream.playout(ticks: 13)
    #expect(decisions == ["play 0", "play 1", "play 2"] + Array(repeating: "conceal", count: 5) + ["wait", "wait"])
  }

  @Test func aForwardTimestampJumpResynchronizesWithoutWaiting() {
    let stream = ScriptedStream(Self.steady)
    stream.arriveOnTime(0..<10)
    // 20 s later on the sender's timestamps, same pace of arrivals, sequence numbers continue.
    for index in 10..<15 { stream.arrive(990 + index, at: Int64(index) * 20_000 + 5_000, sequence: index) }
    let decisions = stream.playout(ticks: 18)
    #expect(decisions == (0..<10).map { "play \($0)" } + (1000..<1005).map { "play \($0)" })
    #expect(stream.buffer.statistics.resynchronizations == 1)
  }

  @Test func aBackwardTimestampJumpResynchronizesAfterThreePackets() {
    let stream = ScriptedStream(Self.steady)
    stream.arriveOnTime(0..<10)
    for index in 10..<20 { stream.arrive(index - 1000, at: Int64(index) * 20_000 + 5_000, sequence: index) }
    let decisions = stream.playout(ticks: 23)
    let statistics = stream.buffer.statistics
    #expect(statistics.resynchronizations == 1)
    #expect(statistics.late == 2, "the first two are late; the third starts the new timeline")
    // The new timeline starts like a new stream: it waits for the target delay.
    #expect(decisions == (0..<10).map { "play \($0)" } + ["wait", "wait"] + (-988 ..< -980).map { "play \($0)" })
  }

  @Test func resetStartsANewStreamAndKeepsTheCounters() {
    let stream = ScriptedStream(Self.steady)
    stream.arriveOnTime(0..<5)
    _ = stream.run(ticks: 6)
    stream.buffer.reset()
    let other = ScriptedStream(Self.steady, firstSequenceNumber: 7, firstTimestamp: 123_456)
    let payload: [UInt8] = [1, 2, 3]
    payload.withUnsafeBytes { bytes in
      #expect(
        stream.buffer.insert(sequenceNumber: 7, timestamp: 123_456, arrival: 125_000, payload: bytes) == .inserted)
    }
    #expect(stream.buffer.nextDecision(now: 140_000) == .wait)
    guard case .play(let slot) = stream.buffer.nextDecision(now: 170_000) else {
      Issue.record("the new stream did not start")
      return
    }
    #expect(slot.sequenceNumber == 7 && slot.timestamp == 123_456)
    #expect(stream.buffer.withPayload(slot) { Array($0) } == payload)
    #expect(stream.buffer.statistics.played == 4)
    _ = other
  }
}
