import ParleyJitter

/// A stream fed by hand: frame n has timestamp `firstTimestamp + 960 n` and, unless told otherwise,
/// sequence number `firstSequenceNumber + n`. Its payload is the frame number (8 bytes, little endian).
/// Ticks run every 20 ms from time 0; decisions read back as short strings ("play 3", "fec 5", "conceal").
final class ScriptedStream {
  let buffer: JitterBuffer
  let firstSequenceNumber: UInt16
  let firstTimestamp: UInt32
  private(set) var now: Int64 = 0
  private var pending: [(frame: Int, sequence: Int, arrival: Int64)] = []
  private(set) var insertResults: [Int: [JitterInsertResult]] = [:]

  init(
    _ configuration: JitterBufferConfiguration = .init(), firstSequenceNumber: UInt16 = 65_530,
    firstTimestamp: UInt32 = .max - 2_000
  ) {
    buffer = JitterBuffer(configuration: configuration)
    self.firstSequenceNumber = firstSequenceNumber
    self.firstTimestamp = firstTimestamp
  }

  /// Frame `frame` arrives at `arrival` (microseconds) with sequence number offset `sequence`.
  func arrive(_ frame: Int, at arrival: Int64, sequence: Int? = nil) {
    pending.append((frame, sequence ?? frame, arrival))
  }

  /// Frames `frames` arrive on a steady 20 ms schedule, `offset` after their media time.
  func arriveOnTime(_ frames: some Sequence<Int>, offset: Int64 = 5_000) {
    for frame in frames { arrive(frame, at: Int64(frame) * 20_000 + offset) }
  }

  /// Inserts at once, outside the tick schedule.
  @discardableResult
  func insert(_ frame: Int, at arrival: Int64, sequence: Int? = nil) -> JitterInsertResult {
    let index = Int64(frame).littleEndian
    let result = withUnsafeBytes(of: index) { bytes in
      buffer.insert(
        sequenceNumber: firstSequenceNumber &+ UInt16(truncatingIfNeeded: sequence ?? frame),
        timestamp: firstTimestamp &+ UInt32(truncatingIfNeeded: frame) &* 960, arrival: arrival, payload: bytes)
    }
    insertResults[frame, default: []].append(result)
    return result
  }

  /// Runs `count` ticks and returns their decisions, leading waits (before playout starts) included.
  func run(ticks count: Int) -> [String] {
    var decisions: [String] = []
    for _ in 0..<count {
      pending.sort { $0.arrival < $1.arrival }
      while let first = pending.first, first.arrival <= now {
        pending.removeFirst()
        insert(first.frame, at: first.arrival, sequence: first.sequence)
      }
      decisions.append(describe(buffer.nextDecision(now: now)))
      now += 20_000
    }
    return decisions
  }

  /// Runs `count` ticks and returns their decisions without the waits before the first packet played.
  func playout(ticks count: Int) -> [String] {
    let decisions = run(ticks: count)
    return Array(decisions.drop { $0 == "wait" })
  }

  func frame(of slot: PacketSlot) -> Int {
    buffer.withPayload(slot) { Int(Int64(littleEndian: $0.loadUnaligned(as: Int64.self))) }
  }

  private func describe(_ decision: PlayoutDecision) -> String {
    switch decision {
    case .play(let slot): "play \(frame(of: slot))"
    case .conceal: "conceal"
    case .recoverWithFEC(let next): "fec \(frame(of: next))"
    case .stretch: "stretch"
    case .wait: "wait"
    }
  }
}
