extension Negotiation {
  /// Answers a peer's offer (RFC 3264 §6, RFC 8829 §5.3) — a WhatsApp user-initiated call, or a
  /// WebRTC peer.
  ///
  /// - The first usable audio section is answered; every other section (video, data, further
  ///   audio) is rejected with port 0 in the same order (RFC 3264 §6), and only the audio mid is
  ///   kept in the BUNDLE group.
  /// - Opus on the offer's payload type, telephone-event/8000 on the offer's type when offered;
  ///   everything else (RED, G722, PCMU/PCMA, CN, telephone-event/48000) is left out.
  /// - DTLS (RFC 5763 §5, RFC 8842 §5): `actpass` → we answer `active` (client); `active` →
  ///   `passive` (server); `passive` → `active`. An offer without `a=setup` is treated as `actpass`
  ///   (as libwebrtc does).
  /// - ICE (RFC 8445 §6.1.1): controlling when the peer is ICE-lite (WhatsApp), controlled when it
  ///   is a full agent (the offerer controls). Our SDP never carries `a=ice-lite`.
  /// - Exactly one `a=fingerprint:sha-256` line (ours); the peer's sha-256 fingerprint is required.
  public static func answer(
    to offer: SDPOffer, local: LocalMediaParameters
  ) throws(SDPError) -> (SDPAnswer, NegotiatedAudio) {
    let session = offer.session
    guard let audioIndex = session.firstAudioIndex else { throw .noAudio }
    let audio = try AudioMediaDescription(session, mediaIndex: audioIndex)

    guard supportedProtocols.contains(audio.mediaLine.proto) else {
      throw .unsupportedProtocol(audio.mediaLine.proto)
    }
    guard let opus = audio.opus, let opusParameters = audio.opusParameters else { throw .noCommonCodec }
    let (ufrag, pwd) = try checkTransport(audio)
    let fingerprint = try remoteFingerprint(audio)
    guard audio.rtcpMux else { throw .rtcpMuxRequired }

    let (ourSetup, dtlsRole): (DTLSSetup, DTLSRole)
    switch audio.setup ?? .actpass {
    case .actpass, .passive: (ourSetup, dtlsRole) = (.active, .client)
    case .active: (ourSetup, dtlsRole) = (.passive, .server)
    case .holdconn: throw .invalidSetup(DTLSSetup.holdconn.rawValue)
    }

    let telephoneEvent = audio.telephoneEvent?.payloadType
    let audioLevelID = audio.audioLevelExtensionID
    let direction = audio.direction.reversed
    let bundleMid = audio.bundleGroup != nil ? audio.mid : nil
    let writer = AudioSectionWriter(local: local)
    var sections: [MediaDescription] = []
    for (index, section) in session.mediaDescriptions.enumerated() {
      if index == audioIndex {
        sections.append(
          writer.audioSection(
            proto: audio.mediaLine.proto, opusPayloadType: opus.payloadType, telephoneEventPayloadType: telephoneEvent,
            audioLevelExtensionID: audioLevelID, setup: ourSetup, mid: audio.mid, direction: direction))
      } else {
        sections.append(AudioSectionWriter.rejected(section))
      }
    }
    let answer = SDPAnswer(
      SessionDescription(sessionLines: writer.sessionLines(bundleMid: bundleMid), mediaDescriptions: sections))

    let negotiated = NegotiatedAudio(
      opusPayloadType: opus.payloadType, opus: opusParameters, telephoneEventPayloadType: telephoneEvent,
      audioLevelExtensionID: audioLevelID, remoteICEUfrag: ufrag, remoteICEPwd: pwd, remoteICELite: audio.iceLite,
      remoteCandidates: remoteCandidates(audio), remoteFingerprint: fingerprint, dtlsRole: dtlsRole,
      iceControlling: audio.iceLite, mid: audio.mid, rtcpMux: true, remoteSSRC: audio.ssrcs.first?.ssrc,
      bundle: bundleMid != nil, direction: direction)
    return (answer, negotiated)
  }
}
