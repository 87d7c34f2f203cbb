/// A DTLS-SRTP protection profile: the cipher, key sizes and tag sizes both peers agreed on in the
/// DTLS `use_srtp` extension (RFC 5764 §4.1.2; the AEAD profiles from RFC 7714 §14.2).
///
/// The raw value is the two-byte profile id from the `use_srtp` extension, so the DTLS module maps the
/// negotiated id with `SRTPProtectionProfile(rawValue:)`.
public enum SRTPProtectionProfile: UInt16, CaseIterable, Hashable, Sendable {
  /// `SRTP_AES128_CM_HMAC_SHA1_80` (0x0001): AES-128 counter mode, 80-bit HMAC-SHA1 tag.
  case aes128CMHmacSHA1Tag80 = 0x0001
  /// `SRTP_AES128_CM_HMAC_SHA1_32` (0x0002): as above with a 32-bit SRTP tag; SRTCP keeps 80 bits.
  case aes128CMHmacSHA1Tag32 = 0x0002
  /// `SRTP_AEAD_AES_128_GCM` (0x0007): AES-128 GCM with a 16-byte tag (RFC 7714).
  case aeadAES128GCM = 0x0007
  /// `SRTP_AEAD_AES_256_GCM` (0x0008): AES-256 GCM with a 16-byte tag (RFC 7714).
  case aeadAES256GCM = 0x0008

  /// The profile id carried in the DTLS `use_srtp` extension.
  public var dtlsProfileID: UInt16 { rawValue }

  /// The name the RFCs give the profile.
  public var name: String {
    switch self {
    case .aes128CMHmacSHA1Tag80: "SRTP_AES128_CM_HMAC_SHA1_80"
    case .aes128CMHmacSHA1Tag32: "SRTP_AES128_CM_HMAC_SHA1_32"
    case .aeadAES128GCM: "SRTP_AEAD_AES_128_GCM"
    case .aeadAES256GCM: "SRTP_AEAD_AES_256_GCM"
    }
  }

  /// The name OpenSSL's `SSL_CTX_set_tlsext_use_srtp` expects (it drops "HMAC_" from the CM names).
  public var openSSLName: String {
    switch self {
    case .aes128CMHmacSHA1Tag80: "SRTP_AES128_CM_SHA1_80"
    case .aes128CMHmacSHA1Tag32: "SRTP_AES128_CM_SHA1_32"
    case .aeadAES128GCM: "SRTP_AEAD_AES_128_GCM"
    case .aeadAES256GCM: "SRTP_AEAD_AES_256_GCM"
    }
  }

  /// Master key length in bytes.
  public var masterKeyLength: Int {
    switch self {
    case .aes128CMHmacSHA1Tag80, .aes128CMHmacSHA1Tag32, .aeadAES128GCM: 16
    case .aeadAES256GCM: 32
    }
  }

  /// Master salt length in bytes: 14 for counter mode (RFC 3711), 12 for GCM (RFC 7714 §12).
  public var masterSaltLength: Int {
    switch self {
    case .aes128CMHmacSHA1Tag80, .aes128CMHmacSHA1Tag32: 14
    case .aeadAES128GCM, .aeadAES256GCM: 12
    }
  }

  /// Bytes of DTLS keying material the profile needs (RFC 5764 §4.2): two keys and two salts.
  public var keyingMaterialLength: Int { 2 * (masterKeyLength + masterSaltLength) }

  /// The authentication tag appended to each SRTP packet, in bytes.
  public var rtpAuthTagLength: Int {
    switch self {
    case .aes128CMHmacSHA1Tag80: 10
    case .aes128CMHmacSHA1Tag32: 4
    case .aeadAES128GCM, .aeadAES256GCM: 16
    }
  }

  /// The authentication tag appended to each SRTCP packet, in bytes (80 bits for both CM profiles,
  /// RFC 5764 §4.1.2).
  public var rtcpAuthTagLength: Int {
    switch self {
    case .aes128CMHmacSHA1Tag80, .aes128CMHmacSHA1Tag32: 10
    case .aeadAES128GCM, .aeadAES256GCM: 16
    }
  }

  /// How many bytes protecting an RTP packet adds: the tag (no MKI is used).
  public var rtpTrailerLength: Int { rtpAuthTagLength }

  /// How many bytes protecting an RTCP packet adds: the E flag and SRTCP index (4 bytes), then the tag
  /// (RFC 3711 §3.4).
  public var rtcpTrailerLength: Int { 4 + rtcpAuthTagLength }
}
