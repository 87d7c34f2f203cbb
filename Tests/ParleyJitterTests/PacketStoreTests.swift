import ParleyJitter
import ParleyTesting
import Testing

/// The fixed slots: overflow, oversized payloads, copies, and no slot leaking over a long, lossy call.
@Suite struct PacketStoreTests {
  @Test func aFullBufferDropsItsOldestPacketAndCountsIt() {
    let stream = ScriptedStream(JitterBufferConfiguration(capacity: 4, maximumDelay: 60_000))
    for frame in 0..<6 { stream.insert(frame, at: 5_000) }
    #expect(
      (0..<6).map { stream.insertResults[$0]![0] } == [
        .inserted, .inserted, .inserted, .inserted, .overflow, .overflow,
      ])
    #expect(stream.insert(1, at: 6_000) == .overflow, "older than everything buffered: itself dropped")
    let statistics = stream.buffer.statistics
    #expect(statistics.overflow == 3 && statistics.buffered == 4)
    #expect(stream.buffer.freeSlots == 0)
    #expect(stream.playout(ticks: 5) == ["play 2", "play 3", "play 4", "play 5"])
    #expect(stream.buffer.freeSlots == 4)
  }

  @Test func anOversizedPayloadIsRefusedAndCounted() {
    let buffer = JitterBuffer(configuration: JitterBufferConfiguration(slotSize: 100))
    let big = [UInt8](repeating: 1, count: 101)
    let result = big.withUnsafeBytes { buffer.insert(sequenceNumber: 1, timestamp: 960, arrival: 0, payload: $0) }
    #expect(result == .oversized)
    #expect(buffer.statistics.oversized == 1 && buffer.statistics.buffered == 0)
    let exact = [UInt8](repeating: 2, count: 100)
    #expect(
      exact.withUnsafeBytes { buffer.insert(sequenceNumber: 2, timestamp: 1920, arrival: 0, payload: $0) } == .inserted)
  }

  @Test func thePayloadIsCopiedAtInsert() {
    let buffer = JitterBuffer()
    var payload: [UInt8] = [1, 2, 3, 4]
    payload.withUnsafeBytes { _ = buffer.insert(sequenceNumber: 9, timestamp: 0, arrival: 0, payload: $0) }
    payload[0] = 99
    guard case .play(let slot) = buffer.nextDecision(now: 30_000) else {
      Issue.record("expected the packet to play")
      return
    }
    #expect(slot.length == 4)
    #expect(buffer.withPayload(slot) { Array($0) } == [1, 2, 3, 4])
  }

  @Test func readingASlotAfterItWasReusedTraps() async {
    await #expect(processExitsWith: .failure) {
      let buffer = JitterBuffer(configuration: JitterBufferConfiguration(capacity: 2, maximumDelay: 20_000))
      let payload: [UInt8] = [1]
      payload.withUnsafeBytes { _ = buffer.insert(sequenceNumber: 0, timestamp: 0, arrival: 0, payload: $0) }
      guard case .play(let slot) = buffer.nextDecision(now: 30_000) else { return }
      for frame in 1...2 {
        payload.withUnsafeBytes {
          _ = buffer.insert(sequenceNumber: UInt16(frame), timestamp: UInt32(frame * 960), arrival: 0, payload: $0)
        }
      }
      _ = buffer.withPayload(slot) { $0.count }
    }
  }

  @Test func noSlotLeaksOverALongLossyCall() {
    let conditions = LinkConditions(
      jitter: .exponential(mean: 15_000, maximum: 120_000), loss: 0.05,
      burstLoss: .init(startProbability: 0.01, meanLength: 4), duplication: 0.05)
    let call = CallSimulation(
      configuration: JitterBufferConfiguration(capacity: 16, maximumDelay: 300_000), seed: 3,
      schedule: LinkSchedule(conditions))
    call.run(for: 60_000_000)
    call.isSending = false
    call.run(for: 2_000_000)
    let statistics = call.buffer.statistics
    #expect(call.buffer.freeSlots == 16)
    #expect(statistics.buffered == 0)
    #expect(statistics.packetsAccountedFor == call.insertedPackets)
    #expect(statistics.decisions == call.ticks.count)
    #expect(statistics.duplicates > 0 && statistics.late > 0)
    #expect(
      zip(call.playedFrames, call.playedFrames.dropFirst()).allSatisfy { $0 < $1 }, "played twice or out of order")
    print("lossy 60 s, 16 slots: link \(call.link.statistics); \(statistics)")
  }
}
