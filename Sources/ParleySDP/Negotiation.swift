/// Audio offer/answer for WhatsApp Business Calling (RFC 3264, RFC 8829) with WhatsApp's rules
/// (see `whatsapp-calling.md` §3): one sha-256 fingerprint, no `a=ice-lite` in our SDP, Opus on
/// the offer's payload type, telephone-event/8000 only, BUNDLE and rtcp-mux, and the ICE/DTLS roles
/// set explicitly rather than derived from one another.
///
/// - ``answer(to:local:)``: user-initiated calls (WhatsApp offers, Parley answers `active`).
/// - ``createOffer(local:)`` and ``applyAnswer(_:to:)``: business-initiated calls (Parley offers
///   `actpass`, WhatsApp answers `active`, Parley is the DTLS server).
public enum Negotiation {
  /// The payload types and mid of ``createOffer(local:)``, as WhatsApp's own samples use them.
  public static let offerOpusPayloadType: UInt8 = 111
  public static let offerTelephoneEventPayloadType: UInt8 = 126
  public static let offerMid = "audio"
  /// The RFC 6464 audio level extension ID of ``createOffer(local:)``.
  public static let offerAudioLevelExtensionID: UInt8 = 1

  /// The DTLS-SRTP profiles Parley supports (RFC 5764 §8, RFC 8829 §5.1.2).
  static let supportedProtocols: Set<String> = ["UDP/TLS/RTP/SAVPF", "UDP/TLS/RTP/SAVP"]

  /// Checks proto, ICE credentials and rtcp-mux of the peer's audio section.
  static func checkTransport(_ audio: AudioMediaDescription) throws(SDPError) -> (ufrag: String, pwd: String) {
    guard supportedProtocols.contains(audio.mediaLine.proto) else {
      throw .unsupportedProtocol(audio.mediaLine.proto)
    }
    guard let ufrag = audio.iceUfrag, let pwd = audio.icePwd, !ufrag.isEmpty, !pwd.isEmpty else {
      throw .missingICECredentials
    }
    return (ufrag, pwd)
  }

  /// The peer's sha-256 fingerprint (WhatsApp accepts only sha-256; aiortc offers sha-256, sha-384
  /// and sha-512 together).
  static func remoteFingerprint(_ audio: AudioMediaDescription) throws(SDPError) -> Fingerprint {
    guard !audio.fingerprints.isEmpty else { throw .noFingerprint }
    guard let fingerprint = audio.fingerprint(algorithm: Fingerprint.sha256) else {
      throw .noSHA256Fingerprint(offered: audio.fingerprints.map(\.algorithm))
    }
    return fingerprint
  }

  /// Component-1 candidates: with rtcp-mux RTCP has no component of its own (RFC 5761 §5.1.3).
  static func remoteCandidates(_ audio: AudioMediaDescription) -> [ICECandidate] {
    audio.candidates.filter { $0.component == 1 }
  }
}
