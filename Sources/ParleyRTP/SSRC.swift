/// A synchronization source identifier (RFC 3550 §3, §5.1): the 32-bit id of one RTP stream. Also used for CSRCs.
public struct SSRC: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
  public var rawValue: UInt32

  public init(rawValue: UInt32) { self.rawValue = rawValue }
  public init(_ rawValue: UInt32) { self.rawValue = rawValue }
  public init(integerLiteral value: UInt32) { self.rawValue = value }

  /// Eight hex digits, as packet dumps show it.
  public var description: String {
    let digits = String(rawValue, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }
}
