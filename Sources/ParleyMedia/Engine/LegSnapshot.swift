public import ParleyJitter
import ParleyRTP

/// A leg's figures at one moment: transport counters, jitter-buffer statistics, loss and RTT.
public struct LegSnapshot: Sendable, Equatable {
  public var counters: TransportCounters
  public var jitter: JitterStatistics
  /// Packets lost, from the receive statistics (RFC 3550 A.3).
  public var lost: Int
  /// The last round-trip time from RTCP (LSR/DLSR), in milliseconds.
  public var roundTripMilliseconds: Double?

  public init(counters: TransportCounters, jitter: JitterStatistics, lost: Int, roundTripMilliseconds: Double?) {
    self.counters = counters
    self.jitter = jitter
    self.lost = lost
    self.roundTripMilliseconds = roundTripMilliseconds
  }
}

extension MediaLeg {
  /// The leg's figures. Exact once the leg is closed; while it runs they are read as the worker
  /// leaves them (plain integers, at most a tick old), which is what a status page needs.
  public var snapshot: LegSnapshot {
    LegSnapshot(
      counters: counters, jitter: audio.jitter.statistics, lost: Int(audio.reception?.cumulativeLost ?? 0),
      roundTripMilliseconds: audio.roundTripTime.map { Double($0) / 1000 })
  }
}
