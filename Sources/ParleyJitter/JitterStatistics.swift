/// A ``JitterBuffer``'s state and counters since it was created (``JitterBuffer/reset()`` keeps the
/// counters). Durations are microseconds.
///
/// Every tick gives one decision: `played + concealed + recoveredWithFEC + stretched + waited` is the
/// number of ``JitterBuffer/nextDecision(now:)`` calls. Every packet offered ends up counted once:
/// `played + dropped + late + duplicates + overflow + oversized + buffered` is the number of inserts (a
/// reset discards the buffered packets uncounted).
public struct JitterStatistics: Sendable, Equatable {
  /// The buffered playout time at the last decision: from the frame to play to the end of the newest
  /// packet (holes included), 0 when nothing was buffered.
  public var currentDelay: Int64 = 0
  /// How long the fastest recent packets wait before playout, at the last decision: the buffer's own
  /// delay, which the decisions keep between the target and about a frame above it.
  public var playoutDelay: Int64 = 0
  /// The delay the buffer aims for: the configured quantile of the recent relative delays.
  public var targetDelay: Int64 = 0
  /// Packets handed out to decode.
  public var played = 0
  /// Frames concealed (``PlayoutDecision/conceal``).
  public var concealed = 0
  /// Frames recovered from the next packet's FEC (``PlayoutDecision/recoverWithFEC(next:)``).
  public var recoveredWithFEC = 0
  /// Extra frames concealed without moving the timeline (``PlayoutDecision/stretch``).
  public var stretched = 0
  /// Ticks with nothing to play (``PlayoutDecision/wait``).
  public var waited = 0
  /// Packets dropped to drain a backlog, one at a time.
  public var dropped = 0
  /// Packets that came after their frame was concealed or skipped.
  public var late = 0
  /// Packets that were already buffered or played.
  public var duplicates = 0
  /// Packets dropped because the buffer was full.
  public var overflow = 0
  /// Packets larger than a slot.
  public var oversized = 0
  /// Times the timeline jumped to follow the sender's timestamps (a jump of more than a second).
  public var resynchronizations = 0
  /// Packets buffered now.
  public var buffered = 0
}
