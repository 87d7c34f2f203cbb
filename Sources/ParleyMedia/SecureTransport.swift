public import ParleyDTLS
import ParleyRTP
public import ParleySRTP

/// One leg's security layer, sans-IO: datagrams from ICE in, demultiplexed (RFC 7983) to DTLS or
/// SRTP; RTP and RTCP out in the clear; outbound RTP/RTCP protected in the caller's buffer.
///
/// Single owner: every method runs on the thread that owns the leg. No clock is read: the DTLS timer
/// is reported through ``timeout()`` and fired by the owner through ``handleTimeout()``.
public final class SecureTransport {
  /// What one inbound datagram turned out to be.
  public enum Received: Equatable, Sendable {
    /// Decrypted RTP of `length` bytes, now at the start of the caller's buffer.
    case rtp(length: Int)
    /// Decrypted RTCP (a compound packet) of `length` bytes.
    case rtcp(length: Int)
    /// A DTLS datagram, consumed by the handshake.
    case dtls
    /// Dropped; the reason is counted in ``counters``.
    case dropped
  }

  public enum Event: Equatable, Sendable {
    /// DTLS-SRTP is up: media can flow with this profile.
    case secured(SRTPProtectionProfile)
    case failed(DTLSError)
    /// The peer closed DTLS (close_notify).
    case closed
  }

  public let role: DTLSRole
  public private(set) var counters = TransportCounters()
  public private(set) var profile: SRTPProtectionProfile?
  private let dtls: DTLSEndpoint
  private var srtp: SRTPSession?

  public init(context: DTLSContext, role: DTLSRole, remoteFingerprint: [UInt8]) throws {
    self.role = role
    self.dtls = try DTLSEndpoint(context: context, role: role, remoteFingerprint: remoteFingerprint)
  }

  public var isSecured: Bool { srtp != nil }

  /// Starts the handshake (the client's ClientHello); harmless for a server.
  public func start() { dtls.start() }

  /// Processes one inbound datagram of `length` bytes in place in `buffer`.
  public func receive(_ buffer: UnsafeMutableRawBufferPointer, length: Int) -> Received {
    guard length > 0, length <= buffer.count else {
      counters.ignored += 1
      return .dropped
    }
    let packet = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<length])
    switch PacketClass(firstByte: packet[0], secondByte: length > 1 ? packet[1] : nil) {
    case .dtls:
      counters.dtlsReceived += 1
      let malformedBefore = dtls.datagramsMalformed
      dtls.handle(datagram: UnsafeRawBufferPointer(packet))
      counters.dtlsMalformed += dtls.datagramsMalformed - malformedBefore
      collectHandshakeResult()
      return .dtls
    case .rtp:
      return unprotect(packet, rtcp: false)
    case .rtcp:
      return unprotect(packet, rtcp: true)
    case .stun, .zrtp, .turnChannel, .unknown:
      counters.ignored += 1
      return .dropped
    }
  }

  /// The next DTLS datagram to send, oldest first.
  public func pollTransmit() -> [UInt8]? { dtls.pollTransmit() }

  /// The next event, oldest first.
  public func pollEvent() -> Event? {
    guard !events.isEmpty else { return nil }
    return events.removeFirst()
  }

  private var events: [Event] = []

  /// When the DTLS layer wants ``handleTimeout()`` (relative), or nil.
  public func timeout() -> Duration? { dtls.timeout() }

  public func handleTimeout() {
    dtls.handleTimeout()
    collectHandshakeResult()
  }

  /// Protects the RTP packet of `length` bytes at the start of `buffer` in place; returns the new
  /// length (the buffer needs room for the tag). Throws before the handshake has produced keys.
  public func protectRTP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
    guard let srtp else { throw SRTPError.library(code: -1) }
    let protected = try srtp.protectRTP(in: buffer, length: length)
    counters.rtpSent += 1
    return protected
  }

  /// Protects an RTCP compound packet in place; returns the new length.
  public func protectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
    guard let srtp else { throw SRTPError.library(code: -1) }
    let protected = try srtp.protectRTCP(in: buffer, length: length)
    counters.rtcpSent += 1
    return protected
  }

  /// Sends close_notify; the datagram is then in ``pollTransmit()``.
  public func close() { dtls.close() }

  private func unprotect(_ packet: UnsafeMutableRawBufferPointer, rtcp: Bool) -> Received {
    guard let srtp else {
      counters.mediaBeforeKeys += 1
      return .dropped
    }
    do {
      if rtcp {
        let length = try srtp.unprotectRTCP(in: packet, length: packet.count)
        counters.rtcpReceived += 1
        return .rtcp(length: length)
      }
      let length = try srtp.unprotectRTP(in: packet, length: packet.count)
      counters.rtpReceived += 1
      return .rtp(length: length)
    } catch .authenticationFailed {
      counters.authenticationFailures += 1
    } catch .replay {
      counters.replays += 1
    } catch {
      counters.ignored += 1
    }
    return .dropped
  }

  private func collectHandshakeResult() {
    while let event = dtls.pollEvent() {
      switch event {
      case .connected(let keys):
        do {
          let material = try SRTPKeyingMaterial(exported: keys.keyingMaterial, profile: keys.profile)
          srtp = try SRTPSession(keyingMaterial: material, role: keys.role == .client ? .client : .server)
          profile = keys.profile
          events.append(.secured(keys.profile))
        } catch {
          events.append(.failed(.handshake("SRTP keys: \(error)")))
        }
      case .failed(let error):
        events.append(.failed(error))
      case .closed:
        events.append(.closed)
      }
    }
  }
}
