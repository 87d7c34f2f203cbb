/// A parsed transport-wide congestion control feedback packet (draft-holmer-rmcat-transport-wide-cc-extensions-01
/// §3.1: RTPFB, PT 205, FMT 15). The fixed fields are parsed; the packet status chunks and receive deltas are
/// carried raw.
///
/// ```
/// |V=2|P|  FMT=15 |    PT=205     |           length              |
/// |                     SSRC of packet sender                     |
/// |                      SSRC of media source                     |
/// |      base sequence number     |      packet status count      |
/// |                 reference time                | fb pkt. count |
/// |          packet chunk         |         packet chunk          |
/// .                                                               .
/// |         packet chunk          |  recv delta   |  recv delta   |
/// ```
public struct RTCPTransportFeedbackView: Hashable, Sendable {
  /// The FMT value of transport-wide feedback.
  public static let format: UInt8 = 15

  public private(set) var header: RTCPHeader
  public private(set) var senderSSRC: SSRC
  public private(set) var mediaSSRC: SSRC
  /// Transport-wide sequence number of the first packet reported.
  public private(set) var baseSequenceNumber: SequenceNumber
  /// Number of packets this feedback reports on.
  public private(set) var packetStatusCount: UInt16
  /// Signed 24-bit reference time in multiples of 64 ms.
  public private(set) var referenceTime: Int32
  /// Feedback packet sequence number (wraps at 256).
  public private(set) var feedbackPacketCount: UInt8

  /// Validates the body: the 16 bytes of fixed fields must be present.
  init(header: RTCPHeader, in bytes: UnsafeRawBufferPointer) throws(RTPError) {
    try header.require(RTCPHeader.size + 16)
    self.header = header
    let body = header.bodyOffset
    senderSSRC = SSRC(bytes.u32(at: body))
    mediaSSRC = SSRC(bytes.u32(at: body + 4))
    baseSequenceNumber = SequenceNumber(bytes.u16(at: body + 8))
    packetStatusCount = bytes.u16(at: body + 10)
    let timeWord = bytes.u32(at: body + 12)
    referenceTime = Int32(bitPattern: timeWord) >> 8  // sign-extend the top 24 bits
    feedbackPacketCount = UInt8(truncatingIfNeeded: timeWord)
  }

  /// The packet status chunks and receive deltas, unparsed (RTCP padding excluded).
  public func feedbackControlInformation(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    bytes.slice(header.bodyOffset + 16, header.bodyLength - 16)
  }
}

/// An owned transport-wide feedback packet, for building and tests.
public struct RTCPTransportFeedback: Hashable, Sendable {
  public var senderSSRC: SSRC
  public var mediaSSRC: SSRC
  public var baseSequenceNumber: SequenceNumber
  public var packetStatusCount: UInt16
  /// Signed 24 bits; values outside -2^23..<2^23 keep only their low 24 bits.
  public var referenceTime: Int32
  public var feedbackPacketCount: UInt8
  /// Packet status chunks and receive deltas. When not a multiple of 4 bytes, the packet is completed with RTCP
  /// padding (P bit), as libwebrtc does — so it must be the last packet of its compound packet.
  public var feedbackControlInformation: [UInt8]

  public init(
    senderSSRC: SSRC, mediaSSRC: SSRC, baseSequenceNumber: SequenceNumber, packetStatusCount: UInt16,
    referenceTime: Int32, feedbackPacketCount: UInt8, feedbackControlInformation: [UInt8]
  ) {
    self.senderSSRC = senderSSRC
    self.mediaSSRC = mediaSSRC
    self.baseSequenceNumber = baseSequenceNumber
    self.packetStatusCount = packetStatusCount
    self.referenceTime = referenceTime
    self.feedbackPacketCount = feedbackPacketCount
    self.feedbackControlInformation = feedbackControlInformation
  }

  /// Copies a parsed transport-wide feedback packet.
  public init(_ view: RTCPTransportFeedbackView, in bytes: UnsafeRawBufferPointer) {
    self.init(
      senderSSRC: view.senderSSRC, mediaSSRC: view.mediaSSRC, baseSequenceNumber: view.baseSequenceNumber,
      packetStatusCount: view.packetStatusCount, referenceTime: view.referenceTime,
      feedbackPacketCount: view.feedbackPacketCount,
      feedbackControlInformation: Array(view.feedbackControlInformation(in: bytes)))
  }

  private var paddingLength: Int { (4 - feedbackControlInformation.count % 4) % 4 }

  public var serializedSize: Int { RTCPHeader.size + 16 + feedbackControlInformation.count + paddingLength }

  public func write(into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) -> Int {
    let size = serializedSize
    let padding = paddingLength
    try RTCPHeader.write(
      into: buffer, count: RTCPTransportFeedbackView.format, packetType: .transportFeedback, size: size,
      hasPadding: padding > 0)
    buffer.put(senderSSRC.rawValue, at: 4)
    buffer.put(mediaSSRC.rawValue, at: 8)
    buffer.put(baseSequenceNumber.rawValue, at: 12)
    buffer.put(packetStatusCount, at: 14)
    buffer.put(UInt32(bitPattern: referenceTime) << 8 | UInt32(feedbackPacketCount), at: 16)
    buffer.put(bytes: feedbackControlInformation, at: 20)
    if padding > 0 {
      buffer.zero(size - padding, padding - 1)
      buffer.put(UInt8(truncatingIfNeeded: padding), at: size - 1)
    }
    return size
  }
}
