import ParleySDP

/// What the phone checks in Parley's SDP before it uses it, as WhatsApp does (whatsapp-calling.md §3.2,
/// §3.3). Each failure names the rule, like Meta's error 100 "SDP validation".
enum PhoneValidation {
  /// The peer's transport as the phone's leg needs it. Its candidates are not among it: WhatsApp's
  /// ICE-lite side learns the business's address from its checks alone.
  struct Remote {
    var ufrag: String
    var password: String
    var fingerprint: [UInt8]
  }

  /// Parley's answer to the phone's offer (user-initiated call): one `m=audio` with mid `audio`,
  /// `a=setup:active`, exactly one fingerprint and it is sha-256, no `a=ice-lite`, Opus on 111,
  /// rtcp-mux, ICE credentials; candidates optional.
  static func checkAnswer(_ sdp: String, to offer: SDPOffer) throws(PhoneError) -> Remote {
    let answer = try parse { () throws(SDPError) in try SDPAnswer(parsing: sdp) }
    let session = answer.session
    guard session.mediaDescriptions.count == 1, let section = session.mediaDescriptions.first, section.media == "audio"
    else {
      throw PhoneError("exactly one m=audio expected, got \(session.mediaDescriptions.map(\.media))")
    }
    guard !section.isRejected else { throw PhoneError("the answer rejected the audio m-line (port 0)") }
    guard !session.isICELite else {
      throw PhoneError("a=ice-lite in the answer: WhatsApp is ICE-lite, the business must be a full, controlling agent")
    }
    let audio = try parse { () throws(SDPError) in try AudioMediaDescription(session, mediaIndex: 0) }
    guard audio.mid == "audio" else {
      throw PhoneError("the audio m-line needs a=mid:audio, got \(audio.mid ?? "none")")
    }
    try checkCommon(audio)
    switch audio.setup {
    case .active?: break
    case .passive?:
      throw PhoneError(
        "a=setup:passive: the phone's offer is actpass and it expects the business to be the DTLS client"
          + " (a=setup:active); whether WhatsApp accepts passive is UNCONFIRMED (whatsapp-calling.md §7.8)")
    case let other?: throw PhoneError("a=setup:\(other.rawValue) is not allowed in an answer (need active)")
    case nil: throw PhoneError("the answer has no a=setup (need active)")
    }
    guard audio.fingerprints.count == 1 else {
      throw PhoneError(
        "\(audio.fingerprints.count) a=fingerprint lines: WhatsApp accepts exactly one, sha-256"
          + " (\(audio.fingerprints.map(\.algorithm).joined(separator: ", ")))")
    }
    guard audio.fingerprints[0].algorithm == Fingerprint.sha256 else {
      throw PhoneError("a=fingerprint:\(audio.fingerprints[0].algorithm): WhatsApp supports only sha-256")
    }
    guard audio.formats.contains(where: { $0.isOpus && $0.payloadType == 111 }) else {
      throw PhoneError("no opus/48000/2 on payload type 111")
    }
    let negotiated = try parse { () throws(SDPError) in try Negotiation.applyAnswer(answer, to: offer) }
    return remote(negotiated)
  }

  /// Parley's offer (business-initiated call): `a=setup:actpass` (or `passive`: the phone answers
  /// `active`), a sha-256 fingerprint, Opus, rtcp-mux, ICE credentials and a mid.
  static func checkOffer(_ sdp: String) throws(PhoneError) -> (Remote, WhatsAppSDP.AnswerChoice) {
    let offer = try parse { () throws(SDPError) in try SDPOffer(parsing: sdp) }
    let audio = try parse { () throws(SDPError) in try offer.session.audio() }
    try checkCommon(audio)
    switch audio.setup ?? .actpass {
    case .actpass, .passive: break
    case let other: throw PhoneError("a=setup:\(other.rawValue): the phone answers a=setup:active, offer actpass")
    }
    guard let fingerprint = audio.fingerprint(algorithm: Fingerprint.sha256) else {
      throw PhoneError("no a=fingerprint:sha-256 (WhatsApp supports only SHA-256)")
    }
    guard let opus = audio.opus else { throw PhoneError("no opus/48000/2 offered (WhatsApp phones speak only Opus)") }
    guard let mid = audio.mid else { throw PhoneError("the audio m-line has no a=mid") }
    let known = [WhatsAppSDP.audioLevelURI, WhatsAppSDP.absSendTimeURI, WhatsAppSDP.transportCCURI]
    let extensions = audio.extensionMaps.filter { known.contains($0.uri) }.map { (id: $0.id, uri: $0.uri) }
    let choice = WhatsAppSDP.AnswerChoice(
      mid: mid, bundle: audio.bundleGroup != nil, opusPayloadType: opus.payloadType,
      telephoneEventPayloadType: audio.telephoneEvent?.payloadType, extensions: extensions)
    let remote = Remote(ufrag: audio.iceUfrag ?? "", password: audio.icePwd ?? "", fingerprint: fingerprint.bytes)
    return (remote, choice)
  }

  private static func checkCommon(_ audio: AudioMediaDescription) throws(PhoneError) {
    guard audio.mediaLine.proto == "UDP/TLS/RTP/SAVPF" else {
      throw PhoneError("media protocol \(audio.mediaLine.proto), need UDP/TLS/RTP/SAVPF")
    }
    guard !audio.fingerprints.isEmpty else { throw PhoneError("No fingerprint found in SDP") }
    guard audio.rtcpMux else { throw PhoneError("no a=rtcp-mux") }
    guard let ufrag = audio.iceUfrag, let pwd = audio.icePwd, !ufrag.isEmpty, !pwd.isEmpty else {
      throw PhoneError("missing a=ice-ufrag or a=ice-pwd")
    }
  }

  private static func remote(_ negotiated: NegotiatedAudio) -> Remote {
    Remote(
      ufrag: negotiated.remoteICEUfrag, password: negotiated.remoteICEPwd,
      fingerprint: negotiated.remoteFingerprint.bytes)
  }

  private static func parse<T>(_ body: () throws(SDPError) -> T) throws(PhoneError) -> T {
    do { return try body() } catch { throw PhoneError(error.description) }
  }
}
