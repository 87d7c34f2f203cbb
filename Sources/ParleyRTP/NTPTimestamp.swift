/// A 64-bit NTP timestamp (RFC 3550 §4): seconds since 1 January 1900 in the high 32 bits, the fraction of a second
/// in the low 32 bits. RTCP sender reports carry it; receivers echo its middle 32 bits (``compact``) as LSR.
///
/// Pure: converting from a clock reading is the edge's job (``init(microsecondsSinceUnixEpoch:)`` takes the reading
/// as an argument).
public struct NTPTimestamp: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// Seconds from the NTP epoch (1900) to the Unix epoch (1970).
  public static let unixEpochOffsetSeconds: Int64 = 2_208_988_800

  public var rawValue: UInt64

  public init(rawValue: UInt64) { self.rawValue = rawValue }

  public init(seconds: UInt32, fraction: UInt32) {
    rawValue = UInt64(seconds) << 32 | UInt64(fraction)
  }

  /// The NTP timestamp of a wall-clock reading in microseconds since 1970 (the seconds field wraps in 2036, as the
  /// RFC's era 0 does).
  public init(microsecondsSinceUnixEpoch microseconds: Int64) {
    let total = microseconds + Self.unixEpochOffsetSeconds * 1_000_000
    let seconds = total.quotientAndRemainder(dividingBy: 1_000_000)
    let fraction = (UInt64(seconds.remainder) << 32) / 1_000_000
    self.init(seconds: UInt32(truncatingIfNeeded: seconds.quotient), fraction: UInt32(truncatingIfNeeded: fraction))
  }

  public var seconds: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 32) }
  public var fraction: UInt32 { UInt32(truncatingIfNeeded: rawValue) }

  /// The middle 32 bits (16.16 fixed point seconds): the "compact" form of RFC 3550 §6.4.1 used by LSR, DLSR and the
  /// round-trip computation.
  public var compact: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 16) }

  /// A duration in microseconds as compact NTP units (1/65536 s), rounded down; negative durations give 0 and
  /// durations beyond the 32-bit range (about 18 hours) saturate.
  public static func compactUnits(microseconds: Int64) -> UInt32 {
    guard microseconds > 0 else { return 0 }
    guard microseconds < 65_536 * 1_000_000 else { return .max }
    return UInt32((microseconds << 16) / 1_000_000)
  }

  /// Compact NTP units (1/65536 s) as microseconds, rounded to the nearest.
  public static func microseconds(compactUnits units: UInt32) -> Int64 {
    (Int64(units) * 1_000_000 + 32_768) >> 16
  }

  public var description: String { "\(seconds).\(fraction)" }
}
