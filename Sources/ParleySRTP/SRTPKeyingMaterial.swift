/// The keying material a DTLS handshake exports for SRTP, split into the two directions' master keys
/// and salts in the layout of RFC 5764 §4.2:
///
/// ```
/// client_write_SRTP_master_key | server_write_SRTP_master_key |
/// client_write_SRTP_master_salt | server_write_SRTP_master_salt
/// ```
///
/// Export ``SRTPProtectionProfile/keyingMaterialLength`` bytes with the label ``exporterLabel`` and no
/// context. The DTLS client sends with the client_write key; the server with the server_write key.
public struct SRTPKeyingMaterial: Hashable, Sendable {
  /// Which end of the DTLS handshake this side played.
  public enum Role: Hashable, Sendable {
    case client
    case server
  }

  /// The TLS exporter label for DTLS-SRTP (RFC 5764 §4.2).
  public static let exporterLabel = "EXTRACTOR-dtls_srtp"

  /// The negotiated profile, which fixes the key and salt lengths.
  public let profile: SRTPProtectionProfile
  /// The key and salt the DTLS client protects with.
  public let clientWrite: SRTPMasterKey
  /// The key and salt the DTLS server protects with.
  public let serverWrite: SRTPMasterKey

  /// Splits `exported`, which must be exactly `profile.keyingMaterialLength` bytes long.
  public init(exported: some Collection<UInt8>, profile: SRTPProtectionProfile) throws(SRTPError) {
    let bytes = Array(exported)
    guard bytes.count == profile.keyingMaterialLength else {
      throw .invalidKeyLength(expected: profile.keyingMaterialLength, actual: bytes.count)
    }
    let keyLength = profile.masterKeyLength
    let saltLength = profile.masterSaltLength
    let saltStart = 2 * keyLength
    self.profile = profile
    self.clientWrite = SRTPMasterKey(
      key: Array(bytes[0..<keyLength]), salt: Array(bytes[saltStart..<saltStart + saltLength]))
    self.serverWrite = SRTPMasterKey(
      key: Array(bytes[keyLength..<saltStart]),
      salt: Array(bytes[saltStart + saltLength..<saltStart + 2 * saltLength]))
  }

  /// The key and salt this side protects outgoing packets with.
  public func local(for role: Role) -> SRTPMasterKey {
    role == .client ? clientWrite : serverWrite
  }

  /// The key and salt the peer protects with, which this side unprotects incoming packets with.
  public func remote(for role: Role) -> SRTPMasterKey {
    role == .client ? serverWrite : clientWrite
  }
}
