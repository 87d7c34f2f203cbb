import CParleyOpenSSL

/// A self-signed ECDSA P-256 certificate and its key, for DTLS-SRTP (RFC 5763 §5).
///
/// WhatsApp recommends ECDSA: it is fast to generate and its handshake flights need no fragmentation.
/// One certificate per process is enough; its SHA-256 fingerprint goes into every SDP Parley sends
/// (`a=fingerprint:sha-256 …`, RFC 8122 §5).
///
/// The key and certificate are never mutated after `generate`, and OpenSSL's reference-counted
/// `X509`/`EVP_PKEY` are safe to read from several threads, hence `@unchecked Sendable`.
public final class DTLSCertificate: @unchecked Sendable {
  let key: OpaquePointer
  let x509: OpaquePointer

  /// The SHA-256 digest of the DER-encoded certificate (32 bytes).
  public let sha256Fingerprint: [UInt8]

  private init(key: OpaquePointer, x509: OpaquePointer, fingerprint: [UInt8]) {
    self.key = key
    self.x509 = x509
    self.sha256Fingerprint = fingerprint
  }

  deinit {
    X509_free(x509)
    EVP_PKEY_free(key)
  }

  /// Generates a fresh key and a certificate valid from one day ago for `validityDays`.
  public static func generate(commonName: String = "parley", validityDays: Int = 30) throws -> DTLSCertificate {
    guard let key = cparley_generate_p256_key() else {
      throw DTLSError.certificate(step: "EC P-256 key generation", detail: drainOpenSSLErrors())
    }
    guard let x509 = X509_new() else {
      EVP_PKEY_free(key)
      throw DTLSError.certificate(step: "X509_new", detail: drainOpenSSLErrors())
    }
    do {
      try fill(x509, key: key, commonName: commonName, validityDays: validityDays)
      let fingerprint = try digest(x509)
      return DTLSCertificate(key: key, x509: x509, fingerprint: fingerprint)
    } catch {
      X509_free(x509)
      EVP_PKEY_free(key)
      throw error
    }
  }

  /// The certificate in PEM form (for logs and debugging; contains no secret).
  public var pem: String {
    guard let bio = BIO_new(BIO_s_mem()) else { return "" }
    defer { BIO_free(bio) }
    guard PEM_write_bio_X509(bio, x509) == 1 else { return "" }
    var data: UnsafeMutablePointer<CChar>?
    let length = cparley_bio_get_mem_data(bio, &data)
    guard let data, length > 0 else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
  }

  private static func fill(_ x509: OpaquePointer, key: OpaquePointer, commonName: String, validityDays: Int) throws {
    func check(_ ok: Bool, _ step: String) throws {
      if !ok { throw DTLSError.certificate(step: step, detail: drainOpenSSLErrors()) }
    }
    try check(X509_set_version(x509, 2) == 1, "X509_set_version")
    var serial: UInt64 = 0
    try withUnsafeMutableBytes(of: &serial) { try check(RAND_bytes($0.baseAddress, 8) == 1, "RAND_bytes") }
    try check(ASN1_INTEGER_set_uint64(X509_get_serialNumber(x509), serial >> 1) == 1, "serial number")
    try check(X509_gmtime_adj(X509_getm_notBefore(x509), -86_400) != nil, "notBefore")
    try check(X509_gmtime_adj(X509_getm_notAfter(x509), validityDays * 86_400) != nil, "notAfter")
    try check(X509_set_pubkey(x509, key) == 1, "X509_set_pubkey")
    guard let name = X509_get_subject_name(x509) else {
      throw DTLSError.certificate(step: "subject name", detail: drainOpenSSLErrors())
    }
    try check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, -1, -1, 0) == 1, "common name")
    try check(X509_set_issuer_name(x509, name) == 1, "issuer name")
    try check(X509_sign(x509, key, EVP_sha256()) > 0, "X509_sign")
  }

  static func digest(_ x509: OpaquePointer) throws -> [UInt8] {
    var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard X509_digest(x509, EVP_sha256(), &output, &length) == 1, length == 32 else {
      throw DTLSError.certificate(step: "X509_digest", detail: drainOpenSSLErrors())
    }
    return Array(output.prefix(32))
  }
}
