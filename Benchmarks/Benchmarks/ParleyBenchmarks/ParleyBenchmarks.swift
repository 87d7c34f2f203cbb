import Benchmark
import Foundation

// Component benchmarks for the media path. The per-packet ones carry an allocation budget of zero
// (Benchmark.Configuration.allocationFree): static thresholds in Thresholds/, checked by
// `swift package benchmark thresholds check` (see scripts/bench-check).
let benchmarks: @Sendable () -> Void = {
  // scripts/bench-check sets PARLEY_BENCH_QUICK: an allocation check needs tens of samples, not seconds of them.
  let quick = ProcessInfo.processInfo.environment["PARLEY_BENCH_QUICK"] != nil
  Benchmark.defaultConfiguration = .init(
    // Not .cpuTotal: the harness reads it from /proc/self/stat at each sample's start and end, inside the
    // window the malloc counter measures, which adds 16 mallocs to every sample (and it is only 10 ms-grained,
    // so it reads 0 for anything shorter). Wall clock is what DESIGN.md's targets are stated in.
    metrics: [.wallClock, .mallocCountTotal, .throughput], warmupIterations: 10,
    maxDuration: quick ? .milliseconds(250) : .seconds(2), maxIterations: quick ? 1_000 : 100_000)

  srtpBenchmarks()
  opusBenchmarks()
  dtlsBenchmarks()
  rtpBenchmarks()
  ringBenchmarks()
  jitterBenchmarks()
  mixerBenchmarks()
  legTickBenchmarks()
  roomBenchmarks()
}
