/// An SDES item type (RFC 3550 §6.5, §12.2). Unknown types are kept as their raw value.
public struct SDESItemType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public var rawValue: UInt8

  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public init(_ rawValue: UInt8) { self.rawValue = rawValue }

  /// END: terminates a chunk's item list (never returned as an item).
  public static let end = SDESItemType(0)
  public static let cname = SDESItemType(1)
  public static let name = SDESItemType(2)
  public static let email = SDESItemType(3)
  public static let phone = SDESItemType(4)
  public static let location = SDESItemType(5)
  public static let tool = SDESItemType(6)
  public static let note = SDESItemType(7)
  public static let privateExtension = SDESItemType(8)

  public var description: String {
    let names = ["END", "CNAME", "NAME", "EMAIL", "PHONE", "LOC", "TOOL", "NOTE", "PRIV"]
    return Int(rawValue) < names.count ? names[Int(rawValue)] : "SDES(\(rawValue))"
  }
}

/// A parsed SDES packet (RFC 3550 §6.5, PT 202): SC chunks, each an SSRC/CSRC and a list of items.
///
/// Chunks are validated as they are iterated (``chunks(in:)``), so a malformed chunk throws from the iterator.
public struct RTCPSourceDescriptionView: Hashable, Sendable {
  public internal(set) var header: RTCPHeader

  init(header: RTCPHeader) { self.header = header }

  /// The number of chunks (SC).
  public var chunkCount: Int { Int(header.count) }

  /// An iterator over the chunks. It keeps `bytes`: use it only while that buffer is alive.
  public func chunks(in bytes: UnsafeRawBufferPointer) -> SDESChunkIterator {
    SDESChunkIterator(bytes: bytes, header: header)
  }
}

/// One SDES chunk: the source and the location of its items (terminator and padding excluded).
public struct SDESChunk: Hashable, Sendable {
  public var ssrc: SSRC
  public var itemsOffset: Int
  public var itemsLength: Int

  /// An iterator over the chunk's items; they were validated when the chunk was parsed.
  public func items(in bytes: UnsafeRawBufferPointer) -> SDESItemIterator {
    SDESItemIterator(bytes: bytes, offset: itemsOffset, end: itemsOffset + itemsLength)
  }
}

/// One SDES item: its type and where its value lies.
public struct SDESItem: Hashable, Sendable {
  public var type: SDESItemType
  public var valueOffset: Int
  public var valueLength: Int

  public func value(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    bytes.slice(valueOffset, valueLength)
  }

  /// The value decoded as UTF-8 (invalid sequences are replaced); allocates.
  public func text(in bytes: UnsafeRawBufferPointer) -> String {
    String(decoding: value(in: bytes), as: UTF8.self)
  }
}

/// Walks the chunks of an SDES packet (RFC 3550 §6.5) without allocating.
///
/// Each chunk is an SSRC/CSRC, items (type, length, value), a null octet ending the list and null octets up to
/// the next 32-bit boundary. Throws ``RTPError/tooShort(needed:have:)`` when fewer than SC chunks are present,
/// ``RTPError/itemOverrun`` when an item runs past the packet, ``RTPError/missingTerminator`` when the list has no
/// null octet.
public struct SDESChunkIterator {
  private let bytes: UnsafeRawBufferPointer
  private let packetOffset: Int
  private let end: Int
  private var offset: Int
  private var remaining: Int

  init(bytes: UnsafeRawBufferPointer, header: RTCPHeader) {
    self.bytes = bytes
    packetOffset = header.offset
    end = header.offset + header.contentLength
    offset = header.bodyOffset
    remaining = Int(header.count)
  }

  public mutating func next() throws(RTPError) -> SDESChunk? {
    guard remaining > 0 else { return nil }
    remaining -= 1
    do {
      return try parseChunk()
    } catch {
      remaining = 0
      throw error
    }
  }

  private mutating func parseChunk() throws(RTPError) -> SDESChunk {
    guard offset <= end - 4 else { throw .tooShort(needed: offset + 4 - packetOffset, have: end - packetOffset) }
    let ssrc = SSRC(bytes.u32(at: offset))
    let itemsOffset = offset + 4
    var cursor = itemsOffset
    while true {
      guard cursor < end else { throw .missingTerminator }
      if bytes.u8(at: cursor) == SDESItemType.end.rawValue { break }
      guard cursor + 2 <= end else { throw .itemOverrun }
      let length = Int(bytes.u8(at: cursor + 1))
      guard length <= end - (cursor + 2) else { throw .itemOverrun }
      cursor += 2 + length
    }
    // Skip the null octet, then the padding to the next 32-bit boundary of the packet.
    let afterNull = cursor + 1 - packetOffset
    offset = min(packetOffset + (afterNull + 3) & ~3, end)
    return SDESChunk(ssrc: ssrc, itemsOffset: itemsOffset, itemsLength: cursor - itemsOffset)
  }
}

/// Walks the items of a validated SDES chunk.
public struct SDESItemIterator: IteratorProtocol, Sequence {
  private let bytes: UnsafeRawBufferPointer
  private var offset: Int
  private let end: Int

  init(bytes: UnsafeRawBufferPointer, offset: Int, end: Int) {
    precondition(offset >= 0 && offset <= end && end <= bytes.count, "range out of bounds")
    self.bytes = bytes
    self.offset = offset
    self.end = end
  }

  public mutating func next() -> SDESItem? {
    guard offset + 2 <= end else { return nil }
    let length = Int(bytes.u8(at: offset + 1))
    guard length <= end - (offset + 2) else { return nil }
    let item = SDESItem(type: SDESItemType(bytes.u8(at: offset)), valueOffset: offset + 2, valueLength: length)
    offset += 2 + length
    return item
  }
}
