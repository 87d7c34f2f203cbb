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
/// An interval must exceed the round trip to the peer: a re-trigger forgets the previous check, and an
/// answer to it that arrives later is dropped (the next check's answer then connects).
public struct ICECheckPacing: Sendable, Equatable {
  /// The re-trigger interval during the first ``fastPeriodMilliseconds`` after the remote side is set.
  public var fastIntervalMilliseconds: UInt32
  /// How long the fast interval lasts.
  public var fastPeriodMilliseconds: UInt32
  /// The interval after that, until the connect deadline. With libnice's own retransmission at +500 ms
  /// of each fresh pair, the default 1 s interval puts a check on the wire every 500 ms.
  public var intervalMilliseconds: UInt32

  public init(
    fastIntervalMilliseconds: UInt32 = 200, fastPeriodMilliseconds: UInt32 = 1_000, intervalMilliseconds: UInt32 = 1_000
  ) {
    self.fastIntervalMilliseconds = max(fastIntervalMilliseconds, 20)
    self.fastPeriodMilliseconds = fastPeriodMilliseconds
    self.intervalMilliseconds = max(intervalMilliseconds, 20)
  }

  /// The delay before the next re-trigger, `elapsed` milliseconds after the remote side was set.
  func delay(afterElapsed elapsed: UInt64) -> UInt32 {
    elapsed < UInt64(fastPeriodMilliseconds) ? fastIntervalMilliseconds : intervalMilliseconds
  }
}
