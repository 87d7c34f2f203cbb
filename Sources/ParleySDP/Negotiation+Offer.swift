extension Negotiation {
  /// Our offer for a business-initiated call (RFC 8829 §5.2.1): one audio section with mid
  /// `audio` in a BUNDLE group, `a=setup:actpass`, Opus on 111 (`opus/48000/2`, fmtp from
  /// ``LocalMediaParameters/opus``), telephone-event/8000 on 126, the RFC 6464 audio level
  /// extension, rtcp-mux, one sha-256 fingerprint, our candidates and SSRC.
  public static func createOffer(local: LocalMediaParameters) -> SDPOffer {
    let writer = AudioSectionWriter(local: local)
    let audio = writer.audioSection(
      proto: "UDP/TLS/RTP/SAVPF", opusPayloadType: offerOpusPayloadType,
      telephoneEventPayloadType: offerTelephoneEventPayloadType, audioLevelExtensionID: offerAudioLevelExtensionID,
      setup: .actpass, mid: offerMid, direction: .sendrecv)
    return SDPOffer(
      SessionDescription(sessionLines: writer.sessionLines(bundleMid: offerMid), mediaDescriptions: [audio]))
  }
}
