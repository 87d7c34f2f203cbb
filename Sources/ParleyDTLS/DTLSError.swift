/// Errors of the DTLS module: each names the step that failed and what OpenSSL said.
public enum DTLSError: Error, CustomStringConvertible, Equatable, Sendable {
  /// Creating the key or certificate failed at `step`; `detail` is OpenSSL's error text.
  case certificate(step: String, detail: String)
  /// The SSL context or endpoint could not be configured.
  case configuration(String)
  /// The peer's certificate does not match the `a=fingerprint` of its SDP.
  case fingerprintMismatch(expected: String, actual: String)
  /// The handshake failed (a fatal alert sent or received, too many retransmissions, ...).
  case handshake(String)
  /// The peer negotiated no SRTP protection profile (no `use_srtp` extension).
  case noSRTPProfile

  public var description: String {
    switch self {
    case .certificate(let step, let detail): "certificate: \(step) failed: \(detail)"
    case .configuration(let detail): "DTLS configuration: \(detail)"
    case .fingerprintMismatch(let expected, let actual):
      "the peer's DTLS certificate has fingerprint sha-256 \(actual), but its SDP says \(expected)"
    case .handshake(let detail): "DTLS handshake failed: \(detail)"
    case .noSRTPProfile: "the peer negotiated no SRTP protection profile (use_srtp)"
    }
  }
}
