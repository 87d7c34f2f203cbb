/// One parsed packet of an RTCP compound packet, typed by its PT (and FMT for RTPFB).
public enum RTCPPacketView: Hashable, Sendable {
  case senderReport(RTCPSenderReportView)
  case receiverReport(RTCPReceiverReportView)
  case sourceDescription(RTCPSourceDescriptionView)
  case bye(RTCPByeView)
  /// RTPFB FMT 1 (RFC 4585 §6.2.1).
  case genericNACK(RTCPGenericNACKView)
  /// RTPFB FMT 15 (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1).
  case transportWideFeedback(RTCPTransportFeedbackView)
  /// PSFB, PT 206 (RFC 4585 §6.3).
  case payloadSpecificFeedback(RTCPFeedbackView)
  /// Any other type or FMT, carried raw.
  case unknown(RTCPRawPacketView)

  /// Types the body of the packet `header` describes, validating what the type requires.
  public init(header: RTCPHeader, in bytes: UnsafeRawBufferPointer) throws(RTPError) {
    switch header.packetType {
    case .senderReport: self = .senderReport(try RTCPSenderReportView(header: header, in: bytes))
    case .receiverReport: self = .receiverReport(try RTCPReceiverReportView(header: header, in: bytes))
    case .sourceDescription: self = .sourceDescription(RTCPSourceDescriptionView(header: header))
    case .bye: self = .bye(try RTCPByeView(header: header, in: bytes))
    case .transportFeedback where header.count == RTCPGenericNACKView.format:
      self = .genericNACK(try RTCPGenericNACKView(header: header, in: bytes))
    case .transportFeedback where header.count == RTCPTransportFeedbackView.format:
      self = .transportWideFeedback(try RTCPTransportFeedbackView(header: header, in: bytes))
    case .payloadSpecificFeedback: self = .payloadSpecificFeedback(try RTCPFeedbackView(header: header, in: bytes))
    default: self = .unknown(RTCPRawPacketView(header: header))
    }
  }

  /// The common header of the packet.
  public var header: RTCPHeader {
    switch self {
    case .senderReport(let packet): packet.header
    case .receiverReport(let packet): packet.header
    case .sourceDescription(let packet): packet.header
    case .bye(let packet): packet.header
    case .genericNACK(let packet): packet.header
    case .transportWideFeedback(let packet): packet.header
    case .payloadSpecificFeedback(let packet): packet.header
    case .unknown(let packet): packet.header
    }
  }
}

/// Walks the packets of an RTCP compound packet (RFC 3550 §6.1) without allocating.
///
/// Each packet's common header is validated — version 2, length (32-bit words minus one) within the buffer,
/// padding count within the packet, padding only on the last packet — and its body as far as its type requires.
/// After a throw the iterator is finished. It does not insist that the compound starts with SR/RR (RFC 5506
/// reduced-size RTCP does not).
///
/// The iterator keeps the buffer pointer it was given: use it only while that buffer is alive.
public struct RTCPCompoundIterator {
  private let bytes: UnsafeRawBufferPointer
  private var offset = 0

  public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  /// The next packet, `nil` at the end of the buffer.
  public mutating func next() throws(RTPError) -> RTCPPacketView? {
    guard offset < bytes.count else { return nil }
    do throws(RTPError) {
      let header = try RTCPHeader(parsing: bytes, at: offset)
      if header.hasPadding && header.offset + header.size != bytes.count { throw RTPError.paddingNotLast }
      let packet = try RTCPPacketView(header: header, in: bytes)
      offset += header.size
      return packet
    } catch {
      offset = bytes.count
      throw error
    }
  }

  /// Validates every packet of `bytes` (bodies of SDES included) and returns how many there are.
  public static func validate(_ bytes: UnsafeRawBufferPointer) throws(RTPError) -> Int {
    var iterator = RTCPCompoundIterator(bytes)
    var count = 0
    while let packet = try iterator.next() {
      if case .sourceDescription(let sdes) = packet {
        var chunks = sdes.chunks(in: bytes)
        while try chunks.next() != nil {}
      }
      count += 1
    }
    return count
  }
}

/// Writes RTCP packets one after another into a caller-provided buffer, forming a compound packet (RFC 3550 §6.1).
///
/// ```swift
/// var writer = RTCPCompoundWriter(into: buffer)
/// try writer.append { try RTCPReceiverReport.write(ssrc: ssrc, reportBlocks: CollectionOfOne(block), into: $0) }
/// try writer.append { try RTCPSourceDescription.writeCNAME(ssrc: ssrc, cname: cname.utf8, into: $0) }
/// let length = writer.count
/// ```
///
/// The writer keeps the buffer pointer it was given: use it only while that buffer is alive.
public struct RTCPCompoundWriter {
  private let buffer: UnsafeMutableRawBufferPointer
  /// Bytes written so far.
  public private(set) var count = 0

  public init(into buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

  /// Calls `write` with the unused rest of the buffer; it returns how many bytes it wrote there.
  public mutating func append<E: Error>(_ write: (UnsafeMutableRawBufferPointer) throws(E) -> Int) throws(E) {
    let rest = UnsafeMutableRawBufferPointer(rebasing: buffer[count...])
    let written = try write(rest)
    precondition(written >= 0 && written <= rest.count, "writer reported more bytes than it had room for")
    count += written
  }

  /// Appends an owned packet.
  public mutating func append(_ packet: RTCPPacket) throws(RTPError) {
    try append { buffer throws(RTPError) in try packet.write(into: buffer) }
  }
}
