/// How a ``JitterBuffer`` is sized and how it adapts. Durations are microseconds.
///
/// The defaults suit Opus at 48 kHz in 20 ms packets, as WhatsApp sends it: 64 slots of 1500 bytes
/// (96 KiB, 1.28 s of audio), a target that starts at one frame and follows the 95th percentile of the
/// packets' relative delays, forgetting with NetEq's factor.
public struct JitterBufferConfiguration: Sendable, Equatable {
  /// The RTP clock rate, in ticks per second (48000 for Opus, RFC 7587 §4.1).
  public var clockRate: Int
  /// The duration of one packet and of one playout tick, in RTP ticks (960 = 20 ms at 48 kHz).
  public var frameSamples: Int
  /// The number of packet slots. A full buffer drops its oldest packet; the slots are allocated once.
  public var capacity: Int
  /// The largest payload a slot holds, in bytes. A larger payload is refused.
  public var slotSize: Int
  /// The target delay before any packet has been measured; playout starts once the first packet has
  /// waited this long.
  public var initialDelay: Int64
  /// The target delay never goes below this.
  public var minimumDelay: Int64
  /// The target delay never goes above this; it must stay under `capacity` frames.
  public var maximumDelay: Int64
  /// The share of packets the target delay should get in on time, in `0.5..<1` (NetEq: 0.95).
  public var quantile: Double
  /// How much of the delay histogram each packet leaves, in `0..<1` (NetEq: 0.983 per packet, a
  /// memory of about 60 packets, 1.2 s): smaller forgets faster.
  public var forgetting: Double
  /// The fewest ticks between two adjustments that cost audible audio: dropping a packet, or stretching
  /// while the expected packet is here. Stretching in place of a missing packet, and adjusting in
  /// silence, are not limited.
  public var adjustmentSpacing: Int
  /// How many frames are concealed with nothing buffered before the buffer says ``PlayoutDecision/wait``
  /// (Opus PLC fades out by then; the caller plays silence or comfort noise).
  public var maximumConcealment: Int

  public init(
    clockRate: Int = 48_000, frameSamples: Int = 960, capacity: Int = 64, slotSize: Int = 1500,
    initialDelay: Int64 = 20_000, minimumDelay: Int64 = 0, maximumDelay: Int64 = 500_000,
    quantile: Double = 0.95, forgetting: Double = 0.983, adjustmentSpacing: Int = 5, maximumConcealment: Int = 5
  ) {
    self.clockRate = clockRate
    self.frameSamples = frameSamples
    self.capacity = capacity
    self.slotSize = slotSize
    self.initialDelay = initialDelay
    self.minimumDelay = minimumDelay
    self.maximumDelay = maximumDelay
    self.quantile = quantile
    self.forgetting = forgetting
    self.adjustmentSpacing = adjustmentSpacing
    self.maximumConcealment = maximumConcealment
  }

  /// One frame's duration in microseconds.
  public var frameDuration: Int64 { Int64(frameSamples) * 1_000_000 / Int64(clockRate) }

  /// Whether the values make sense together; ``JitterBuffer/init(configuration:)`` traps otherwise.
  public var isValid: Bool {
    clockRate > 0 && frameSamples > 0 && capacity >= 2 && slotSize > 0 && minimumDelay >= 0
      && minimumDelay <= maximumDelay && initialDelay >= 0
      && maximumDelay < Int64(capacity) * frameDuration && (0.5..<1).contains(quantile)
      && (0..<1).contains(forgetting) && adjustmentSpacing >= 1 && maximumConcealment >= 0
  }
}
