/// One generic NACK entry (RFC 4585 §6.2.1): a lost packet id (PID) and a bitmask of the 16 following packets
/// that are lost too (BLP; bit i set means PID + i + 1 is lost).
public struct NACKItem: Hashable, Sendable {
  public var packetID: SequenceNumber
  public var lostBitmask: UInt16

  public init(packetID: SequenceNumber, lostBitmask: UInt16 = 0) {
    self.packetID = packetID
    self.lostBitmask = lostBitmask
  }

  /// The lost sequence numbers this entry reports, in order: PID first. Allocation-free.
  public var lostSequenceNumbers: LostSequenceNumbers { LostSequenceNumbers(item: self) }

  public struct LostSequenceNumbers: Sequence, IteratorProtocol, Sendable {
    private let item: NACKItem
    private var bit = -1

    init(item: NACKItem) { self.item = item }

    public mutating func next() -> SequenceNumber? {
      if bit < 0 {
        bit = 0
        return item.packetID
      }
      while bit < 16 {
        defer { bit += 1 }
        if item.lostBitmask & (1 << bit) != 0 { return item.packetID + UInt16(truncatingIfNeeded: bit + 1) }
      }
      return nil
    }
  }

  /// Packs lost sequence numbers, given in ascending (wrapping) order, into as few entries as the order allows.
  public static func items(forLost lost: some Sequence<SequenceNumber>) -> [NACKItem] {
    var items: [NACKItem] = []
    for sequenceNumber in lost {
      if let last = items.last {
        let distance = last.packetID.distance(to: sequenceNumber)
        if (1...16).contains(distance) {
          items[items.count - 1].lostBitmask |= 1 << (distance - 1)
          continue
        }
        if distance == 0 { continue }
      }
      items.append(NACKItem(packetID: sequenceNumber))
    }
    return items
  }
}

/// A parsed generic NACK (RFC 4585 §6.2.1: RTPFB, PT 205, FMT 1).
public struct RTCPGenericNACKView: Hashable, Sendable {
  /// The FMT value of a generic NACK.
  public static let format: UInt8 = 1

  public private(set) var header: RTCPHeader
  public private(set) var senderSSRC: SSRC
  public private(set) var mediaSSRC: SSRC

  /// Validates the body: both SSRCs and at least one PID/BLP entry must be present.
  init(header: RTCPHeader, in bytes: UnsafeRawBufferPointer) throws(RTPError) {
    try header.require(RTCPHeader.size + 12)
    self.header = header
    senderSSRC = SSRC(bytes.u32(at: header.bodyOffset))
    mediaSSRC = SSRC(bytes.u32(at: header.bodyOffset + 4))
  }

  /// The number of PID/BLP entries.
  public var itemCount: Int { (header.bodyLength - 8) / 4 }

  /// The entry at `index` (0..<``itemCount``).
  public func item(at index: Int, in bytes: UnsafeRawBufferPointer) -> NACKItem {
    precondition(index >= 0 && index < itemCount, "NACK item index out of range")
    let offset = header.bodyOffset + 8 + 4 * index
    return NACKItem(packetID: SequenceNumber(bytes.u16(at: offset)), lostBitmask: bytes.u16(at: offset + 2))
  }

  /// Every lost sequence number the packet reports, entry by entry; allocates.
  public func lostSequenceNumbers(in bytes: UnsafeRawBufferPointer) -> [SequenceNumber] {
    (0..<itemCount).flatMap { item(at: $0, in: bytes).lostSequenceNumbers }
  }
}

/// An owned generic NACK (RFC 4585 §6.2.1), for building and tests.
public struct RTCPGenericNACK: Hashable, Sendable {
  public var senderSSRC: SSRC
  public var mediaSSRC: SSRC
  public var items: [NACKItem]

  public init(senderSSRC: SSRC, mediaSSRC: SSRC, items: [NACKItem]) {
    self.senderSSRC = senderSSRC
    self.mediaSSRC = mediaSSRC
    self.items = items
  }

  /// A NACK for `lost`, given in ascending (wrapping) order.
  public init(senderSSRC: SSRC, mediaSSRC: SSRC, lost: some Sequence<SequenceNumber>) {
    self.init(senderSSRC: senderSSRC, mediaSSRC: mediaSSRC, items: NACKItem.items(forLost: lost))
  }

  /// Copies a parsed NACK.
  public init(_ view: RTCPGenericNACKView, in bytes: UnsafeRawBufferPointer) {
    self.init(
      senderSSRC: view.senderSSRC, mediaSSRC: view.mediaSSRC,
      items: (0..<view.itemCount).map { view.item(at: $0, in: bytes) })
  }

  public var serializedSize: Int { RTCPHeader.size + 8 + 4 * items.count }

  public func write(into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) -> Int {
    try Self.write(senderSSRC: senderSSRC, mediaSSRC: mediaSSRC, items: items, into: buffer)
  }

  /// Writes a generic NACK at the start of `buffer` without allocating and returns its size. Throws
  /// ``RTPError/noEntries`` when `items` is empty (RFC 4585 requires one) and ``RTPError/badLength`` when there
  /// are more than the length field can count.
  public static func write(
    senderSSRC: SSRC, mediaSSRC: SSRC, items: some Collection<NACKItem>, into buffer: UnsafeMutableRawBufferPointer
  ) throws(RTPError) -> Int {
    guard !items.isEmpty else { throw .noEntries }
    let size = RTCPHeader.size + 8 + 4 * items.count
    try RTCPHeader.write(
      into: buffer, count: RTCPGenericNACKView.format, packetType: .transportFeedback, size: size)
    buffer.put(senderSSRC.rawValue, at: 4)
    buffer.put(mediaSSRC.rawValue, at: 8)
    var offset = 12
    for item in items {
      buffer.put(item.packetID.rawValue, at: offset)
      buffer.put(item.lostBitmask, at: offset + 2)
      offset += 4
    }
    return size
  }
}
