/// What the buffer sees at a tick, for ``DecisionLogic``. Durations are microseconds.
struct PlayoutSituation {
  /// How long the fastest recent packets wait before playout: now − the expected frame's media time −
  /// the smallest recent transit time.
  var playoutDelay: Int64
  var targetDelay: Int64
  /// The expected frame's packet is buffered.
  var hasCurrent: Bool
  /// The packet one frame after the expected one is buffered.
  var hasNext: Bool
  /// A packet after the expected frame is buffered.
  var hasLater: Bool
  /// The oldest such packet continues the sequence numbers of the last packet played: nothing was lost
  /// in between, the sender was silent (DTX) or skipped timestamps.
  var laterContinuesSequence: Bool
  /// The media time from the expected frame to the oldest later packet.
  var gapToLater: Int64
}

/// The operations ``DecisionLogic`` picks; ``JitterBuffer`` carries them out on its packets and timeline.
enum PlayoutOperation: Equatable {
  /// Play the expected packet; the timeline moves one frame.
  case play
  /// Discard the expected packet and play the next; the timeline moves two frames.
  case dropAndPlayNext
  /// Conceal without moving the timeline.
  case stretch
  /// Conceal; the timeline moves one frame.
  case conceal
  /// Decode the next packet's FEC; the timeline moves one frame.
  case recoverWithFEC
  /// Output silence; the timeline moves 0, 1 or 2 frames (silence is where adjusting costs nothing).
  case silence(advance: Int64)
  /// Jump the timeline to the oldest later packet (the sender's timestamps jumped), then decide again.
  case resynchronize
}

/// Picks one operation per tick (NetEq's `DecisionLogic`), keeping the playout delay between the target
/// and about one frame above it.
///
/// Direction: a delay above the band (a backlog after a jitter spike, or a sender clock faster than
/// ours) drains by dropping one packet; a delay below the target (jitter rose, or a sender clock slower
/// than ours) grows by stretching one frame. Each adjustment moves the delay by exactly one frame, so the
/// band (target ..< target + frame + hysteresis) is wide enough that a drop never calls for a stretch and
/// the other way round. Adjustments that cost audible audio are spaced; those that cost nothing (a
/// stretch in place of a missing packet, an adjustment in silence) are not.
struct DecisionLogic {
  let frameDuration: Int64
  /// Added above the band so that a few hundred microseconds of tick jitter do not drop and stretch in turn.
  let hysteresis: Int64
  let adjustmentSpacing: Int
  let maximumConcealment: Int
  /// A gap to the next packet longer than this is a jump in the sender's timestamps, not a delay.
  let resynchronizationGap: Int64

  private var ticksSinceAdjustment: Int
  private var concealedInARow = 0

  init(configuration: JitterBufferConfiguration, resynchronizationGap: Int64) {
    frameDuration = configuration.frameDuration
    hysteresis = configuration.frameDuration / 4
    adjustmentSpacing = configuration.adjustmentSpacing
    maximumConcealment = configuration.maximumConcealment
    self.resynchronizationGap = resynchronizationGap
    ticksSinceAdjustment = configuration.adjustmentSpacing
  }

  mutating func decide(_ situation: PlayoutSituation) -> PlayoutOperation {
    ticksSinceAdjustment += 1
    let canAdjust = ticksSinceAdjustment >= adjustmentSpacing
    let isLow = situation.playoutDelay < situation.targetDelay
    let isHigh = situation.playoutDelay >= situation.targetDelay + frameDuration + hysteresis

    if situation.hasCurrent {
      concealedInARow = 0
      if isHigh && situation.hasNext && canAdjust {
        ticksSinceAdjustment = 0
        return .dropAndPlayNext
      }
      if isLow && canAdjust {
        ticksSinceAdjustment = 0
        return .stretch
      }
      return .play
    }

    if situation.hasLater && situation.gapToLater > resynchronizationGap { return .resynchronize }

    let isSilent =
      situation.hasLater ? situation.laterContinuesSequence : concealedInARow >= maximumConcealment
    if isSilent {
      if isLow { return .silence(advance: 0) }
      let roomForTwo = !situation.hasLater || situation.gapToLater >= 2 * frameDuration
      return .silence(advance: isHigh && roomForTwo ? 2 : 1)
    }

    concealedInARow += 1
    if isLow { return .stretch }  // the packet may only be late: give it one more frame
    return situation.hasNext ? .recoverWithFEC : .conceal
  }

  mutating func reset() {
    ticksSinceAdjustment = adjustmentSpacing
    concealedInARow = 0
  }
}
