/// What the caller supplies about Parley's side of a call: the module itself has no clock and no
/// randomness, so credentials, identifiers and addresses all come from here.
///
/// The initializer validates every value, so an offer or answer built from it is always valid SDP.
public struct LocalMediaParameters: Sendable, Hashable {
  /// `a=ice-ufrag`: 4...256 ice-chars (RFC 8839 §5.4).
  public let iceUfrag: String
  /// `a=ice-pwd`: 22...256 ice-chars (RFC 8839 §5.4).
  public let icePwd: String
  /// The sha-256 digest of our DTLS certificate, 32 bytes.
  public let fingerprint: Fingerprint
  /// Our candidates, written as `a=candidate` lines; may be empty (WhatsApp learns our address from
  /// the connectivity checks as peer-reflexive candidates).
  public let candidates: [ICECandidate]
  /// Our RTP SSRC.
  public let ssrc: UInt32
  /// The RTCP CNAME (RFC 7022), token characters only.
  public let cname: String
  /// The `msid` stream and track identifiers (RFC 8830), token characters only.
  public let streamID: String
  public let trackID: String
  /// The `o=` sess-id, below 2^63 (RFC 8829 §5.2.1).
  public let sessionID: UInt64
  /// The `o=` sess-version.
  public let sessionVersion: UInt64
  /// The Opus parameters we declare as receiver (fmtp, ptime, maxptime).
  public let opus: OpusParameters

  public init(
    iceUfrag: String, icePwd: String, fingerprintSHA256: [UInt8], candidates: [ICECandidate] = [], ssrc: UInt32,
    cname: String, streamID: String, trackID: String, sessionID: UInt64, sessionVersion: UInt64 = 2,
    opus: OpusParameters = .parleyDefault
  ) throws(SDPError) {
    func fail(_ reason: String) -> SDPError { .invalidLocalParameters(reason: reason) }
    guard SDPGrammar.isICEString(iceUfrag[...], length: 4...256) else {
      throw fail("ice-ufrag must be 4...256 ice-chars")
    }
    guard SDPGrammar.isICEString(icePwd[...], length: 22...256) else {
      throw fail("ice-pwd must be 22...256 ice-chars")
    }
    guard fingerprintSHA256.count == 32 else {
      throw fail("sha-256 fingerprint needs 32 bytes, got \(fingerprintSHA256.count)")
    }
    for (name, value) in [("cname", cname), ("stream id", streamID), ("track id", trackID)] {
      guard SDPGrammar.isToken(value[...]), value.utf8.count <= 256 else {
        throw fail("\(name) must be 1...256 token characters")
      }
    }
    guard sessionID < UInt64(Int64.max) else { throw fail("session id must be below 2^63 - 1") }
    for candidate in candidates {
      guard SDPGrammar.isICEString(candidate.foundation[...], length: 1...32),
        (1...256).contains(candidate.component),
        candidate.extensions.allSatisfy({ SDPGrammar.isToken($0.name[...]) && SDPGrammar.isVisible($0.value[...]) })
      else { throw fail("candidate '\(candidate.attributeValue)' is not valid") }
      guard case .ip = candidate.address else { throw fail("local candidates need an IP address") }
    }
    self.iceUfrag = iceUfrag
    self.icePwd = icePwd
    self.fingerprint = Fingerprint(sha256: fingerprintSHA256)
    self.candidates = candidates
    self.ssrc = ssrc
    self.cname = cname
    self.streamID = streamID
    self.trackID = trackID
    self.sessionID = sessionID
    self.sessionVersion = sessionVersion
    self.opus = opus
  }
}
