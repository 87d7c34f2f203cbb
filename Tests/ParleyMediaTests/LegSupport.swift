import ParleyDTLS
import ParleyMedia
import ParleyNice
import ParleySDP

/// Signalling for tests: Parley's SDP from a leg, and a leg connected from negotiated SDP — what the
/// call layer does in production.
enum LegSupport {
  static func localParameters(for leg: some SecureLeg, ssrc: UInt32, name: String) throws -> LocalMediaParameters {
    let candidates = try leg.localCandidates.enumerated().map { index, candidate in
      ICECandidate.host(address: try IPAddress(parsing: candidate.address), port: candidate.port, index: index)
    }
    return try LocalMediaParameters(
      iceUfrag: leg.localUfrag, icePwd: leg.localPassword, fingerprintSHA256: leg.localFingerprint,
      candidates: candidates, ssrc: ssrc, cname: "parley\(name)", streamID: "parley", trackID: name,
      sessionID: UInt64(ssrc))
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
    let remote = negotiated.remoteCandidates.compactMap { candidate -> ICECandidateInfo? in
      guard candidate.transport == .udp, case .ip(let address) = candidate.address else { return nil }
      return ICECandidateInfo(
        foundation: candidate.foundation, priority: candidate.priority, address: address.description,
        port: candidate.port, kind: ICECandidateInfo.Kind(rawValue: candidate.type.rawValue) ?? .host)
    }
    try leg.connect(
      role: negotiated.dtlsRole == .client ? .client : .server, remoteUfrag: negotiated.remoteICEUfrag,
      remotePassword: negotiated.remoteICEPwd, remoteCandidates: remote,
      remoteFingerprint: negotiated.remoteFingerprint.bytes)
  }
}
