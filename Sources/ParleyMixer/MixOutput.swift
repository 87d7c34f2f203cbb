/// Which mix a participant hears after ``Mixer/mix()``.
///
/// Outputs are numbered from 0 up to ``Mixer/distinctOutputCount``: one mix-minus for each participant that
/// contributed audio this frame, then one full mix shared by everyone who contributed nothing. Two
/// participants with the same ``index`` hear the same samples, so the engine encodes that output once.
/// Indices are reassigned every frame; ``excluding`` says which mix an index holds.
public struct MixOutput: Hashable, Sendable {
  /// The output's position, below ``Mixer/distinctOutputCount``, for ``Mixer/withOutputSamples(at:_:)``.
  public var index: Int
  /// The participant whose own contribution this mix leaves out (its mix-minus), or `nil` for the full mix.
  public var excluding: ParticipantID?

  public init(index: Int, excluding: ParticipantID?) {
    self.index = index
    self.excluding = excluding
  }

  /// Whether this is the full mix that every participant who contributed nothing shares.
  public var isFullMix: Bool { excluding == nil }
}
