/// A request the mixer refuses: room changes and settings that come from call control, which may race
/// with a participant leaving.
public enum MixerError: Error, Hashable, Sendable, CustomStringConvertible {
  /// ``Mixer/add(_:)`` for a participant that is already in the mixer.
  case participantExists(ParticipantID)
  /// ``Mixer/add(_:)`` when the mixer already holds its maximum number of participants.
  case full(maximumParticipants: Int)
  /// A setting for a participant that is not in the mixer.
  case unknownParticipant(ParticipantID)
  /// A linear gain that is negative, not finite, or above ``MixGain/maximum``.
  case invalidGain(Float)

  public var description: String {
    switch self {
    case .participantExists(let id): "\(id) is already in the mixer"
    case .full(let maximum): "the mixer is full (\(maximum) participants)"
    case .unknownParticipant(let id): "\(id) is not in the mixer"
    case .invalidGain(let gain): "gain \(gain) is not in 0...\(MixGain.maximum.linear)"
    }
  }
}
