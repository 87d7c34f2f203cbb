import Benchmark
import ParleyJitter

/// A media worker's jitter-buffer work per packet in steady state: one 80-byte packet in, one playout
/// decision out (always `.play`), sequence numbers and timestamps advancing as a 20 ms Opus stream's do
/// (and wrapping, over a long run). Allocation-free.
func jitterBenchmarks() {
  // A thousand packets per sample, so the harness's own per-sample cost does not swamp them.
  Benchmark(
    "Jitter insert+pop", configuration: .allocationFree(scalingFactor: .kilo),
    closure: { benchmark, stream in
      for _ in benchmark.scaledIterations { blackHole(stream.step()) }
    },
    setup: { JitterStream() })
}

/// One stream through a ``JitterBuffer``: packet k arrives 3 ms before tick k (a clean network), and each
/// tick plays it.
final class JitterStream {
  let buffer = JitterBuffer()
  let payload = UnsafeMutableRawBufferPointer.allocate(byteCount: 80, alignment: 16)
  private var sequenceNumber: UInt16 = 0xFF00
  private var timestamp: UInt32 = 0xFFF0_0000
  private var tick: Int64 = 1_000_000

  init() {
    payload.initializeMemory(as: UInt8.self, repeating: 0x78)
    // Warm-up: the target delay starts at one frame and falls to the clean network's within a second.
    for _ in 0..<500 { _ = advance() }
    for _ in 0..<100 {
      guard case .play = advance() else { preconditionFailure("the jitter buffer has not reached steady state") }
    }
  }

  deinit { payload.deallocate() }

  /// Inserts the next packet and takes the tick's decision, which in steady state plays it; returns its
  /// length.
  @inline(__always)
  func step() -> Int {
    guard case .play(let slot) = advance() else { preconditionFailure("steady state plays every tick") }
    return slot.length
  }

  @inline(__always)
  private func advance() -> PlayoutDecision {
    buffer.insert(
      sequenceNumber: sequenceNumber, timestamp: timestamp, arrival: tick - 3_000,
      payload: UnsafeRawBufferPointer(payload))
    sequenceNumber &+= 1
    timestamp &+= 960
    defer { tick += 20_000 }
    return buffer.nextDecision(now: tick)
  }
}
