#if canImport(Glibc)
  import Glibc
#endif

/// How often Parley re-triggers connectivity checks while the peer stays silent (DESIGN §4).
///
/// libnice 0.1.21 alone sends a pair's check at +0, +500 and +1500 ms and gives the pair up at +2 s
/// (its debug log: "timer set to 500ms", "timer=2/3 0/1000ms", "timer=3/3 0/500ms": the timeout is
/// computed from Ta and the pair count with a 500 ms floor, doubles, is halved for the last try, and
/// `stun-max-retransmissions` counts 3 transmissions in all; `stun-initial-timeout` does not apply to
/// connectivity checks). WhatsApp answers no check before it has processed our SDP answer, so an
/// answer processed after ~1.5 s would never connect. Until the agent connects or Parley's connect
/// deadline passes, ``ICEAgent`` therefore restarts the check list every interval with the same
/// credentials and candidates (see `Recheck.fire`): libnice checks the fresh pair at once and
/// retransmits it on its own schedule.
///
/// A re-trigger forgets the previous check, and an answer to it that arrives later is dropped: an
/// interval shorter than the round trip to the peer wastes its check. So the intervals grow — 200 ms,
/// then ×1.5 each time (300, 450, 675 ms) up to 1 s — and a peer at any round trip up to 1 s is reached
/// by the first check whose interval exceeds it: at 300 ms round trip (a poor mobile path) ICE connects
/// ~800 ms after the start instead of after the first 1 s interval (measured in `NetworkPathTests`).
public struct ICECheckPacing: Sendable, Equatable {
  /// The first re-trigger interval.
  public var firstIntervalMilliseconds: UInt32
  /// Each interval is the previous one times this, up to ``intervalMilliseconds``.
  public var growth: Double
  /// The longest interval, kept until the connect deadline. With libnice's own retransmission at +500 ms
  /// of each fresh pair, the default 1 s interval puts a check on the wire every 500 ms.
  public var intervalMilliseconds: UInt32

  public init(firstIntervalMilliseconds: UInt32 = 200, growth: Double = 1.5, intervalMilliseconds: UInt32 = 1_000) {
    self.firstIntervalMilliseconds = max(firstIntervalMilliseconds, 20)
    self.growth = growth.isFinite ? max(growth, 1) : 1.5
    self.intervalMilliseconds = max(intervalMilliseconds, self.firstIntervalMilliseconds)
  }

  /// The delay before re-trigger number `index` (0: the first).
  func delay(beforeRecheck index: Int) -> UInt32 {
    let grown = Double(firstIntervalMilliseconds) * pow(growth, Double(min(index, 64)))
    return UInt32(min(grown, Double(intervalMilliseconds)))
  }
}
