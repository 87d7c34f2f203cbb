/// An RTCP packet type (RFC 3550 §12.1, RFC 4585 §6.1, RFC 3611).
public struct RTCPPacketType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public var rawValue: UInt8

  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public init(_ rawValue: UInt8) { self.rawValue = rawValue }

  /// SR (RFC 3550 §6.4.1).
  public static let senderReport = RTCPPacketType(200)
  /// RR (RFC 3550 §6.4.2).
  public static let receiverReport = RTCPPacketType(201)
  /// SDES (RFC 3550 §6.5).
  public static let sourceDescription = RTCPPacketType(202)
  /// BYE (RFC 3550 §6.6).
  public static let bye = RTCPPacketType(203)
  /// APP (RFC 3550 §6.7).
  public static let application = RTCPPacketType(204)
  /// RTPFB, transport layer feedback (RFC 4585 §6.2).
  public static let transportFeedback = RTCPPacketType(205)
  /// PSFB, payload-specific feedback (RFC 4585 §6.3).
  public static let payloadSpecificFeedback = RTCPPacketType(206)
  /// XR, extended reports (RFC 3611).
  public static let extendedReport = RTCPPacketType(207)

  public var description: String {
    switch self {
    case .senderReport: "SR"
    case .receiverReport: "RR"
    case .sourceDescription: "SDES"
    case .bye: "BYE"
    case .application: "APP"
    case .transportFeedback: "RTPFB"
    case .payloadSpecificFeedback: "PSFB"
    case .extendedReport: "XR"
    default: "RTCP(\(rawValue))"
    }
  }
}

/// The common header of one RTCP packet (RFC 3550 §6.4.1) and where the packet lies in its compound buffer.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|  count  |      PT       |             length            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// `length` is the packet size in 32-bit words minus one. `count` is RC, SC or FMT depending on the type.
public struct RTCPHeader: Hashable, Sendable {
  /// Size of the common header.
  public static let size = 4
  /// The largest count a 5-bit RC/SC field holds.
  public static let maximumCount = 31

  public internal(set) var hasPadding: Bool
  /// The 5-bit RC (report count), SC (source count) or FMT (feedback message type) field.
  public internal(set) var count: UInt8
  public internal(set) var packetType: RTCPPacketType
  /// Offset of the packet in the compound buffer.
  public internal(set) var offset: Int
  /// Size of the packet in bytes, header and padding included: (length + 1) × 4.
  public internal(set) var size: Int
  /// Number of padding bytes at the end, the count byte included; 0 without padding.
  public internal(set) var paddingLength: Int

  /// Offset of the first byte after the common header.
  public var bodyOffset: Int { offset + Self.size }
  /// Bytes after the common header, padding excluded.
  public var bodyLength: Int { size - Self.size - paddingLength }
  /// Bytes of the packet that carry data: header and body, padding excluded.
  var contentLength: Int { size - paddingLength }

  /// Parses and validates the common header of the packet at `offset`: version 2, length within `bytes`, padding
  /// count within the packet.
  public init(parsing bytes: UnsafeRawBufferPointer, at offset: Int) throws(RTPError) {
    precondition(offset >= 0 && offset <= bytes.count, "offset out of range")
    let remaining = bytes.count - offset
    guard remaining >= Self.size else { throw .tooShort(needed: Self.size, have: remaining) }
    let first = bytes.u8(at: offset)
    let version = first >> 6
    guard version == 2 else { throw .badVersion(version) }
    let size = (Int(bytes.u16(at: offset + 2)) + 1) * 4
    guard size <= remaining else { throw .badLength }
    hasPadding = first & 0x20 != 0
    count = first & 0x1F
    packetType = RTCPPacketType(bytes.u8(at: offset + 1))
    self.offset = offset
    self.size = size
    paddingLength = 0
    if hasPadding {
      let padding = Int(bytes.u8(at: offset + size - 1))
      guard padding >= 1, padding <= size - Self.size else { throw .badPadding }
      paddingLength = padding
    }
  }

  /// Throws ``RTPError/tooShort(needed:have:)`` unless the packet carries at least `needed` bytes (header
  /// included, padding excluded).
  func require(_ needed: Int) throws(RTPError) {
    guard contentLength >= needed else { throw .tooShort(needed: needed, have: contentLength) }
  }

  /// Writes a common header at the start of `buffer` for a packet of `size` bytes (a multiple of 4).
  static func write(
    into buffer: UnsafeMutableRawBufferPointer, count: UInt8, packetType: RTCPPacketType, size: Int,
    hasPadding: Bool = false
  ) throws(RTPError) {
    guard size >= Self.size, size % 4 == 0, size / 4 - 1 <= Int(UInt16.max) else { throw .badLength }
    try buffer.require(size)
    buffer.put(2 << 6 | (hasPadding ? 0x20 : 0) | count & 0x1F, at: 0)
    buffer.put(packetType.rawValue, at: 1)
    buffer.put(UInt16(truncatingIfNeeded: size / 4 - 1), at: 2)
  }

  /// Throws ``RTPError/tooManyEntries(count:limit:)`` when `count` does not fit a 5-bit field.
  static func checkCount(_ count: Int) throws(RTPError) {
    guard count <= maximumCount else { throw .tooManyEntries(count: count, limit: maximumCount) }
  }
}
