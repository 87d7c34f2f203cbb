/// An owned SDES packet (RFC 3550 §6.5), for building and tests.
public struct RTCPSourceDescription: Hashable, Sendable {
  public struct Item: Hashable, Sendable {
    public var type: SDESItemType
    /// At most 255 bytes.
    public var value: [UInt8]

    public init(type: SDESItemType, value: [UInt8]) {
      self.type = type
      self.value = value
    }

    /// A CNAME item holding `text` as UTF-8.
    public static func cname(_ text: String) -> Item { Item(type: .cname, value: Array(text.utf8)) }
  }

  public struct Chunk: Hashable, Sendable {
    public var ssrc: SSRC
    public var items: [Item]

    public init(ssrc: SSRC, items: [Item]) {
      self.ssrc = ssrc
      self.items = items
    }

    /// SSRC, items, the null octet and padding to 32 bits.
    var serializedSize: Int { (4 + items.reduce(0) { $0 + 2 + $1.value.count } + 1 + 3) & ~3 }
  }

  public var chunks: [Chunk]

  public init(chunks: [Chunk]) { self.chunks = chunks }

  /// Copies a parsed SDES packet; throws what its chunk iterator throws.
  public init(_ view: RTCPSourceDescriptionView, in bytes: UnsafeRawBufferPointer) throws(RTPError) {
    var chunks: [Chunk] = []
    var iterator = view.chunks(in: bytes)
    while let chunk = try iterator.next() {
      let items = chunk.items(in: bytes).map { Item(type: $0.type, value: Array($0.value(in: bytes))) }
      chunks.append(Chunk(ssrc: chunk.ssrc, items: items))
    }
    self.chunks = chunks
  }

  public var serializedSize: Int { RTCPHeader.size + chunks.reduce(0) { $0 + $1.serializedSize } }

  /// Writes the packet at the start of `buffer` and returns its size. Throws
  /// ``RTPError/tooManyEntries(count:limit:)`` for more than 31 chunks, ``RTPError/itemOverrun`` for a value
  /// longer than 255 bytes, ``RTPError/valueOutOfRange(field:value:)`` for an item of type END.
  public func write(into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) -> Int {
    try RTCPHeader.checkCount(chunks.count)
    let size = serializedSize
    try RTCPHeader.write(
      into: buffer, count: UInt8(truncatingIfNeeded: chunks.count), packetType: .sourceDescription, size: size)
    var offset = RTCPHeader.size
    for chunk in chunks {
      buffer.put(chunk.ssrc.rawValue, at: offset)
      var cursor = offset + 4
      for item in chunk.items {
        try Self.writeItem(type: item.type, value: item.value, into: buffer, at: cursor)
        cursor += 2 + item.value.count
      }
      let chunkEnd = offset + chunk.serializedSize
      buffer.zero(cursor, chunkEnd - cursor)
      offset = chunkEnd
    }
    return size
  }

  /// Writes an SDES packet with one chunk holding one CNAME item, without allocating, and returns its size.
  public static func writeCNAME(
    ssrc: SSRC, cname: some Collection<UInt8>, into buffer: UnsafeMutableRawBufferPointer
  ) throws(RTPError) -> Int {
    let chunkSize = (4 + 2 + cname.count + 1 + 3) & ~3
    let size = RTCPHeader.size + chunkSize
    try RTCPHeader.write(into: buffer, count: 1, packetType: .sourceDescription, size: size)
    buffer.put(ssrc.rawValue, at: 4)
    try writeItem(type: .cname, value: cname, into: buffer, at: 8)
    let itemEnd = 8 + 2 + cname.count
    buffer.zero(itemEnd, size - itemEnd)
    return size
  }

  private static func writeItem(
    type: SDESItemType, value: some Collection<UInt8>, into buffer: UnsafeMutableRawBufferPointer, at offset: Int
  ) throws(RTPError) {
    guard type != .end else { throw .valueOutOfRange(field: "SDES item type", value: 0) }
    guard value.count <= 255 else { throw .itemOverrun }
    buffer.put(type.rawValue, at: offset)
    buffer.put(UInt8(truncatingIfNeeded: value.count), at: offset + 1)
    buffer.put(bytes: value, at: offset + 2)
  }
}
