/// How the mixer's limiter brings a loud 32-bit mix into 16 bits.
///
/// The limiter leaves a mix bit-exact while every sample lies in `-threshold - 1 ... threshold` and its
/// gain is back at unity. A sample beyond that drops the gain at once, from the start of its block of 16
/// samples (a third of a millisecond at 48 kHz), to exactly what puts it at the threshold; the gain then
/// holds for ``holdMilliseconds`` (so a steady loud tone is not re-limited every half cycle) and rises
/// back to unity at ``releaseDecibelsPerSecond``. Each output of a mixer has its own gain.
public struct LimiterConfiguration: Hashable, Sendable {
  /// The largest magnitude the output may reach (the negative side may reach one more, as 16 bits do).
  /// The default, `Int16.max`, limits only sums that would not fit in 16 bits.
  public var threshold: Int16
  /// How long the gain holds after the last sample that needed it before it starts to recover.
  public var holdMilliseconds: Int
  /// How fast the gain recovers toward unity once the hold is over: 200 dB/s brings a 10 dB reduction
  /// back in 50 ms.
  public var releaseDecibelsPerSecond: Double

  public init(threshold: Int16 = .max, holdMilliseconds: Int = 10, releaseDecibelsPerSecond: Double = 200) {
    precondition(threshold > 0, "limiter threshold must be positive")
    precondition(holdMilliseconds >= 0, "limiter hold must not be negative")
    precondition(releaseDecibelsPerSecond > 0, "limiter release must be positive")
    self.threshold = threshold
    self.holdMilliseconds = holdMilliseconds
    self.releaseDecibelsPerSecond = releaseDecibelsPerSecond
  }
}
