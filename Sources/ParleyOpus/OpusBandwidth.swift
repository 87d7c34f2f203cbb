/// The audio bandwidths of Opus (RFC 6716 §2, table 1), used to cap what the encoder codes.
public enum OpusBandwidth: Int, CaseIterable, Hashable, Sendable, Comparable {
  /// 4 kHz audio bandwidth, 8 kHz effective sample rate.
  case narrowband = 1101
  /// 6 kHz audio bandwidth, 12 kHz effective sample rate.
  case mediumband = 1102
  /// 8 kHz audio bandwidth, 16 kHz effective sample rate.
  case wideband = 1103
  /// 12 kHz audio bandwidth, 24 kHz effective sample rate.
  case superwideband = 1104
  /// 20 kHz audio bandwidth, 48 kHz effective sample rate.
  case fullband = 1105

  /// The widest bandwidth a receiver asking for `maxplaybackrate` (RFC 7587 §6.1) can use; WhatsApp
  /// signals `maxplaybackrate=16000`, which gives ``wideband``.
  public init(maxPlaybackRate: Int) {
    switch maxPlaybackRate {
    case ..<12000: self = .narrowband
    case ..<16000: self = .mediumband
    case ..<24000: self = .wideband
    case ..<48000: self = .superwideband
    default: self = .fullband
    }
  }

  public static func < (lhs: OpusBandwidth, rhs: OpusBandwidth) -> Bool { lhs.rawValue < rhs.rawValue }
}
