/// An RTP payload type (RFC 3550 §5.1): 7 bits, 0...127.
public struct PayloadType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: UInt8

  /// Fails for values above 127.
  public init?(rawValue: UInt8) {
    guard rawValue <= 0x7F else { return nil }
    self.rawValue = rawValue
  }

  /// Throws ``RTPError/valueOutOfRange(field:value:)`` for values above 127.
  public init(_ value: UInt8) throws(RTPError) {
    guard value <= 0x7F else { throw .valueOutOfRange(field: "payload type", value: Int(value)) }
    self.rawValue = value
  }

  /// The low 7 bits of `byte` (the marker bit is dropped).
  init(masking byte: UInt8) { self.rawValue = byte & 0x7F }

  public var description: String { String(rawValue) }
}
