import ParleyDTLS
import ParleyMedia
import ParleyNice
import ParleySDP

/// Signalling for tests: Parley's SDP from a leg, and a leg connected from negotiated SDP — what the
/// call layer does in production.
enum LegSupport {
  static func localParameters(for leg: some SecureLeg, ssrc: UInt32, name: String) throws -> LocalMediaParameters {
    try leg.localMediaParameters(ssrc: ssrc, cname: "parley\(name)", trackID: name)
  }

  /// Answers `offer` for `leg` (WhatsApp's rules) and starts ICE and DTLS toward the offerer.
  static func answer(_ offer: SDPOffer, with leg: some SecureLeg, ssrc: UInt32, name: String) throws -> (
    SDPAnswer, NegotiatedAudio
  ) {
    let (answer, negotiated) = try Negotiation.answer(
      to: offer, local: localParameters(for: leg, ssrc: ssrc, name: name))
    try connect(leg, negotiated)
    return (answer, negotiated)
  }

  /// Starts ICE and DTLS toward the peer of `negotiated` (its UDP candidates, its sha-256 fingerprint).
  static func connect(_ leg: some SecureLeg, _ negotiated: NegotiatedAudio) throws {
    try leg.connect(negotiated: negotiated)
  }
}
