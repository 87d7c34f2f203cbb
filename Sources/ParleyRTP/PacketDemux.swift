/// What a datagram on a multiplexed port carries, judged by its first bytes (RFC 7983 §7, RFC 5761 §4).
///
/// ```
///   first byte     class
///   0...3          STUN
///   16...19        ZRTP
///   20...63        DTLS
///   64...79        TURN channel
///   128...191      RTP or RTCP: RTCP when the second byte (M bit + PT) is 192...223, RTP otherwise
///   anything else  unknown (dropped)
/// ```
public enum PacketClass: Hashable, Sendable, CaseIterable, CustomStringConvertible {
  case stun, dtls, rtp, rtcp, turnChannel, zrtp, unknown

  /// Classifies a datagram from its first two bytes. Empty input, and an RTP/RTCP first byte without a second
  /// byte, are ``unknown``.
  public init(classifying bytes: some Collection<UInt8>) {
    var iterator = bytes.makeIterator()
    guard let first = iterator.next() else {
      self = .unknown
      return
    }
    self = Self(firstByte: first, secondByte: iterator.next())
  }

  /// Classifies from the first byte and, when present, the second.
  public init(firstByte: UInt8, secondByte: UInt8?) {
    switch firstByte {
    case 0...3: self = .stun
    case 16...19: self = .zrtp
    case 20...63: self = .dtls
    case 64...79: self = .turnChannel
    case 128...191:
      // RFC 5761 §4: RTCP packet types 192...223 occupy the byte where RTP has M + PT 64...95.
      guard let second = secondByte else {
        self = .unknown
        return
      }
      self = (192...223).contains(second) ? .rtcp : .rtp
    default: self = .unknown
    }
  }

  public var description: String {
    switch self {
    case .stun: "STUN"
    case .dtls: "DTLS"
    case .rtp: "RTP"
    case .rtcp: "RTCP"
    case .turnChannel: "TURN channel"
    case .zrtp: "ZRTP"
    case .unknown: "unknown"
    }
  }
}
