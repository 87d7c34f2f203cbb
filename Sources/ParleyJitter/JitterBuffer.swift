import ParleyRTP

/// An adaptive jitter buffer for one RTP audio stream: packets in, one playout decision per tick out.
///
/// Pure and sans-IO: the caller passes every time (microseconds on a monotonic timeline), and the buffer
/// reads no clock, starts no thread and allocates nothing after init. One owner (a media worker) drives
/// it:
///
/// 1. For each packet that arrived, ``insert(sequenceNumber:timestamp:arrival:payload:)`` copies the
///    payload into a slot.
/// 2. Once per frame (every 20 ms), ``nextDecision(now:)`` says what to output: decode a packet
///    (``withPayload(_:_:)``), conceal, recover from FEC, stretch or wait.
///
/// Packets are keyed by RTP timestamp (unwrapped to 64 bits), one frame of ``JitterBufferConfiguration/frameSamples``
/// each. The buffer never flushes to catch up: it drains one packet at a time. See the ParleyJitter
/// documentation for the decision rules.
public final class JitterBuffer {
  public let configuration: JitterBufferConfiguration

  let packets: PacketBuffer
  var estimator: DelayEstimator
  var logic: DecisionLogic
  var timestamps = TimestampUnwrapper()
  var sequenceNumbers = SequenceNumberUnwrapper()
  var counters = JitterStatistics()
  /// The next frame to play (an unwrapped RTP timestamp), `nil` until playout starts.
  var playout: Int64?
  /// The unwrapped sequence number of the last packet played or dropped.
  var lastSequence: Int64?
  /// Bit k is set when the frame k + 1 frames before ``playout`` was played (or dropped) from a packet,
  /// so a copy of it counts as a duplicate rather than late.
  var playedHistory: UInt64 = 0
  /// Consecutive packets more than ``resynchronizationGap`` behind the playout point.
  var farBehindInARow = 0
  let frameSamples: Int64
  /// Media time beyond which a distance between packets and the playout point is a jump in the sender's
  /// timestamps rather than delay: twice the maximum delay, and at least a second.
  let resynchronizationGap: Int64

  /// Allocates every slot; traps if the configuration is not ``JitterBufferConfiguration/isValid``.
  public init(configuration: JitterBufferConfiguration = .init()) {
    precondition(configuration.isValid, "invalid JitterBufferConfiguration")
    self.configuration = configuration
    packets = PacketBuffer(capacity: configuration.capacity, slotSize: configuration.slotSize)
    estimator = DelayEstimator(configuration: configuration)
    resynchronizationGap = max(1_000_000, 2 * configuration.maximumDelay)
    logic = DecisionLogic(configuration: configuration, resynchronizationGap: resynchronizationGap)
    frameSamples = Int64(configuration.frameSamples)
  }

  /// Offers a packet that arrived at `arrival` (microseconds, the same timeline as `now`); the payload
  /// is copied, so the caller's buffer may be reused at once.
  @discardableResult
  public func insert(
    sequenceNumber: UInt16, timestamp: UInt32, arrival: Int64, payload: UnsafeRawBufferPointer
  ) -> JitterInsertResult {
    guard payload.count <= packets.slotSize else {
      counters.oversized += 1
      return .oversized
    }
    var unwrappedTimestamp = timestamps.unwrap(RTPTimestamp(timestamp))
    var sequence = sequenceNumbers.unwrap(SequenceNumber(sequenceNumber))
    if let playout, mediaTime(playout &- unwrappedTimestamp) > resynchronizationGap {
      farBehindInARow += 1
      guard farBehindInARow >= 3 else {
        counters.late += 1
        return .late
      }
      counters.late += packets.count
      counters.resynchronizations += 1
      restartTimeline()
      unwrappedTimestamp = timestamps.unwrap(RTPTimestamp(timestamp))
      sequence = sequenceNumbers.unwrap(SequenceNumber(sequenceNumber))
    }
    farBehindInARow = 0

    if packets.contains(timestamp: unwrappedTimestamp) || wasPlayed(unwrappedTimestamp) {
      counters.duplicates += 1
      return .duplicate
    }
    // A packet beyond a forward jump of the sender's timestamps would make every packet before the jump look
    // seconds late: it is measured only once the timeline has jumped to it.
    if playout.map({ mediaTime(unwrappedTimestamp &- $0) <= resynchronizationGap }) ?? true {
      estimator.observe(transit: arrival &- mediaTime(unwrappedTimestamp), arrival: arrival)
    }
    if let playout, unwrappedTimestamp < playout {
      counters.late += 1
      return .late
    }

    var result = JitterInsertResult.inserted
    if packets.isFull, let oldest = packets.oldest() {
      counters.overflow += 1
      result = .overflow
      if unwrappedTimestamp < packets.header(oldest).timestamp { return result }
      packets.remove(oldest)
    }
    _ = packets.store(
      timestamp: unwrappedTimestamp, sequence: sequence, rtpTimestamp: timestamp, rtpSequenceNumber: sequenceNumber,
      arrival: arrival, payload: payload)
    return result
  }

  /// Reads a packet a decision named. The slot stays readable until the next `insert`, `nextDecision` or
  /// `reset`; reading it after it was reused traps.
  public func withPayload<R>(_ slot: PacketSlot, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try packets.withPayload(slot, body)
  }

  /// The counters so far and the delays at the last decision.
  public var statistics: JitterStatistics {
    var statistics = counters
    statistics.targetDelay = estimator.targetDelay
    statistics.buffered = packets.count
    return statistics
  }

  /// The number of free packet slots.
  public var freeSlots: Int { packets.capacity - packets.count }

  /// Forgets the stream (for a new SSRC): buffered packets are discarded uncounted, the timeline and the
  /// delay estimate start again. The counters are kept.
  public func reset() {
    restartTimeline()
  }

  func restartTimeline() {
    packets.removeAll()
    estimator.reset()
    logic.reset()
    timestamps = TimestampUnwrapper()
    sequenceNumbers = SequenceNumberUnwrapper()
    playout = nil
    lastSequence = nil
    playedHistory = 0
    farBehindInARow = 0
  }

  /// Microseconds of media time in `ticks` RTP ticks. Wrapping arithmetic: a sender that keeps jumping its
  /// timestamps can push the unwrapped values anywhere, and that must not trap.
  func mediaTime(_ ticks: Int64) -> Int64 {
    let rate = Int64(configuration.clockRate)
    return (ticks / rate) &* 1_000_000 &+ (ticks % rate) * 1_000_000 / rate
  }

  private func wasPlayed(_ timestamp: Int64) -> Bool {
    guard let playout, timestamp < playout else { return false }
    let behind = playout - timestamp
    guard behind % frameSamples == 0 else { return false }
    let bit = behind / frameSamples - 1
    return bit < 64 && playedHistory & (1 << UInt64(bit)) != 0
  }
}
