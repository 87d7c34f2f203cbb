/// A parsed RTCP feedback message in the common RFC 4585 §6.1 layout — FMT, sender SSRC, media SSRC, FCI — with
/// the FCI carried raw. Used for payload-specific feedback (PSFB, PT 206: PLI, SLI, RPSI, FIR, REMB...).
public struct RTCPFeedbackView: Hashable, Sendable {
  public private(set) var header: RTCPHeader
  public private(set) var senderSSRC: SSRC
  public private(set) var mediaSSRC: SSRC

  /// Validates the body: both SSRCs must be present.
  init(header: RTCPHeader, in bytes: UnsafeRawBufferPointer) throws(RTPError) {
    try header.require(RTCPHeader.size + 8)
    self.header = header
    senderSSRC = SSRC(bytes.u32(at: header.bodyOffset))
    mediaSSRC = SSRC(bytes.u32(at: header.bodyOffset + 4))
  }

  /// The feedback message type (FMT), e.g. 1 for PLI in PSFB.
  public var format: UInt8 { header.count }

  /// The feedback control information, unparsed.
  public func feedbackControlInformation(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    bytes.slice(header.bodyOffset + 8, header.bodyLength - 8)
  }
}

/// An owned RFC 4585 feedback message with raw FCI, for building and tests.
public struct RTCPFeedback: Hashable, Sendable {
  /// PSFB or RTPFB.
  public var packetType: RTCPPacketType
  /// FMT, 0...31.
  public var format: UInt8
  public var senderSSRC: SSRC
  public var mediaSSRC: SSRC
  /// A multiple of 4 bytes.
  public var feedbackControlInformation: [UInt8]

  public init(
    packetType: RTCPPacketType, format: UInt8, senderSSRC: SSRC, mediaSSRC: SSRC,
    feedbackControlInformation: [UInt8] = []
  ) {
    self.packetType = packetType
    self.format = format
    self.senderSSRC = senderSSRC
    self.mediaSSRC = mediaSSRC
    self.feedbackControlInformation = feedbackControlInformation
  }

  /// Picture Loss Indication (RFC 4585 §6.3.1: PSFB FMT 1, no FCI).
  public static func pictureLossIndication(senderSSRC: SSRC, mediaSSRC: SSRC) -> RTCPFeedback {
    RTCPFeedback(packetType: .payloadSpecificFeedback, format: 1, senderSSRC: senderSSRC, mediaSSRC: mediaSSRC)
  }

  /// Copies a parsed feedback message.
  public init(_ view: RTCPFeedbackView, in bytes: UnsafeRawBufferPointer) {
    self.init(
      packetType: view.header.packetType, format: view.format, senderSSRC: view.senderSSRC,
      mediaSSRC: view.mediaSSRC, feedbackControlInformation: Array(view.feedbackControlInformation(in: bytes)))
  }

  public var serializedSize: Int { RTCPHeader.size + 8 + feedbackControlInformation.count }

  /// Throws ``RTPError/valueOutOfRange(field:value:)`` for FMT above 31 and ``RTPError/badLength`` when the FCI
  /// is not a multiple of 4 bytes.
  public func write(into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) -> Int {
    guard format <= 31 else { throw .valueOutOfRange(field: "FMT", value: Int(format)) }
    let size = serializedSize
    try RTCPHeader.write(into: buffer, count: format, packetType: packetType, size: size)
    buffer.put(senderSSRC.rawValue, at: 4)
    buffer.put(mediaSSRC.rawValue, at: 8)
    buffer.put(bytes: feedbackControlInformation, at: 12)
    return size
  }
}
