import CParleyOpenSSL
public import ParleySRTP

/// Shared DTLS configuration: one `SSL_CTX` holding the process's certificate, DTLS 1.2 only,
/// the `use_srtp` profiles (RFC 5764 §4.1) and mutual certificate requests.
///
/// Endpoints made from one context may live on different threads; `SSL_new` on a shared, no longer
/// modified `SSL_CTX` is thread-safe in OpenSSL, hence `@unchecked Sendable`.
public final class DTLSContext: @unchecked Sendable {
  let ctx: OpaquePointer
  public let certificate: DTLSCertificate
  public let profiles: [SRTPProtectionProfile]

  /// - Parameter profiles: offered (client) or accepted (server) in this order of preference.
  public init(
    certificate: DTLSCertificate,
    profiles: [SRTPProtectionProfile] = [.aes128CMHmacSHA1Tag80, .aeadAES128GCM]
  ) throws {
    guard !profiles.isEmpty else { throw DTLSError.configuration("no SRTP protection profile") }
    guard let ctx = SSL_CTX_new(DTLS_method()) else {
      throw DTLSError.configuration("SSL_CTX_new: \(drainOpenSSLErrors())")
    }
    self.ctx = ctx
    self.certificate = certificate
    self.profiles = profiles
    guard cparley_ctx_set_min_proto(ctx, DTLS1_2_VERSION) == 1, cparley_ctx_set_max_proto(ctx, DTLS1_2_VERSION) == 1
    else { throw DTLSError.configuration("DTLS 1.2 only: \(drainOpenSSLErrors())") }
    guard SSL_CTX_use_certificate(ctx, certificate.x509) == 1, SSL_CTX_use_PrivateKey(ctx, certificate.key) == 1
    else { throw DTLSError.configuration("certificate: \(drainOpenSSLErrors())") }
    // SSL_CTX_set_tlsext_use_srtp returns 0 on success, unlike most of OpenSSL.
    guard SSL_CTX_set_tlsext_use_srtp(ctx, profiles.map(\.openSSLName).joined(separator: ":")) == 0 else {
      throw DTLSError.configuration("use_srtp \(profiles): \(drainOpenSSLErrors())")
    }
    // Both sides present certificates; trust comes from the SDP fingerprint, checked per endpoint.
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verifyPeerFingerprint)
  }

  deinit { SSL_CTX_free(ctx) }
}

/// OpenSSL's verify callback: a self-signed peer certificate is fine; its SHA-256 digest must
/// equal the fingerprint from the peer's SDP (RFC 5763 §5), or the handshake fails with an alert.
private func verifyPeerFingerprint(_ preverified: Int32, _ store: OpaquePointer?) -> Int32 {
  guard let store,
    let ssl = X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()),
    let raw = cparley_ssl_get_app_data(OpaquePointer(ssl))
  else { return 0 }
  // Only the leaf (depth 0) is judged: WebRTC certificates are self-signed, there is no chain.
  guard X509_STORE_CTX_get_error_depth(store) == 0 else { return 1 }
  let endpoint = Unmanaged<DTLSEndpoint>.fromOpaque(raw).takeUnretainedValue()
  guard let certificate = X509_STORE_CTX_get_current_cert(store),
    let digest = try? DTLSCertificate.digest(certificate)
  else {
    endpoint.peerFingerprintMismatch = []
    return 0
  }
  if digest == endpoint.expectedPeerFingerprint {
    X509_STORE_CTX_set_error(store, X509_V_OK)
    return 1
  }
  endpoint.peerFingerprintMismatch = digest
  return 0
}
