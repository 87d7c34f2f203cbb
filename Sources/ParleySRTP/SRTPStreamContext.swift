internal import CParleySRTP

/// One libsrtp session (`srtp_t`) holding a single wildcard policy: every outbound SSRC
/// (`ssrc_any_outbound`) or every inbound SSRC (`ssrc_any_inbound`) under one master key.
///
/// libsrtp allows one wildcard policy per `srtp_t`, so a bidirectional ``SRTPSession`` owns two of
/// these. This instance is the only owner of its `srtp_t` and frees it in `deinit`.
final class SRTPStreamContext {
  enum Direction {
    case outbound
    case inbound
  }

  /// The replay window size, in packets (libsrtp's default is 128; RFC 3711 §3.3.2 asks for ≥ 64).
  static let replayWindowSize = 1024

  private let handle: OpaquePointer

  init(profile: SRTPProtectionProfile, masterKey: SRTPMasterKey, direction: Direction) throws(SRTPError) {
    guard srtpInitStatus == 0 else { throw .library(code: srtpInitStatus) }
    guard masterKey.key.count == profile.masterKeyLength else {
      throw .invalidKeyLength(expected: profile.masterKeyLength, actual: masterKey.key.count)
    }
    guard masterKey.salt.count == profile.masterSaltLength else {
      throw .invalidKeyLength(expected: profile.masterSaltLength, actual: masterKey.salt.count)
    }

    var policy = srtp_policy_t()
    switch profile {
    case .aes128CMHmacSHA1Tag80:
      srtp_crypto_policy_set_rtp_default(&policy.rtp)
      srtp_crypto_policy_set_rtcp_default(&policy.rtcp)
    case .aes128CMHmacSHA1Tag32:
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp)
      srtp_crypto_policy_set_rtcp_default(&policy.rtcp)
    case .aeadAES128GCM:
      srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp)
      srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp)
    case .aeadAES256GCM:
      srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtp)
      srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtcp)
    }
    policy.ssrc.type = direction == .outbound ? ssrc_any_outbound : ssrc_any_inbound
    policy.window_size = UInt(Self.replayWindowSize)
    // libsrtp consults allow_repeat_tx only when protecting: it lets a sender repeat a sequence
    // number (keep-alive silence) without a replay error. Inbound replay checks stay strict.
    policy.allow_repeat_tx = direction == .outbound ? 1 : 0

    // libsrtp wants the master key and salt concatenated; srtp_create copies them.
    var keyAndSalt = masterKey.key + masterKey.salt
    defer { keyAndSalt.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
    var session: OpaquePointer?
    let status = keyAndSalt.withUnsafeMutableBufferPointer { key in
      policy.key = key.baseAddress
      return srtp_create(&session, &policy)
    }
    let code = Int32(truncatingIfNeeded: status.rawValue)
    guard code == 0, let session else { throw .library(code: code == 0 ? 1 : code) }
    self.handle = session
  }

  deinit { srtp_dealloc(handle) }

  /// Runs `srtp_protect` / `srtp_protect_rtcp` on `length` bytes at `packet` and returns the status
  /// and the new length. The caller has checked that the trailer fits.
  func protect(rtcp: Bool, packet: UnsafeMutableRawPointer, length: Int) -> (status: Int32, length: Int) {
    var octets = Int32(length)
    let status = rtcp ? srtp_protect_rtcp(handle, packet, &octets) : srtp_protect(handle, packet, &octets)
    return (Int32(truncatingIfNeeded: status.rawValue), Int(octets))
  }

  /// Runs `srtp_unprotect` / `srtp_unprotect_rtcp` on `length` bytes at `packet` and returns the
  /// status and the plain length.
  func unprotect(rtcp: Bool, packet: UnsafeMutableRawPointer, length: Int) -> (status: Int32, length: Int) {
    var octets = Int32(length)
    let status = rtcp ? srtp_unprotect_rtcp(handle, packet, &octets) : srtp_unprotect(handle, packet, &octets)
    return (Int32(truncatingIfNeeded: status.rawValue), Int(octets))
  }
}
