import ParleyJitter
import ParleyTesting
import Testing

/// Whatever the network sends, the buffer does not trap, keeps its accounting and frees its slots.
@Suite struct HostileInputTests {
  @Test(arguments: [UInt64(1), 2, 3])
  func randomNumbersAndSizesNeverTrapAndStayAccountedFor(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let buffer = JitterBuffer(
      configuration: JitterBufferConfiguration(capacity: 8, slotSize: 64, maximumDelay: 100_000))
    let payload = [UInt8](repeating: 0x5A, count: 100)
    var inserts = 0
    var ticks = 0
    var now: Int64 = 0
    var sequenceNumber: UInt16 = 0
    var timestamp: UInt32 = 0
    for _ in 0..<20_000 {
      // Mostly a plausible stream, sometimes wild jumps in either number, sizes past a slot, repeats.
      switch random.next() % 8 {
      case 0: sequenceNumber = UInt16(truncatingIfNeeded: random.next())
      case 1: timestamp = UInt32(truncatingIfNeeded: random.next())
      case 2: timestamp = timestamp &+ UInt32(1 << 31) &- 1
      default:
        sequenceNumber &+= 1
        timestamp &+= 960
      }
      let length = Int(random.next() % 80)
      payload.withUnsafeBytes { bytes in
        _ = buffer.insert(
          sequenceNumber: sequenceNumber, timestamp: timestamp, arrival: now &+ Int64(random.next() % 50_000),
          payload: UnsafeRawBufferPointer(rebasing: bytes[..<length]))
      }
      inserts += 1
      if random.next() % 2 == 0 {
        if case .play(let slot) = buffer.nextDecision(now: now) {
          #expect(buffer.withPayload(slot) { $0.count } == slot.length)
        }
        ticks += 1
        now += 20_000
      }
    }
    let statistics = buffer.statistics
    #expect(statistics.packetsAccountedFor == inserts)
    #expect(statistics.decisions == ticks)
    #expect(buffer.freeSlots + statistics.buffered == 8)
    #expect(statistics.oversized > 0 && statistics.resynchronizations > 0)
    buffer.reset()
    #expect(buffer.freeSlots == 8)
  }
}
