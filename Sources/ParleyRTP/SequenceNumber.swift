/// An RTP sequence number (RFC 3550 §5.1): 16 bits that wrap around.
///
/// Arithmetic wraps. Order is only meaningful between numbers less than half the range (32768) apart, so the type
/// is not `Comparable`; use ``isNewer(than:)`` or ``distance(to:)``, or a ``SequenceNumberUnwrapper`` for a total
/// order.
public struct SequenceNumber: RawRepresentable, Hashable, Sendable, CustomStringConvertible,
  ExpressibleByIntegerLiteral
{
  public var rawValue: UInt16

  public init(rawValue: UInt16) { self.rawValue = rawValue }
  public init(_ rawValue: UInt16) { self.rawValue = rawValue }
  public init(integerLiteral value: UInt16) { self.rawValue = value }

  public var description: String { String(rawValue) }

  /// The number `count` steps later, wrapping at 65536.
  public static func + (lhs: SequenceNumber, rhs: UInt16) -> SequenceNumber {
    SequenceNumber(lhs.rawValue &+ rhs)
  }

  /// The number `count` steps earlier, wrapping at 0.
  public static func - (lhs: SequenceNumber, rhs: UInt16) -> SequenceNumber {
    SequenceNumber(lhs.rawValue &- rhs)
  }

  public static func += (lhs: inout SequenceNumber, rhs: UInt16) { lhs = lhs + rhs }

  /// The shortest signed distance from `self` to `other`, in -32768...32767: positive when `other` is newer.
  /// Exactly half the range apart counts as older (-32768).
  public func distance(to other: SequenceNumber) -> Int {
    Int(Int16(bitPattern: other.rawValue &- rawValue))
  }

  /// Whether `self` follows `other` by less than half the range (RFC 1982 serial number arithmetic).
  public func isNewer(than other: SequenceNumber) -> Bool {
    other.distance(to: self) > 0
  }
}
