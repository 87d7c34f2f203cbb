import ParleyJitter
import ParleyTesting

/// One frame the simulated sender sent: its index in the call and its RTP numbers.
struct SentFrame: Sendable {
  var index: Int
  var sequenceNumber: UInt16
  var timestamp: UInt32
}

/// What the receiver did at one tick.
struct TickRecord {
  enum Kind: Equatable { case play, conceal, recoverWithFEC, stretch, wait }

  var time: Int64
  var kind: Kind
  var statistics: JitterStatistics
}

/// A sender producing one 20 ms packet per frame, a ``VirtualLink`` and a receiver ticking every 20 ms of
/// its own clock, in simulated time. Payloads carry the frame index, so the test sees what was played.
final class CallSimulation {
  static let frameDuration: Int64 = 20_000

  let buffer: JitterBuffer
  var link: VirtualLink<SentFrame>
  var clock: ManualClock
  let firstSequenceNumber: UInt16
  let firstTimestamp: UInt32
  /// Whether the sender is sending; frames not sent look lost to the receiver (their numbers are skipped).
  var isSending = true
  private(set) var sentFrames = 0
  private(set) var insertedPackets = 0
  private(set) var ticks: [TickRecord] = []
  /// The frame indices handed out to decode, in order.
  private(set) var playedFrames: [Int] = []
  private var payload = [UInt8](repeating: 0xA5, count: 80)

  init(
    configuration: JitterBufferConfiguration = .init(), seed: UInt64 = 1, schedule: LinkSchedule = LinkSchedule(),
    clockDrift: Double = 0, firstSequenceNumber: UInt16 = 65_000, firstTimestamp: UInt32 = 4_294_000_000,
    tickPhase: Int64 = 7_000
  ) {
    buffer = JitterBuffer(configuration: configuration)
    link = VirtualLink(seed: seed, schedule: schedule, clockDrift: clockDrift)
    clock = ManualClock(now: tickPhase)
    self.firstSequenceNumber = firstSequenceNumber
    self.firstTimestamp = firstTimestamp
  }

  /// Runs the call for `duration` microseconds of receiver time, one tick per 20 ms.
  func run(for duration: Int64) {
    let end = clock.now + duration
    ticks.reserveCapacity(ticks.count + Int(duration / Self.frameDuration) + 1)
    while clock.now < end {
      tick()
      clock.advance(by: Self.frameDuration)
    }
  }

  private func tick() {
    let now = clock.now
    while link.receiverTime(ofSenderTime: Int64(sentFrames) * Self.frameDuration) <= now {
      if isSending {
        let frame = SentFrame(
          index: sentFrames, sequenceNumber: firstSequenceNumber &+ UInt16(truncatingIfNeeded: sentFrames),
          timestamp: firstTimestamp &+ UInt32(truncatingIfNeeded: sentFrames) &* 960)
        link.send(frame, at: Int64(sentFrames) * Self.frameDuration)
      }
      sentFrames += 1
    }
    link.deliver(until: now) { frame, arrival in
      withUnsafeBytes(of: UInt64(frame.index).littleEndian) { index in
        payload.withUnsafeMutableBytes { $0.copyMemory(from: index) }
      }
      insertedPackets += 1
      payload.withUnsafeBytes { bytes in
        _ = buffer.insert(
          sequenceNumber: frame.sequenceNumber, timestamp: frame.timestamp, arrival: arrival, payload: bytes)
      }
    }
    let kind: TickRecord.Kind
    switch buffer.nextDecision(now: now) {
    case .play(let slot):
      kind = .play
      playedFrames.append(buffer.withPayload(slot) { Int($0.loadUnaligned(as: UInt64.self).littleEndian) })
    case .conceal: kind = .conceal
    case .recoverWithFEC: kind = .recoverWithFEC
    case .stretch: kind = .stretch
    case .wait: kind = .wait
    }
    ticks.append(TickRecord(time: now, kind: kind, statistics: buffer.statistics))
  }

  /// The ticks whose time lies in `range` (microseconds of receiver time).
  func ticks(in range: Range<Int64>) -> ArraySlice<TickRecord> {
    let start = ticks.firstIndex { $0.time >= range.lowerBound } ?? ticks.endIndex
    let end = ticks[start...].firstIndex { $0.time >= range.upperBound } ?? ticks.endIndex
    return ticks[start..<end]
  }
}

extension JitterStatistics {
  /// Every tick gave exactly one decision.
  var decisions: Int { played + concealed + recoveredWithFEC + stretched + waited }
  /// Every packet offered was counted exactly once.
  var packetsAccountedFor: Int { played + dropped + late + duplicates + overflow + oversized + buffered }
}

/// The value below which `fraction` of `values` lie (nearest rank).
func percentile(_ values: some Collection<Int64>, _ fraction: Double) -> Int64 {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return 0 }
  let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
  return sorted[min(max(rank, 0), sorted.count - 1)]
}

/// Milliseconds, for messages.
func ms(_ microseconds: Int64) -> String {
  let tenths = (microseconds + 50) / 100
  return "\(tenths / 10).\(abs(tenths % 10)) ms"
}
