import Benchmark

extension Benchmark.Configuration {
  /// A benchmark of the per-packet path, whose allocation budget is zero after warm-up (STYLE.md item 10,
  /// DESIGN.md §6).
  ///
  /// The budget itself is a static threshold, `Thresholds/ParleyBenchmarks.<name>.p90.json` holding
  /// `{"mallocCountTotal": 0}`, which `swift package benchmark thresholds check` (scripts/bench-check) holds
  /// each run's p90 to. benchmark 1.38.1 compares only p90 against static thresholds, and a sample is one
  /// pass of the closure, so with `scalingFactor: .kilo` one allocation per packet reads 1,000 and cannot
  /// hide. The tolerance here is zero at every percentile up to p99 (`Absolute.strict`), which is what a
  /// `baseline check` between two runs uses as well.
  ///
  /// Benchmarks whose allocations are not ours to remove carry a ceiling instead (``allocationCeiling(relative:)``):
  /// SRTP (Debian's libsrtp2 is built on NSS, which makes a cipher context per packet) and the DTLS handshake.
  static func allocationFree(
    scalingFactor: BenchmarkScalingFactor = .one, metrics: [BenchmarkMetric] = Benchmark.defaultConfiguration.metrics
  ) -> Self {
    .init(
      metrics: metrics, scalingFactor: scalingFactor,
      thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: BenchmarkThresholds.Absolute.strict)])
  }

  /// A ceiling on allocations that live in C libraries (NSS under libsrtp2, OpenSSL): the threshold file
  /// holds the count measured here, and a p90 more than `relative` percent above it fails scripts/bench-check
  /// (fewer passes, with a note to lower the file). It catches Parley adding allocations around them.
  static func allocationCeiling(
    relative: Double, metrics: [BenchmarkMetric] = Benchmark.defaultConfiguration.metrics,
    maxDuration: Duration = Benchmark.defaultConfiguration.maxDuration,
    maxIterations: Int = Benchmark.defaultConfiguration.maxIterations
  ) -> Self {
    .init(
      metrics: metrics, maxDuration: maxDuration, maxIterations: maxIterations,
      thresholds: [.mallocCountTotal: BenchmarkThresholds(relative: [.p90: relative])])
  }
}
