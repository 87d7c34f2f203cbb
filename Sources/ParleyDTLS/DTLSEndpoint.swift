import CParleyOpenSSL
public import ParleySRTP

/// Which side of the DTLS handshake Parley plays (RFC 5763 §5: `a=setup:active` is the client).
public enum DTLSRole: Sendable, Equatable {
  case client
  case server
}

/// What a DTLS-SRTP handshake yields: the negotiated profile and the exported keying material
/// (`EXTRACTOR-dtls_srtp`, RFC 5764 §4.2 layout: client key | server key | client salt | server salt).
public struct DTLSSRTPKeys: Sendable, Equatable {
  public var profile: SRTPProtectionProfile
  public var keyingMaterial: [UInt8]
  public var role: DTLSRole
}

/// What an endpoint reports to its owner, drained with ``DTLSEndpoint/pollEvent()``.
public enum DTLSEvent: Sendable, Equatable {
  case connected(DTLSSRTPKeys)
  case failed(DTLSError)
  /// The peer sent close_notify.
  case closed
}

/// One DTLS 1.2 association, sans-IO: datagrams in (``handle(datagram:)``), datagrams out
/// (``pollTransmit()``), events out (``pollEvent()``), and a timer the caller drives
/// (``timeout()`` / ``handleTimeout()``). It owns no socket and no thread.
///
/// Retransmission starts at 100 ms and doubles up to 2 s (OpenSSL's own default waits a whole
/// second first). OpenSSL measures the timer with its own clock internally; this type never reads one.
public final class DTLSEndpoint {
  public let role: DTLSRole
  let expectedPeerFingerprint: [UInt8]
  /// Set by the verify callback when the peer's certificate digest differs from the SDP's.
  var peerFingerprintMismatch: [UInt8]?

  private let ssl: OpaquePointer
  private let pipe: DatagramPipe
  private let pipeReference: Unmanaged<DatagramPipe>
  private var events: [DTLSEvent] = []
  public private(set) var isConnected = false
  public private(set) var isFinished = false
  /// Datagrams handed in, and those dropped before OpenSSL because their record framing is broken
  /// (garbage, truncated records: see ``isWellFramedDTLS(_:)``).
  public private(set) var datagramsReceived = 0
  public private(set) var datagramsMalformed = 0

  /// - Parameter remoteFingerprint: the SHA-256 fingerprint from the peer's SDP (32 bytes).
  public init(context: DTLSContext, role: DTLSRole, remoteFingerprint: [UInt8], mtu: Int = 1200) throws {
    guard remoteFingerprint.count == 32 else {
      throw DTLSError.configuration("a sha-256 fingerprint has 32 bytes, not \(remoteFingerprint.count)")
    }
    guard let ssl = SSL_new(context.ctx) else { throw DTLSError.configuration("SSL_new: \(drainOpenSSLErrors())") }
    guard let bio = BIO_new(datagramBIOMethod) else {
      SSL_free(ssl)
      throw DTLSError.configuration("BIO_new: \(drainOpenSSLErrors())")
    }
    self.role = role
    self.ssl = ssl
    self.expectedPeerFingerprint = remoteFingerprint
    self.pipe = DatagramPipe(mtu: mtu)
    self.pipeReference = Unmanaged.passRetained(pipe)
    BIO_set_data(bio, pipeReference.toOpaque())
    SSL_set_bio(ssl, bio, bio)  // the SSL owns the BIO from here on
    _ = cparley_ssl_set_app_data(ssl, Unmanaged.passUnretained(self).toOpaque())
    SSL_set_options(ssl, cparley_ssl_op_no_query_mtu())
    _ = cparley_ssl_set_mtu(ssl, mtu)
    _ = cparley_dtls_set_link_mtu(ssl, mtu)
    DTLS_set_timer_cb(ssl) { _, previous in previous == 0 ? 100_000 : min(previous * 2, 2_000_000) }
    if role == .client { SSL_set_connect_state(ssl) } else { SSL_set_accept_state(ssl) }
  }

  deinit {
    SSL_free(ssl)
    pipeReference.release()
  }

  /// Starts the handshake: the client's ClientHello is then ready in ``pollTransmit()``.
  /// A server waits for the ClientHello; calling this on a server is harmless.
  public func start() {
    guard role == .client else { return }
    advance()
  }

  /// Feeds one datagram that the demultiplexer (RFC 7983) classified as DTLS.
  public func handle(datagram: UnsafeRawBufferPointer) {
    guard !isFinished else { return }
    datagramsReceived += 1
    guard isWellFramedDTLS(datagram) else {
      datagramsMalformed += 1
      return
    }
    pipe.inbound = datagram
    advance()
    if pipe.inbound != nil { pipe.inbound = nil }
  }

