/// A parsed RTP packet (RFC 3550 §5.1): the header fields plus offsets into the caller's buffer.
///
/// Parsing reads the buffer once and allocates nothing. Offsets are relative to the start of the buffer that was
/// parsed; pass that same buffer to the accessors (``csrc(at:in:)``, ``payload(in:)``, ...).
public struct RTPPacketView: Hashable, Sendable {
  /// The location of the header extension block (RFC 3550 §5.3.1).
  public struct ExtensionBlock: Hashable, Sendable {
    /// The 16 "defined by profile" bits: 0xBEDE for RFC 8285 one-byte, 0x100x for two-byte.
    public internal(set) var profile: UInt16
    /// Offset of the extension data (after the 4-byte profile and length words).
    public internal(set) var dataOffset: Int
    /// Length of the extension data in bytes (the length field × 4).
    public internal(set) var dataLength: Int
  }

  public internal(set) var header: RTPHeader
  /// Whether the P bit was set.
  public internal(set) var hasPadding: Bool
  /// Number of padding bytes at the end of the packet, counting the count byte; 0 without padding.
  public internal(set) var paddingLength: Int
  /// Number of CSRCs (the CC field); they start at offset 12.
  public internal(set) var csrcCount: Int
  /// The header extension, present when the X bit was set.
  public internal(set) var extensionBlock: ExtensionBlock?
  public internal(set) var payloadOffset: Int
  public internal(set) var payloadLength: Int

  /// Parses the packet in `bytes`. Throws ``RTPError/tooShort(needed:have:)``, ``RTPError/badVersion(_:)``,
  /// ``RTPError/extensionOverrun`` or ``RTPError/badPadding``.
  public init(parsing bytes: UnsafeRawBufferPointer) throws(RTPError) {
    let count = bytes.count
    guard count >= RTPHeader.fixedSize else { throw .tooShort(needed: RTPHeader.fixedSize, have: count) }
    let first = bytes.u8(at: 0)
    let version = first >> 6
    guard version == RTPHeader.version else { throw .badVersion(version) }
    let second = bytes.u8(at: 1)
    header = RTPHeader(
      marker: second & 0x80 != 0, payloadType: PayloadType(masking: second),
      sequenceNumber: SequenceNumber(bytes.u16(at: 2)), timestamp: RTPTimestamp(bytes.u32(at: 4)),
      ssrc: SSRC(bytes.u32(at: 8)))
    hasPadding = first & 0x20 != 0
    csrcCount = Int(first & 0x0F)

    var offset = RTPHeader.fixedSize + 4 * csrcCount
    guard offset <= count else { throw .tooShort(needed: offset, have: count) }

    if first & 0x10 != 0 {
      guard offset + 4 <= count else { throw .tooShort(needed: offset + 4, have: count) }
      let profile = bytes.u16(at: offset)
      let dataLength = 4 * Int(bytes.u16(at: offset + 2))
      let dataOffset = offset + 4
      guard dataLength <= count - dataOffset else { throw .extensionOverrun }
      extensionBlock = ExtensionBlock(profile: profile, dataOffset: dataOffset, dataLength: dataLength)
      offset = dataOffset + dataLength
    } else {
      extensionBlock = nil
    }

    paddingLength = 0
    if hasPadding {
      // The last octet counts the padding, itself included (RFC 3550 §5.1).
      guard count > offset else { throw .badPadding }
      let padding = Int(bytes.u8(at: count - 1))
      guard padding >= 1, padding <= count - offset else { throw .badPadding }
      paddingLength = padding
    }
    payloadOffset = offset
    payloadLength = count - offset - paddingLength
  }

  /// Parses the packet in `bytes`.
  public init(parsing bytes: [UInt8]) throws(RTPError) {
    self = try withBytes(bytes) { raw throws(RTPError) in try RTPPacketView(parsing: raw) }
  }

  /// Total header size: fixed header, CSRCs and extension block.
  public var headerLength: Int { payloadOffset }

  /// The CSRC at `index` (0..<``csrcCount``).
  public func csrc(at index: Int, in bytes: UnsafeRawBufferPointer) -> SSRC {
    precondition(index >= 0 && index < csrcCount, "CSRC index out of range")
    return SSRC(bytes.u32(at: RTPHeader.fixedSize + 4 * index))
  }

  /// The payload bytes, without padding.
  public func payload(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    bytes.slice(payloadOffset, payloadLength)
  }

  /// The header extension data (without the profile and length words); empty without an extension.
  public func extensionData(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard let block = extensionBlock else { return bytes.slice(0, 0) }
    return bytes.slice(block.dataOffset, block.dataLength)
  }

  /// An iterator over the RFC 8285 elements of the header extension, or `nil` without an extension.
  /// Throws ``RTPError/unknownExtensionProfile(_:)`` when the profile is neither one-byte nor two-byte.
  public func headerExtensions(in bytes: UnsafeRawBufferPointer) throws(RTPError) -> HeaderExtensionIterator? {
    guard let block = extensionBlock else { return nil }
    guard let form = HeaderExtensionForm(profile: block.profile) else {
      throw .unknownExtensionProfile(block.profile)
    }
    return HeaderExtensionIterator(form: form, bytes: bytes, dataOffset: block.dataOffset, dataLength: block.dataLength)
  }

  /// The data of the first element with `id`, if the packet has an RFC 8285 extension carrying it.
  public func headerExtension(id: UInt8, in bytes: UnsafeRawBufferPointer) throws(RTPError) -> HeaderExtensionElement? {
    guard var iterator = try headerExtensions(in: bytes) else { return nil }
    while let element = try iterator.next() {
      if element.id == id { return element }
    }
    return nil
  }
}
