/// An owned RTP packet (RFC 3550 §5.1), for building packets and for tests.
///
/// The per-packet receive path uses ``RTPPacketView`` (no allocation); this type copies CSRCs, extension data and
/// payload into arrays. Serializing a packet built from a view reproduces the original bytes, provided its padding
/// bytes before the count were zero.
public struct RTPPacket: Hashable, Sendable {
  /// A header extension block kept as raw data (RFC 3550 §5.3.1), so any profile round-trips.
  public struct ExtensionBlock: Hashable, Sendable {
    public var profile: UInt16
    /// The extension data after the profile and length words; padded with zeros to 32 bits when written.
    public var data: [UInt8]

    public init(profile: UInt16, data: [UInt8]) {
      self.profile = profile
      self.data = data
    }

    /// An RFC 8285 block holding `elements`, in the form that fits them.
    public init(elements: [RTPHeaderExtension]) throws(RTPError) {
      let form = HeaderExtensionForm.fitting(elements)
      var size = 4
      for element in elements { size += form.elementSize(length: element.data.count) }
      let block = try makeBytes(capacity: (size + 3) & ~3) { buffer throws(RTPError) in
        try HeaderExtensionWriter.write(elements, into: buffer)
      }
      self.init(profile: form.profile, data: Array(block.dropFirst(4)))
    }

    var paddedLength: Int { (data.count + 3) & ~3 }
  }

  public var header: RTPHeader
  public var csrcs: [SSRC]
  public var extensionBlock: ExtensionBlock?
  public var payload: [UInt8]
  /// Padding bytes to append, the count byte included: 0 (no padding) or 1...255.
  public var paddingLength: Int

  public init(
    header: RTPHeader, csrcs: [SSRC] = [], extensionBlock: ExtensionBlock? = nil, payload: [UInt8],
    paddingLength: Int = 0
  ) {
    self.header = header
    self.csrcs = csrcs
    self.extensionBlock = extensionBlock
    self.payload = payload
    self.paddingLength = paddingLength
  }

  /// Copies the packet that `view` describes out of `bytes`.
  public init(_ view: RTPPacketView, in bytes: UnsafeRawBufferPointer) {
    header = view.header
    csrcs = (0..<view.csrcCount).map { view.csrc(at: $0, in: bytes) }
    extensionBlock = view.extensionBlock.map {
      ExtensionBlock(profile: $0.profile, data: Array(bytes.slice($0.dataOffset, $0.dataLength)))
    }
    payload = Array(view.payload(in: bytes))
    paddingLength = view.paddingLength
  }

  /// Parses and copies the packet in `bytes`.
  public init(parsing bytes: [UInt8]) throws(RTPError) {
    self = try withBytes(bytes) { raw throws(RTPError) in RTPPacket(try RTPPacketView(parsing: raw), in: raw) }
  }

  /// The RFC 8285 elements of the extension block, copied; empty without an extension block.
  public func headerExtensions() throws(RTPError) -> [RTPHeaderExtension] {
    guard let block = extensionBlock else { return [] }
    guard let form = HeaderExtensionForm(profile: block.profile) else { throw .unknownExtensionProfile(block.profile) }
    return try withBytes(block.data) { raw throws(RTPError) in
      var iterator = HeaderExtensionIterator(form: form, bytes: raw, dataOffset: 0, dataLength: raw.count)
      var elements: [RTPHeaderExtension] = []
      while let element = try iterator.next() { elements.append(RTPHeaderExtension(element, in: raw)) }
      return elements
    }
  }

  /// The number of bytes ``write(into:)`` writes.
  public var serializedSize: Int {
    RTPHeader.fixedSize + 4 * csrcs.count + (extensionBlock.map { 4 + $0.paddedLength } ?? 0) + payload.count
      + paddingLength
  }

  /// Writes the packet at the start of `buffer` and returns its size.
  public func write(into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) -> Int {
    guard (0...255).contains(paddingLength) else {
      throw .valueOutOfRange(field: "padding length", value: paddingLength)
    }
    if let block = extensionBlock, block.paddedLength / 4 > Int(UInt16.max) { throw .badLength }
    let size = serializedSize
    try buffer.require(size)
    var offset = try header.write(
      into: buffer, csrcs: csrcs, hasExtension: extensionBlock != nil, hasPadding: paddingLength > 0)
    if let block = extensionBlock {
      buffer.put(block.profile, at: offset)
      buffer.put(UInt16(truncatingIfNeeded: block.paddedLength / 4), at: offset + 2)
      buffer.put(bytes: block.data, at: offset + 4)
      buffer.zero(offset + 4 + block.data.count, block.paddedLength - block.data.count)
      offset += 4 + block.paddedLength
    }
    buffer.put(bytes: payload, at: offset)
    offset += payload.count
    if paddingLength > 0 {
      buffer.zero(offset, paddingLength - 1)
      buffer.put(UInt8(truncatingIfNeeded: paddingLength), at: offset + paddingLength - 1)
      offset += paddingLength
    }
    return offset
  }

  /// The packet's bytes.
  public func serialized() throws(RTPError) -> [UInt8] {
    try makeBytes(capacity: serializedSize) { buffer throws(RTPError) in try write(into: buffer) }
  }
}
