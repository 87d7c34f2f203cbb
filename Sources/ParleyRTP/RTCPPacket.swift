/// An owned RTCP packet of any type, for building and tests; ``RTCPPacketView`` is the allocation-free form.
public enum RTCPPacket: Hashable, Sendable {
  case senderReport(RTCPSenderReport)
  case receiverReport(RTCPReceiverReport)
  case sourceDescription(RTCPSourceDescription)
  case bye(RTCPBye)
  case genericNACK(RTCPGenericNACK)
  case transportWideFeedback(RTCPTransportFeedback)
  case payloadSpecificFeedback(RTCPFeedback)
  case unknown(RTCPRawPacket)

  /// Copies a parsed packet. A packet with RTCP padding is kept as ``unknown(_:)`` so that its bytes round-trip,
  /// unless it is transport-wide feedback padded the way ``RTCPTransportFeedback`` writes it.
  public init(_ view: RTCPPacketView, in bytes: UnsafeRawBufferPointer) throws(RTPError) {
    if view.header.hasPadding {
      if case .transportWideFeedback(let packet) = view,
        view.header.paddingLength == (4 - packet.feedbackControlInformation(in: bytes).count % 4) % 4
      {
        self = .transportWideFeedback(RTCPTransportFeedback(packet, in: bytes))
      } else {
        self = .unknown(RTCPRawPacket(view.header, in: bytes))
      }
      return
    }
    switch view {
    case .senderReport(let packet): self = .senderReport(RTCPSenderReport(packet, in: bytes))
    case .receiverReport(let packet): self = .receiverReport(RTCPReceiverReport(packet, in: bytes))
    case .sourceDescription(let packet): self = .sourceDescription(try RTCPSourceDescription(packet, in: bytes))
    case .bye(let packet): self = .bye(RTCPBye(packet, in: bytes))
    case .genericNACK(let packet): self = .genericNACK(RTCPGenericNACK(packet, in: bytes))
    case .transportWideFeedback(let packet): self = .transportWideFeedback(RTCPTransportFeedback(packet, in: bytes))
    case .payloadSpecificFeedback(let packet): self = .payloadSpecificFeedback(RTCPFeedback(packet, in: bytes))
    case .unknown(let packet): self = .unknown(RTCPRawPacket(packet.header, in: bytes))
    }
  }

  /// Parses and copies every packet of a compound packet.
  public static func parseCompound(_ bytes: [UInt8]) throws(RTPError) -> [RTCPPacket] {
    try withBytes(bytes) { raw throws(RTPError) in
      var iterator = RTCPCompoundIterator(raw)
      var packets: [RTCPPacket] = []
      while let view = try iterator.next() { packets.append(try RTCPPacket(view, in: raw)) }
      return packets
    }
  }

  /// Serializes `packets` as one compound packet.
  public static func serializeCompound(_ packets: [RTCPPacket]) throws(RTPError) -> [UInt8] {
    try makeBytes(capacity: packets.reduce(0) { $0 + $1.serializedSize }) { buffer throws(RTPError) in
      var writer = RTCPCompoundWriter(into: buffer)
      for packet in packets { try writer.append(packet) }
      return writer.count
    }
  }

  public var serializedSize: Int {
    switch self {
    case .senderReport(let packet): packet.serializedSize
    case .receiverReport(let packet): packet.serializedSize
    case .sourceDescription(let packet): packet.serializedSize
    case .bye(let packet): packet.serializedSize
    case .genericNACK(let packet): packet.serializedSize
    case .transportWideFeedback(let packet): packet.serializedSize
    case .payloadSpecificFeedback(let packet): packet.serializedSize
    case .unknown(let packet): packet.serializedSize
    }
  }

  /// Writes the packet at the start of `buffer` and returns its size.
  public func write(into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) -> Int {
    switch self {
    case .senderReport(let packet): try packet.write(into: buffer)
    case .receiverReport(let packet): try packet.write(into: buffer)
    case .sourceDescription(let packet): try packet.write(into: buffer)
    case .bye(let packet): try packet.write(into: buffer)
    case .genericNACK(let packet): try packet.write(into: buffer)
    case .transportWideFeedback(let packet): try packet.write(into: buffer)
    case .payloadSpecificFeedback(let packet): try packet.write(into: buffer)
    case .unknown(let packet): try packet.write(into: buffer)
    }
  }
}
