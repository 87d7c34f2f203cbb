/// A parsed BYE packet (RFC 3550 §6.6, PT 203): SC sources leaving, then an optional reason.
///
/// ```
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|    SC   |   PT=BYE=203  |             length            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           SSRC/CSRC                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// :                              ...                              :
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |     length    |               reason for leaving            ... (opt)
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
public struct RTCPByeView: Hashable, Sendable {
  public private(set) var header: RTCPHeader
  /// Offset and length of the reason text, when present.
  public private(set) var reasonOffset: Int?
  public private(set) var reasonLength: Int

  /// Validates the body: SC sources must fit, and a reason must fit the packet. Throws
  /// ``RTPError/tooShort(needed:have:)`` or ``RTPError/itemOverrun``.
  init(header: RTCPHeader, in bytes: UnsafeRawBufferPointer) throws(RTPError) {
    try header.require(RTCPHeader.size + 4 * Int(header.count))
    self.header = header
    let reasonStart = header.bodyOffset + 4 * Int(header.count)
    let end = header.offset + header.contentLength
    reasonOffset = nil
    reasonLength = 0
    // Bytes left after the sources are a reason (length + text), or zero padding to a 32-bit boundary.
    if reasonStart < end {
      let length = Int(bytes.u8(at: reasonStart))
      if length > 0 {
        guard length <= end - (reasonStart + 1) else { throw .itemOverrun }
        reasonOffset = reasonStart + 1
        reasonLength = length
      }
    }
  }

  /// The number of sources (SC).
  public var sourceCount: Int { Int(header.count) }

  /// The source at `index` (0..<``sourceCount``).
  public func source(at index: Int, in bytes: UnsafeRawBufferPointer) -> SSRC {
    precondition(index >= 0 && index < sourceCount, "source index out of range")
    return SSRC(bytes.u32(at: header.bodyOffset + 4 * index))
  }

  /// The reason bytes (UTF-8 per RFC 3550 §6.6), `nil` when the packet has none.
  public func reason(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    reasonOffset.map { bytes.slice($0, reasonLength) }
  }
}

/// An owned BYE packet (RFC 3550 §6.6), for building and tests.
public struct RTCPBye: Hashable, Sendable {
  public var sources: [SSRC]
  /// The reason for leaving, at most 255 bytes; `nil` (or empty) for none.
  public var reason: [UInt8]?

  public init(sources: [SSRC], reason: [UInt8]? = nil) {
    self.sources = sources
    self.reason = reason
  }

  /// A BYE with a text reason.
  public init(sources: [SSRC], reason: String) { self.init(sources: sources, reason: Array(reason.utf8)) }

  /// Copies a parsed BYE.
  public init(_ view: RTCPByeView, in bytes: UnsafeRawBufferPointer) {
    sources = (0..<view.sourceCount).map { view.source(at: $0, in: bytes) }
    reason = view.reason(in: bytes).map { Array($0) }
  }

  public var serializedSize: Int { Self.size(sources: sources.count, reasonLength: reason?.count ?? 0) }

  public func write(into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) -> Int {
    try Self.write(sources: sources, reason: reason ?? [], into: buffer)
  }

  /// Writes a BYE at the start of `buffer` without allocating and returns its size; an empty `reason` is left out.
  /// Throws ``RTPError/tooManyEntries(count:limit:)`` for more than 31 sources and ``RTPError/itemOverrun`` for a
  /// reason longer than 255 bytes.
  public static func write(
    sources: some Collection<SSRC>, reason: some Collection<UInt8> = EmptyCollection(),
    into buffer: UnsafeMutableRawBufferPointer
  ) throws(RTPError) -> Int {
    try RTCPHeader.checkCount(sources.count)
    guard reason.count <= 255 else { throw .itemOverrun }
    let size = size(sources: sources.count, reasonLength: reason.count)
    try RTCPHeader.write(into: buffer, count: UInt8(truncatingIfNeeded: sources.count), packetType: .bye, size: size)
    var offset = RTCPHeader.size
    for source in sources {
      buffer.put(source.rawValue, at: offset)
      offset += 4
    }
    if !reason.isEmpty {
      buffer.put(UInt8(truncatingIfNeeded: reason.count), at: offset)
      buffer.put(bytes: reason, at: offset + 1)
      offset += 1 + reason.count
    }
    buffer.zero(offset, size - offset)
    return size
  }

  private static func size(sources: Int, reasonLength: Int) -> Int {
    let reason = reasonLength == 0 ? 0 : (1 + reasonLength + 3) & ~3
    return RTCPHeader.size + 4 * sources + reason
  }
}
