import Benchmark
import ParleyDTLS
import ParleyOpus
import ParleyRTP
import ParleySRTP

// Component benchmarks for the media path. Allocation thresholds live in Thresholds/ and are
// checked by `swift package benchmark baseline check` (see scripts/bench-check).
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], warmupIterations: 10,
    maxDuration: .seconds(2), maxIterations: 100_000)

  srtpBenchmarks()
  opusBenchmarks()
  dtlsBenchmarks()
  rtpBenchmarks()
  ringBenchmarks()
  mixerBenchmarks()
}
