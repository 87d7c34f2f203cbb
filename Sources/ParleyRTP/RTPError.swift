/// Everything that can go wrong while parsing or serializing RTP and RTCP.
///
/// Bad input from the network throws one of these cases; it never traps. Each case names the problem so that a
/// caller (or a test) can tell a truncated packet from a malformed one.
public enum RTPError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The input ends before the structure being parsed: `needed` bytes are required, `have` are present.
  case tooShort(needed: Int, have: Int)
  /// The version field is not 2 (RFC 3550 §5.1, §6.4.1).
  case badVersion(UInt8)
  /// The padding count is zero or larger than the space available for it (RFC 3550 §5.1, §6.4.1).
  case badPadding
  /// An RTCP packet other than the last one of a compound packet has its padding bit set (RFC 3550 §6.4.1).
  case paddingNotLast
  /// An RTCP length field points past the end of the buffer, or a length is not a whole number of 32-bit words.
  case badLength
  /// A header extension block, or one of its elements, runs past its container (RFC 3550 §5.3.1, RFC 8285 §4).
  case extensionOverrun
  /// The header extension profile is neither one-byte (0xBEDE) nor two-byte (0x100x) (RFC 8285 §4.2, §4.3).
  case unknownExtensionProfile(UInt16)
  /// An RFC 8285 element id is not allowed in this position (0 or 15 in the one-byte form, 0 in the two-byte form).
  case invalidExtensionID(UInt8)
  /// An RFC 8285 element's data length does not fit its form (1...16 bytes one-byte, 0...255 bytes two-byte).
  case extensionLengthOutOfRange(Int)
  /// A value does not fit its field (payload type > 127, audio level > 127, volume > 63, ...).
  case valueOutOfRange(field: String, value: Int)
  /// More entries than a 4- or 5-bit count field can hold (CSRCs, report blocks, SDES chunks, BYE sources).
  case tooManyEntries(count: Int, limit: Int)
  /// A list that must hold at least one entry is empty (a generic NACK without PID/BLP, RFC 4585 §6.2.1).
  case noEntries
  /// An SDES item or a BYE reason runs past the end of its packet, or is longer than 255 bytes.
  case itemOverrun
  /// An SDES chunk has no terminating null item (RFC 3550 §6.5).
  case missingTerminator
  /// The output buffer is too small: `needed` bytes are required, `have` are available.
  case bufferTooSmall(needed: Int, have: Int)

  public var description: String {
    switch self {
    case .tooShort(let needed, let have): "input too short: needed \(needed) bytes, have \(have)"
    case .badVersion(let version): "bad version \(version), expected 2"
    case .badPadding: "bad padding count"
    case .paddingNotLast: "RTCP padding on a packet that is not the last of its compound packet"
    case .badLength: "bad length field"
    case .extensionOverrun: "header extension runs past its container"
    case .unknownExtensionProfile(let profile): "unknown header extension profile \(hex(profile))"
    case .invalidExtensionID(let id): "invalid header extension id \(id)"
    case .extensionLengthOutOfRange(let length): "header extension element length \(length) does not fit its form"
    case .valueOutOfRange(let field, let value): "\(field) \(value) is out of range"
    case .tooManyEntries(let count, let limit): "\(count) entries, at most \(limit) allowed"
    case .noEntries: "a list that needs at least one entry is empty"
    case .itemOverrun: "item runs past the end of its packet"
    case .missingTerminator: "SDES chunk without a terminating null item"
    case .bufferTooSmall(let needed, let have): "output buffer too small: needed \(needed) bytes, have \(have)"
    }
  }
}

/// `0x` followed by four hex digits, for messages.
func hex(_ value: UInt16) -> String {
  let digits = String(value, radix: 16, uppercase: true)
  return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
