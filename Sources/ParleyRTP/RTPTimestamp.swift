/// An RTP timestamp (RFC 3550 §5.1): 32 bits in the media clock's rate that wrap around.
///
/// Arithmetic wraps; use ``distance(to:)`` for signed differences or a ``TimestampUnwrapper`` for a total order.
public struct RTPTimestamp: RawRepresentable, Hashable, Sendable, CustomStringConvertible,
  ExpressibleByIntegerLiteral
{
  public var rawValue: UInt32

  public init(rawValue: UInt32) { self.rawValue = rawValue }
  public init(_ rawValue: UInt32) { self.rawValue = rawValue }
  public init(integerLiteral value: UInt32) { self.rawValue = value }

  public var description: String { String(rawValue) }

  /// The timestamp `ticks` later, wrapping at 2^32.
  public static func + (lhs: RTPTimestamp, rhs: UInt32) -> RTPTimestamp {
    RTPTimestamp(lhs.rawValue &+ rhs)
  }

  /// The timestamp `ticks` earlier, wrapping at 0.
  public static func - (lhs: RTPTimestamp, rhs: UInt32) -> RTPTimestamp {
    RTPTimestamp(lhs.rawValue &- rhs)
  }

  public static func += (lhs: inout RTPTimestamp, rhs: UInt32) { lhs = lhs + rhs }

  /// The shortest signed distance in ticks from `self` to `other`: positive when `other` is later.
  public func distance(to other: RTPTimestamp) -> Int64 {
    Int64(Int32(bitPattern: other.rawValue &- rawValue))
  }

  /// Whether `self` follows `other` by less than half the range.
  public func isNewer(than other: RTPTimestamp) -> Bool {
    other.distance(to: self) > 0
  }
}
