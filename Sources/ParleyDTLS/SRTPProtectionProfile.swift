/// The DTLS-SRTP protection profiles Parley negotiates (RFC 5764 §4.1.2, RFC 7714 §14.2).
///
/// The DTLS layer only needs each profile's wire id, OpenSSL name and key/salt sizes, to export
/// the right amount of keying material (RFC 5764 §4.2: 2 × (key + salt) bytes).
public enum SRTPProtectionProfile: UInt16, Sendable, CaseIterable, CustomStringConvertible {
  case aes128CMHMACSHA1_80 = 0x0001
  case aes128CMHMACSHA1_32 = 0x0002
  case aeadAES128GCM = 0x0007
  case aeadAES256GCM = 0x0008

  /// The name OpenSSL's `SSL_CTX_set_tlsext_use_srtp` takes.
  public var openSSLName: String {
    switch self {
    case .aes128CMHMACSHA1_80: "SRTP_AES128_CM_SHA1_80"
    case .aes128CMHMACSHA1_32: "SRTP_AES128_CM_SHA1_32"
    case .aeadAES128GCM: "SRTP_AEAD_AES_128_GCM"
    case .aeadAES256GCM: "SRTP_AEAD_AES_256_GCM"
    }
  }

  public var keyLength: Int { self == .aeadAES256GCM ? 32 : 16 }
  public var saltLength: Int { (self == .aeadAES128GCM || self == .aeadAES256GCM) ? 12 : 14 }
  /// Bytes of keying material to export: client key, server key, client salt, server salt.
  public var keyingMaterialLength: Int { 2 * (keyLength + saltLength) }

  public var description: String { openSSLName }
}
