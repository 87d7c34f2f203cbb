/// How often and how patiently `CallingAPIClient` retries requests that are safe to repeat
/// (whatsapp-calling.md §1: actions on an existing call id are idempotent; `connect` and
/// messages are not).
public struct RetryPolicy: Sendable, Equatable {
  /// Total tries, the first included (at least 1).
  public var attempts: Int
  /// Wait before the second try.
  public var initialBackoffMilliseconds: Int
  /// Growth of the wait per further try.
  public var multiplier: Double
  /// Upper bound of one wait.
  public var maxBackoffMilliseconds: Int
  /// Per-request timeout handed to the transport.
  public var timeoutMilliseconds: Int

  public init(
    attempts: Int = 3, initialBackoffMilliseconds: Int = 100, multiplier: Double = 2,
    maxBackoffMilliseconds: Int = 2000, timeoutMilliseconds: Int = 5000
  ) {
    self.attempts = attempts
    self.initialBackoffMilliseconds = initialBackoffMilliseconds
    self.multiplier = multiplier
    self.maxBackoffMilliseconds = maxBackoffMilliseconds
    self.timeoutMilliseconds = timeoutMilliseconds
  }

  /// 3 tries, waiting 100 ms then 200 ms, 5 s timeout.
  public static let `default` = RetryPolicy()
  /// One try.
  public static let none = RetryPolicy(attempts: 1)

  /// The wait after failed try number `retry` (1-based): initial × multiplier^(retry−1), capped.
  public func backoffMilliseconds(afterTry retry: Int) -> Int {
    var wait = Double(max(0, initialBackoffMilliseconds))
    for _ in 1..<max(1, retry) {
      wait *= multiplier
      if wait >= Double(maxBackoffMilliseconds) { break }
    }
    guard wait.isFinite else { return max(0, maxBackoffMilliseconds) }
    return Int(min(wait, Double(max(0, maxBackoffMilliseconds))))
  }
}
