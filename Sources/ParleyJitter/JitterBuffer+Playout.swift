extension JitterBuffer {
  /// Decides what to output for the tick at `now` (microseconds): call it once per frame, on the
  /// receiver's clock. See ``PlayoutDecision`` for what the caller does with each value.
  public func nextDecision(now: Int64) -> PlayoutDecision {
    guard let start = playout ?? startingFrame(now: now) else {
      counters.currentDelay = 0
      counters.waited += 1
      return .wait
    }
    playout = start
    counters.late += packets.removeAll(before: start)  // only a packet off the frame grid can be here

    while true {
      let frame = playout!
      let later = packets.oldest(atOrAfter: frame)
      let current = later.flatMap { packets.header($0).timestamp < frame + frameSamples ? $0 : nil }
      let next = packets.oldest(atOrAfter: frame + frameSamples).flatMap {
        packets.header($0).timestamp < frame + 2 * frameSamples ? $0 : nil
      }
      let delay = playoutDelay(now: now, frame: frame)
      counters.playoutDelay = delay
      counters.currentDelay =
        packets.newest().map { mediaTime(packets.header($0).timestamp + frameSamples - frame) } ?? 0
      let situation = PlayoutSituation(
        playoutDelay: delay, targetDelay: estimator.targetDelay, hasCurrent: current != nil, hasNext: next != nil,
        hasLater: later != nil,
        laterContinuesSequence: later.map { packets.header($0).sequence == (lastSequence ?? .min) &+ 1 } ?? false,
        gapToLater: later.map { mediaTime(packets.header($0).timestamp - frame) } ?? 0)

      switch logic.decide(situation) {
      case .play:
        counters.played += 1
        return .play(take(current!))
      case .dropAndPlayNext:
        _ = take(current!)
        counters.dropped += 1
        counters.played += 1
        return .play(take(next!))
      case .stretch:
        counters.stretched += 1
        return .stretch
      case .conceal:
        advance(by: 1)
        counters.concealed += 1
        return .conceal
      case .recoverWithFEC:
        advance(by: 1)
        counters.recoveredWithFEC += 1
        return .recoverWithFEC(next: packets.slot(next!))
      case .silence(let frames):
        advance(by: frames)
        counters.waited += 1
        return .wait
      case .resynchronize:
        playout = packets.header(later!).timestamp
        playedHistory = 0
        estimator.restartTransitWindow()
        counters.resynchronizations += 1
      }
    }
  }

  /// The first frame to play once the oldest buffered packet has waited the target delay, else `nil`.
  private func startingFrame(now: Int64) -> Int64? {
    guard let oldest = packets.oldest() else { return nil }
    let frame = packets.header(oldest).timestamp
    return playoutDelay(now: now, frame: frame) >= estimator.targetDelay ? frame : nil
  }

  /// How long a packet as fast as the fastest recent one waits if `frame` plays at `now`.
  private func playoutDelay(now: Int64, frame: Int64) -> Int64 {
    guard let fastest = estimator.minimumTransit else { return estimator.targetDelay }
    return now &- mediaTime(frame) &- fastest
  }

  /// Lets go of the packet for the expected frame, moves the timeline past it and names it for the caller.
  private func take(_ index: Int) -> PacketSlot {
    let header = packets.header(index)
    let slot = packets.slot(index)
    packets.remove(index)
    lastSequence = header.sequence
    playout = header.timestamp + frameSamples
    playedHistory = playedHistory << 1 | 1
    return slot
  }

  /// Moves the timeline `frames` frames without playing a packet.
  private func advance(by frames: Int64) {
    guard frames > 0 else { return }
    playout! += frames * frameSamples
    playedHistory = frames >= 64 ? 0 : playedHistory << UInt64(frames)
  }
}
