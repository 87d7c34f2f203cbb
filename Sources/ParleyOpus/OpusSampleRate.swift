/// A sample rate libopus encodes from and decodes to natively (RFC 6716 §2: Opus runs internally at
/// 48 kHz and resamples at the API edge to 8, 12, 16, 24 or 48 kHz).
public enum OpusSampleRate: Int, CaseIterable, Hashable, Sendable {
  case hz8000 = 8000
  case hz12000 = 12000
  case hz16000 = 16000
  case hz24000 = 24000
  case hz48000 = 48000

  /// The rate in hertz.
  public var hertz: Int { rawValue }

  /// Samples per channel in one 20 ms frame: 960 at 48 kHz, 320 at 16 kHz, 160 at 8 kHz.
  public var samplesPer20Milliseconds: Int { rawValue / 50 }

  /// Samples per channel in `milliseconds` of audio.
  public func samples(milliseconds: Int) -> Int { rawValue / 1000 * milliseconds }
}