  /// How long until ``handleTimeout()`` should be called, or nil while no retransmission is pending.
  public func timeout() -> Duration? {
    guard !isFinished else { return nil }
    var remaining = timeval()
    guard cparley_dtls_get_timeout(ssl, &remaining) == 1 else { return nil }
    return .seconds(Int64(remaining.tv_sec)) + .microseconds(Int64(remaining.tv_usec))
  }

  /// Retransmits the last flight if its timer expired; fails the handshake after too many tries.
  public func handleTimeout() {
    guard !isFinished else { return }
    pipe.coalesce = true
    defer { pipe.coalesce = false }
    if cparley_dtls_handle_timeout(ssl) < 0 {
      fail(.handshake("no answer from the peer after repeated retransmissions"))
    }
  }

  /// The next datagram to send to the peer, oldest first.
  public func pollTransmit() -> [UInt8]? {
    pipe.outbound.isEmpty ? nil : pipe.outbound.removeFirst()
  }

  /// The next event, oldest first.
  public func pollEvent() -> DTLSEvent? {
    events.isEmpty ? nil : events.removeFirst()
  }

  /// Sends close_notify (RFC 5246 §7.2.1) and ends the association.
  public func close() {
    guard !isFinished else { return }
    _ = SSL_shutdown(ssl)
    isFinished = true
  }

  private func advance() {
    pipe.coalesce = true
    defer { pipe.coalesce = false }
    if isConnected {
      drainApplicationData()
      return
    }
    let result = SSL_do_handshake(ssl)
    if result == 1 {
      completeHandshake()
      return
    }
    switch SSL_get_error(ssl, result) {
    case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
      break
    default:
      if let actual = peerFingerprintMismatch {
        fail(.fingerprintMismatch(expected: hex(expectedPeerFingerprint), actual: hex(actual)))
      } else {
        fail(.handshake(drainOpenSSLErrors()))
      }
    }
  }

  private func completeHandshake() {
    guard let profile = SSL_get_selected_srtp_profile(ssl),
      let negotiated = SRTPProtectionProfile(rawValue: UInt16(truncatingIfNeeded: profile.pointee.id))
    else { return fail(.noSRTPProfile) }
    var material = [UInt8](repeating: 0, count: negotiated.keyingMaterialLength)
    let label = "EXTRACTOR-dtls_srtp"
    guard SSL_export_keying_material(ssl, &material, material.count, label, label.utf8.count, nil, 0, 0) == 1 else {
      return fail(.handshake("keying material export: \(drainOpenSSLErrors())"))
    }
    isConnected = true
    events.append(.connected(DTLSSRTPKeys(profile: negotiated, keyingMaterial: material, role: role)))
  }

  /// After the handshake only retransmitted flights and alerts arrive; there is no application data.
  private func drainApplicationData() {
    let result = withUnsafeTemporaryAllocation(byteCount: 1500, alignment: 1) { SSL_read(ssl, $0.baseAddress, 1500) }
    guard result <= 0 else { return }
    switch SSL_get_error(ssl, result) {
    case SSL_ERROR_ZERO_RETURN:
      isFinished = true
      events.append(.closed)
    case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
      break
    default:
      fail(.handshake(drainOpenSSLErrors()))
    }
  }

  private func fail(_ error: DTLSError) {
    isFinished = true
    events.append(.failed(error))
  }
}

/// Whether a datagram is a sequence of whole DTLS records (RFC 6347 §4.1): each has a 13-byte header
/// with a content type 20–25, a DTLS version (0xFEFF or 0xFEFD), and a length that stays inside the datagram.
func isWellFramedDTLS(_ datagram: UnsafeRawBufferPointer) -> Bool {
  var offset = 0
  while offset < datagram.count {
    guard datagram.count - offset >= 13 else { return false }
    let type = datagram[offset]
    let version = UInt16(datagram[offset + 1]) << 8 | UInt16(datagram[offset + 2])
    let length = Int(datagram[offset + 11]) << 8 | Int(datagram[offset + 12])
    guard (20...25).contains(type), version == 0xFEFF || version == 0xFEFD,
      length <= datagram.count - offset - 13
    else { return false }
    offset += 13 + length
  }
  return offset > 0
}

func hex(_ bytes: [UInt8]) -> String {
  let digits = Array("0123456789ABCDEF")
  return bytes.map { "\(digits[Int($0 >> 4)])\(digits[Int($0 & 15)])" }.joined(separator: ":")
}
