public import ParleyOpus

/// How one leg's audio is carried: what SDP negotiation settled, as plain values.
public struct LegAudioConfiguration: Sendable {
  /// Opus's payload type (WhatsApp: 111).
  public var opusPayloadType: UInt8
  /// telephone-event/8000's payload type (WhatsApp: 126), or nil.
  public var telephoneEventPayloadType: UInt8?
  /// Whether the peer sends in-band FEC (`useinbandfec=1` in its fmtp): lost frames are then
  /// recovered from the next packet instead of concealed.
  public var peerSendsFEC: Bool
  /// Our encoder toward the peer (WhatsApp: wideband, ~20 kbit/s, FEC).
  public var encoder: OpusEncoderConfiguration
  /// Our RTP SSRC.
  public var ssrc: UInt32

  public init(
    opusPayloadType: UInt8 = 111, telephoneEventPayloadType: UInt8? = 126, peerSendsFEC: Bool = true,
    encoder: OpusEncoderConfiguration = OpusEncoderConfiguration(), ssrc: UInt32
  ) {
    self.opusPayloadType = opusPayloadType
    self.telephoneEventPayloadType = telephoneEventPayloadType
    self.peerSendsFEC = peerSendsFEC
    self.encoder = encoder
    self.ssrc = ssrc
  }
}
