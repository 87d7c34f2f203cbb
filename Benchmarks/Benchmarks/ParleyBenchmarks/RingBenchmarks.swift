import Benchmark
import ParleyMedia

/// The network thread → media worker hand-off: push then pop one 100-byte datagram through a ``PacketRing``, on
/// one thread (the cost of the operations themselves, without cross-core traffic). Allocation-free.
func ringBenchmarks() {
  // A thousand push + pop pairs per sample, so the harness's own per-sample cost does not swamp them.
  Benchmark("Ring push + pop (100 B)", configuration: .allocationFree(scalingFactor: .kilo)) { benchmark in
    let ring = PacketRing(capacity: 256)
    let datagram = UnsafeMutableRawBufferPointer.allocate(byteCount: 100, alignment: 16)
    defer { datagram.deallocate() }
    datagram.initializeMemory(as: UInt8.self, repeating: 0x5A)
    let bytes = UnsafeRawBufferPointer(datagram)
    var arrival: Int64 = 0
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      arrival += 20_000
      ring.push(bytes, arrival: arrival)
      let length = ring.pop { popped, _ in popped.count }
      blackHole(length)
    }
  }
}
