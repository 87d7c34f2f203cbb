import Foundation
public import ParleyMedia
import ParleySandbox
public import ParleyTesting

/// Network trouble injected on the phones' side of a `parley bench` run: every phone's media then passes
/// the sandbox's ``NetworkEmulator`` and its uplink (phone → Parley) meets these conditions, for the whole
/// hold or for a burst within it. Calls are set up clean.
public struct BenchImpairment: Sendable, Equatable {
  public var lossPercent: Double
  /// Extra delay per packet, uniform in 0…this (ms); packets overtake each other unless `keepsOrder`.
  public var jitterMilliseconds: Double
  public var keepsOrder: Bool
  public var duplicatePercent: Double
  /// When the trouble starts, in seconds after the calls are up, and how long it lasts; nil: the whole hold.
  public var burst: Burst?

  public struct Burst: Sendable, Equatable {
    public var start: Double
    public var seconds: Double

    public init(start: Double, seconds: Double) {
      self.start = start
      self.seconds = seconds
    }
  }

  public init(
    lossPercent: Double = 0, jitterMilliseconds: Double = 0, keepsOrder: Bool = false, duplicatePercent: Double = 0,
    burst: Burst? = nil
  ) {
    self.lossPercent = lossPercent
    self.jitterMilliseconds = jitterMilliseconds
    self.keepsOrder = keepsOrder
    self.duplicatePercent = duplicatePercent
    self.burst = burst
  }

  /// No trouble: the phones talk to Parley directly.
  public static let none = BenchImpairment()

  public var isActive: Bool { lossPercent > 0 || jitterMilliseconds > 0 || duplicatePercent > 0 }

  /// The uplink conditions while the trouble lasts.
  public var conditions: LinkConditions {
    LinkConditions(
      baseDelay: 0,
      jitter: jitterMilliseconds > 0 ? .uniform(maximum: Int64(jitterMilliseconds * 1_000)) : .none,
      loss: lossPercent / 100, duplication: duplicatePercent / 100, preservesOrder: keepsOrder)
  }

  /// Checks the ranges; the reason for the first value out of range.
  public func validate(holdSeconds: Double) -> String? {
    if !(0...100).contains(lossPercent) || !(0...100).contains(duplicatePercent) {
      return "--loss and --duplicate are percentages (0…100)"
    }
    if !(0...1_000).contains(jitterMilliseconds) { return "--jitter is 0…1000 ms" }
    if !lossPercent.isFinite || !jitterMilliseconds.isFinite || !duplicatePercent.isFinite {
      return "--loss, --jitter and --duplicate take numbers"
    }
    if let burst {
      guard burst.start.isFinite, burst.seconds.isFinite, burst.start >= 0, burst.seconds > 0 else {
        return "--burst START,SECONDS needs START ≥ 0 and SECONDS > 0"
      }
      if burst.start + burst.seconds > holdSeconds - 1 {
        return "the burst must end at least 1 s before the hold does (--seconds \(holdSeconds)), to see the recovery"
      }
      if !isActive { return "--burst needs --loss, --jitter or --duplicate" }
    }
    return nil
  }

  /// "START,SECONDS" (e.g. "5,5"): the burst option's text.
  public static func parseBurst(_ text: String) -> Burst? {
    let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let start = parts[0], let seconds = parts[1] else { return nil }
    return Burst(start: start, seconds: seconds)
  }

  /// What the table says about it.
  var summary: String {
    var parts: [String] = []
    if lossPercent > 0 { parts.append(String(format: "%.0f %% loss", lossPercent)) }
    if jitterMilliseconds > 0 {
      parts.append(String(format: "0–%.0f ms jitter", jitterMilliseconds) + (keepsOrder ? " (in order)" : ""))
    }
    if duplicatePercent > 0 { parts.append(String(format: "%.0f %% duplicated", duplicatePercent)) }
    let when =
      burst.map { String(format: "from %.0f s for %.0f s of the hold", $0.start, $0.seconds) } ?? "the whole hold"
    return "phones' uplinks: " + parts.joined(separator: ", ") + ", " + when
  }
}

/// How long after a burst the latency stayed under a bound for good.
public enum LatencyRecovery {
  /// The time (ms) from `burstEnd` (µs) to the first pulse sent after it from which every later pulse was
  /// heard within `bound` ms. `sent`: every pulse's send time; a pulse sent after the burst and before
  /// `cutoff` (the end of the hold less the time a pulse needs to come back) that was never heard counts as
  /// over the bound. Nil when no pulse went out in that window; `.infinity` when the latency never settled.
  public static func milliseconds(
    _ latencies: [OneWayLatency], sent: [Int64], burstEnd: Int64, cutoff: Int64, bound: Double = 60
  ) -> Double? {
    let heard = Dictionary(latencies.map { ($0.sentAt, $0.milliseconds) }, uniquingKeysWith: { first, _ in first })
    let after = sent.filter { $0 >= burstEnd && $0 < cutoff }.sorted()
    guard !after.isEmpty else { return nil }
    var settled: Int?
    for index in after.indices.reversed() {
      guard let latency = heard[after[index]], latency <= bound else { break }
      settled = index
    }
    guard let settled else { return .infinity }
    return Double(after[settled] - burstEnd) / 1_000
  }
}
