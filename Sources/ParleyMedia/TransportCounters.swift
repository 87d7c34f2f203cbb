/// What a leg's transport saw, for metrics and for tests that feed it bad input.
public struct TransportCounters: Sendable, Equatable {
  public var rtpReceived = 0
  public var rtcpReceived = 0
  public var dtlsReceived = 0
  /// DTLS datagrams whose record framing was broken (dropped before OpenSSL).
  public var dtlsMalformed = 0
  /// SRTP/SRTCP packets whose authentication tag did not verify.
  public var authenticationFailures = 0
  /// SRTP/SRTCP packets replayed (already seen, or too old for the window).
  public var replays = 0
  /// Media (RTP/RTCP) that arrived before the DTLS handshake produced keys.
  public var mediaBeforeKeys = 0
  /// Datagrams too short or of a class Parley does not use (STUN that libnice passed on, ZRTP, TURN, unknown).
  public var ignored = 0
  public var rtpSent = 0
  public var rtcpSent = 0

  public init() {}
}
