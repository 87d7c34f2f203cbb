/// Simulated monotonic time for sans-IO tests, in microseconds: it moves only when told to.
///
/// Pass ``now`` wherever the code under test takes the time (a jitter buffer's `nextDecision(now:)`, a
/// packet's arrival time), and advance it by a tick: seconds of call run in milliseconds.
public struct ManualClock: Sendable, Equatable {
  /// The current time, in microseconds.
  public private(set) var now: Int64

  public init(now: Int64 = 0) { self.now = now }

  /// Moves the clock forward by `duration` microseconds.
  public mutating func advance(by duration: Int64) {
    precondition(duration >= 0, "a monotonic clock does not go back")
    now += duration
  }

  /// Moves the clock forward to `time`; an earlier time is an error.
  public mutating func advance(to time: Int64) {
    precondition(time >= now, "a monotonic clock does not go back")
    now = time
  }
}
