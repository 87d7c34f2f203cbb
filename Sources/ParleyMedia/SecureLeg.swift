public import ParleyDTLS
public import ParleyNice

/// What every call leg offers its signalling: local ICE credentials, candidates and DTLS fingerprint
/// for Parley's SDP, and `connect` once the peer's SDP is known. ``TransportLeg`` (driven by its
/// network thread) and ``MediaLeg`` (driven by a media worker) are both secure legs.
public protocol SecureLeg: AnyObject {
  var agent: ICEAgent { get }
  var context: DTLSContext { get }

  /// Starts ICE toward the peer and DTLS in `role` (a client sends its ClientHello as soon as ICE has
  /// a working pair).
  func connect(
    role: DTLSRole, remoteUfrag: String, remotePassword: String, remoteCandidates: [ICECandidateInfo],
    remoteFingerprint: [UInt8]
  ) throws
}

extension SecureLeg {
  public var localUfrag: String { agent.localUfrag }
  public var localPassword: String { agent.localPassword }
  public var localCandidates: [ICECandidateInfo] { agent.localCandidates }
  public var localFingerprint: [UInt8] { context.certificate.sha256Fingerprint }

  /// Connects two of Parley's own legs to each other (tests, bridges): `self` takes `role`, `other`
  /// the opposite one.
  public func connect(to other: some SecureLeg, role: DTLSRole) throws {
    try connect(
      role: role, remoteUfrag: other.localUfrag, remotePassword: other.localPassword,
      remoteCandidates: other.localCandidates, remoteFingerprint: other.localFingerprint)
    try other.connect(
      role: role == .client ? .server : .client, remoteUfrag: localUfrag, remotePassword: localPassword,
      remoteCandidates: localCandidates, remoteFingerprint: localFingerprint)
  }
}
