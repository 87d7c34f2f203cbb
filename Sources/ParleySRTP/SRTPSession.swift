/// SRTP and SRTCP protection for one media leg (RFC 3711), keyed from DTLS-SRTP (RFC 5764).
///
/// Outgoing packets are protected with the local master key, incoming ones verified and decrypted
/// with the remote one; any SSRC is accepted in either direction. Incoming packets pass a 1024-packet
/// replay window. All four operations work in place on the caller's buffer; the wrapper allocates
/// nothing per packet. (libsrtp allocates once per new SSRC, and Debian's NSS-based libsrtp2 creates an
/// NSS cipher context for every packet inside `set_iv`: a cost outside this wrapper's control.)
///
/// The session owns its two libsrtp contexts and frees them when it goes away. It is not
/// thread-safe and deliberately not `Sendable`: one media worker owns it (hand it over with `sending`),
/// which is also why the counters are plain stored properties.
public final class SRTPSession {
  /// The negotiated protection profile.
  public let profile: SRTPProtectionProfile
  /// Incoming packets rejected because their tag did not verify.
  public private(set) var authenticationFailures = 0
  /// Incoming packets rejected by the replay window.
  public private(set) var replays = 0

  private let outbound: SRTPStreamContext
  private let inbound: SRTPStreamContext

  /// The smallest RTP header (RFC 3550 §5.1).
  private static let rtpHeaderLength = 12
  /// The smallest RTCP header: the first 8 bytes, up to and including the sender SSRC (RFC 3550 §6.4).
  private static let rtcpHeaderLength = 8

  /// Creates a session protecting with `local` and verifying with `remote`.
  public init(profile: SRTPProtectionProfile, local: SRTPMasterKey, remote: SRTPMasterKey) throws(SRTPError) {
    self.profile = profile
    self.outbound = try SRTPStreamContext(profile: profile, masterKey: local, direction: .outbound)
    self.inbound = try SRTPStreamContext(profile: profile, masterKey: remote, direction: .inbound)
  }

  /// Creates a session from exported DTLS keying material, for this side's DTLS `role`.
  public convenience init(keyingMaterial: SRTPKeyingMaterial, role: SRTPKeyingMaterial.Role) throws(SRTPError) {
    try self.init(
      profile: keyingMaterial.profile, local: keyingMaterial.local(for: role),
      remote: keyingMaterial.remote(for: role))
  }

  /// Protects the RTP packet in the first `length` bytes of `buffer` and returns the SRTP length.
  ///
  /// `buffer` needs ``SRTPProtectionProfile/rtpTrailerLength`` spare bytes after the packet.
  public func protectRTP(in buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
    try protect(rtcp: false, buffer: buffer, length: length)
  }

  /// Protects the RTCP compound packet in the first `length` bytes of `buffer` and returns the SRTCP
  /// length. `buffer` needs ``SRTPProtectionProfile/rtcpTrailerLength`` spare bytes after the packet.
  public func protectRTCP(in buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
    try protect(rtcp: true, buffer: buffer, length: length)
  }

  /// Verifies and decrypts the SRTP packet in the first `length` bytes of `buffer` and returns the
  /// plain RTP length.
  ///
  /// - Throws: ``SRTPError/authenticationFailed`` or ``SRTPError/replay`` (each also counted), or
  ///   ``SRTPError/packetTooShort(length:minimum:)``.
  public func unprotectRTP(in buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
    try unprotect(rtcp: false, buffer: buffer, length: length)
  }

  /// Verifies and decrypts the SRTCP packet in the first `length` bytes of `buffer` and returns the
  /// plain RTCP length. Throws as ``unprotectRTP(in:length:)`` does.
  public func unprotectRTCP(in buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
    try unprotect(rtcp: true, buffer: buffer, length: length)
  }

  private func protect(rtcp: Bool, buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
    let minimum = rtcp ? Self.rtcpHeaderLength : Self.rtpHeaderLength
    guard length >= minimum else { throw .packetTooShort(length: length, minimum: minimum) }
    let needed = length + (rtcp ? profile.rtcpTrailerLength : profile.rtpTrailerLength)
    guard let base = buffer.baseAddress, buffer.count >= needed, needed <= Int(Int32.max) else {
      throw .bufferTooSmall(capacity: buffer.count, needed: needed)
    }
    let result = outbound.protect(rtcp: rtcp, packet: base, length: length)
    guard result.status == 0 else { throw SRTPError(status: result.status) }
    return result.length
  }

  private func unprotect(rtcp: Bool, buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
    let minimum =
      rtcp ? Self.rtcpHeaderLength + profile.rtcpTrailerLength : Self.rtpHeaderLength + profile.rtpAuthTagLength
    guard length >= minimum else { throw .packetTooShort(length: length, minimum: minimum) }
    guard let base = buffer.baseAddress, buffer.count >= length, length <= Int(Int32.max) else {
      throw .bufferTooSmall(capacity: buffer.count, needed: length)
    }
    let result = inbound.unprotect(rtcp: rtcp, packet: base, length: length)
    guard result.status == 0 else {
      let error = SRTPError(status: result.status)
      switch error {
      case .authenticationFailed: authenticationFailures += 1
      case .replay: replays += 1
      default: break
      }
      throw error
    }
    return result.length
  }
}
