import ParleyDTLS
import ParleyNice
public import ParleySDP

/// A leg's side of SDP negotiation: its ICE and DTLS identity as ``LocalMediaParameters``, and ICE and
/// DTLS started toward the peer of a ``NegotiatedAudio`` — the one place SDP becomes transport settings.
extension SecureLeg {
  /// The leg's credentials, gathered host candidates and sha-256 fingerprint, for an offer or answer.
  public func localMediaParameters(ssrc: UInt32, cname: String, trackID: String) throws -> LocalMediaParameters {
    let candidates = try localCandidates.enumerated().map { index, candidate in
      ICECandidate.host(address: try IPAddress(parsing: candidate.address), port: candidate.port, index: index)
    }
    return try LocalMediaParameters(
      iceUfrag: localUfrag, icePwd: localPassword, fingerprintSHA256: localFingerprint, candidates: candidates,
      ssrc: ssrc, cname: cname, streamID: "parley", trackID: trackID, sessionID: UInt64(ssrc))
  }

  /// Starts ICE (toward the peer's UDP candidates; TCP and mDNS ones are skipped) and DTLS in the
  /// negotiated role, checking the peer's certificate against its sha-256 fingerprint.
  public func connect(negotiated: NegotiatedAudio) throws {
    let remote = negotiated.remoteCandidates.compactMap { candidate -> ICECandidateInfo? in
      guard candidate.transport == .udp, case .ip(let address) = candidate.address else { return nil }
      return ICECandidateInfo(
        foundation: candidate.foundation, priority: candidate.priority, address: address.description,
        port: candidate.port, kind: ICECandidateInfo.Kind(rawValue: candidate.type.rawValue) ?? .host)
    }
    try connect(
      role: negotiated.dtlsRole == .client ? .client : .server, remoteUfrag: negotiated.remoteICEUfrag,
      remotePassword: negotiated.remoteICEPwd, remoteCandidates: remote,
      remoteFingerprint: negotiated.remoteFingerprint.bytes)
  }
}
