/// An RTCP packet of a type this module does not interpret (APP, XR, RTPFB other than NACK and transport-cc...),
/// carried raw (RFC 3550 §6.4.1 common header).
public struct RTCPRawPacketView: Hashable, Sendable {
  public private(set) var header: RTCPHeader

  /// The bytes after the common header, padding excluded.
  public func body(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    bytes.slice(header.bodyOffset, header.bodyLength)
  }
}

/// An owned RTCP packet kept as its common header fields and raw bytes, for any type; serializing it reproduces
/// the original packet exactly, padding included.
public struct RTCPRawPacket: Hashable, Sendable {
  public var packetType: RTCPPacketType
  /// RC, SC or FMT: 0...31.
  public var count: UInt8
  /// Whether the P bit is set; the padding is then the tail of `payload`, its last byte the count.
  public var hasPadding: Bool
  /// Everything after the 4-byte common header, padding included: a multiple of 4 bytes.
  public var payload: [UInt8]

  public init(packetType: RTCPPacketType, count: UInt8, hasPadding: Bool = false, payload: [UInt8]) {
    self.packetType = packetType
    self.count = count
    self.hasPadding = hasPadding
    self.payload = payload
  }

  /// Copies the whole packet `header` describes out of `bytes`, padding included.
  public init(_ header: RTCPHeader, in bytes: UnsafeRawBufferPointer) {
    self.init(
      packetType: header.packetType, count: header.count, hasPadding: header.hasPadding,
      payload: Array(bytes.slice(header.bodyOffset, header.size - RTCPHeader.size)))
  }

  public var serializedSize: Int { RTCPHeader.size + payload.count }

  /// Throws ``RTPError/valueOutOfRange(field:value:)`` for a count above 31 and ``RTPError/badLength`` when the
  /// payload is not a multiple of 4 bytes.
  public func write(into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) -> Int {
    guard count <= 31 else { throw .valueOutOfRange(field: "RTCP count", value: Int(count)) }
    let size = serializedSize
    try RTCPHeader.write(into: buffer, count: count, packetType: packetType, size: size, hasPadding: hasPadding)
    buffer.put(bytes: payload, at: RTCPHeader.size)
    return size
  }
}
