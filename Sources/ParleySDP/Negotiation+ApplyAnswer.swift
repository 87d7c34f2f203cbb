extension Negotiation {
  /// Applies the peer's answer to our offer (RFC 3264 §7, RFC 8829 §5.10) — WhatsApp's answer to a
  /// business-initiated call.
  ///
  /// - The answer has as many m-lines as the offer, each of the same media (RFC 3264 §6); the
  ///   audio section must not be rejected.
  /// - Its payload types must be a subset of those offered, with the same encodings; Opus is required.
  /// - DTLS: answer `active` → we are the SERVER (WhatsApp's case); `passive` → we are the client;
  ///   `actpass`, `holdconn` or no `a=setup` are errors.
  /// - ICE: we offered, so we are controlling (RFC 8445 §6.1.1; also when the peer is ICE-lite).
  /// - The peer's sha-256 fingerprint, ICE credentials and rtcp-mux are required.
  public static func applyAnswer(_ answer: SDPAnswer, to offer: SDPOffer) throws(SDPError) -> NegotiatedAudio {
    guard let audioIndex = offer.session.firstAudioIndex else { throw .noAudio }
    let offered = try AudioMediaDescription(offer.session, mediaIndex: audioIndex)
    let offeredSections = offer.session.mediaDescriptions
    let answeredSections = answer.session.mediaDescriptions
    guard answeredSections.count == offeredSections.count else {
      throw .answerMismatch(reason: "\(answeredSections.count) m-lines answer \(offeredSections.count) offered")
    }
    for (index, (offeredSection, answeredSection)) in zip(offeredSections, answeredSections).enumerated()
    where offeredSection.media != answeredSection.media {
      throw .answerMismatch(reason: "m-line \(index + 1) is \(answeredSection.media), offered \(offeredSection.media)")
    }
    guard !answeredSections[audioIndex].isRejected else { throw .audioRejected }
    let audio = try AudioMediaDescription(answer.session, mediaIndex: audioIndex)

    guard audio.mediaLine.proto == offered.mediaLine.proto else {
      throw .unsupportedProtocol(audio.mediaLine.proto)
    }
    let offeredTypes = Set(offered.mediaLine.payloadTypes)
    for payloadType in audio.mediaLine.payloadTypes where !offeredTypes.contains(payloadType) {
      throw .answerMismatch(reason: "payload type \(payloadType) was not offered")
    }
    guard let opus = audio.opus, let opusParameters = audio.opusParameters else { throw .noCommonCodec }
    guard offered.formats.contains(where: { $0.payloadType == opus.payloadType && $0.isOpus }) else {
      throw .answerMismatch(reason: "payload type \(opus.payloadType) was not offered as opus")
    }
    let telephoneEvent = audio.telephoneEvent.flatMap { event in
      offered.telephoneEvent?.payloadType == event.payloadType ? event.payloadType : nil
    }
    let (ufrag, pwd) = try checkTransport(audio)
    let fingerprint = try remoteFingerprint(audio)
    guard audio.rtcpMux else { throw .rtcpMuxRequired }

    let dtlsRole: DTLSRole
    switch audio.setup {
    case nil: throw .missingSetup
    case .active: dtlsRole = .server
    case .passive: dtlsRole = .client
    case let other?: throw .invalidSetup(other.rawValue)
    }
    if let mid = audio.mid, let offeredMid = offered.mid, mid != offeredMid {
      throw .answerMismatch(reason: "mid '\(mid)' answers mid '\(offeredMid)'")
    }
    let audioLevelID = audio.audioLevelExtensionID.flatMap { offered.audioLevelExtensionID != nil ? $0 : nil }

    return NegotiatedAudio(
      opusPayloadType: opus.payloadType, opus: opusParameters, telephoneEventPayloadType: telephoneEvent,
      audioLevelExtensionID: audioLevelID, remoteICEUfrag: ufrag, remoteICEPwd: pwd, remoteICELite: audio.iceLite,
      remoteCandidates: remoteCandidates(audio), remoteFingerprint: fingerprint, dtlsRole: dtlsRole,
      iceControlling: true, mid: offered.mid, rtcpMux: true, remoteSSRC: audio.ssrcs.first?.ssrc,
      bundle: audio.bundleGroup != nil, direction: audio.direction.reversed)
  }
}
