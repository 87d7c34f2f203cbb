#if canImport(Glibc)
  import Glibc
#endif

/// The edge's clock: microseconds on CLOCK_MONOTONIC. Only edges (workers, network threads) read it;
/// the sans-IO core is handed these values.
public enum MonotonicClock {
  public static func now() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1_000
  }
}

/// Wall-clock time for RTCP's NTP timestamps: microseconds since the Unix epoch (CLOCK_REALTIME).
public enum WallClock {
  public static func now() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1_000
  }
}

extension Duration {
  /// This duration in whole microseconds, the unit of ``MonotonicClock``.
  var microseconds: Int64 { components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000 }
}
