/// The `a=setup` attribute (RFC 4145 §4, used for DTLS by RFC 5763 §5 and RFC 8842 §5).
public enum DTLSSetup: String, Sendable, Hashable, CaseIterable {
  /// Opens the connection: the DTLS client.
  case active
  /// Waits for the connection: the DTLS server.
  case passive
  /// Either; only in offers.
  case actpass
  /// No connection for now.
  case holdconn

  /// The role this setup value gives its sender, or nil for `actpass` / `holdconn`.
  public var role: DTLSRole? {
    switch self {
    case .active: .client
    case .passive: .server
    case .actpass, .holdconn: nil
    }
  }
}

/// Which end of the DTLS handshake Parley plays (RFC 5763 §5): the client sends the ClientHello.
public enum DTLSRole: String, Sendable, Hashable {
  case client, server
}
