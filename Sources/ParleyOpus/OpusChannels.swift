/// The channel layout of the PCM an encoder takes or a decoder produces. Stereo PCM is interleaved
/// (left, right, left, right …).
public enum OpusChannels: Int, CaseIterable, Hashable, Sendable {
  case mono = 1
  case stereo = 2

  /// The number of interleaved channels.
  public var count: Int { rawValue }
}
