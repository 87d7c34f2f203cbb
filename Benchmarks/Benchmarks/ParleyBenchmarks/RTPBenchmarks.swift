import Benchmark
import ParleyRTP

/// Parse a WhatsApp-shaped RTP packet (one-byte extension with audio level) and write a header with
/// an audio-level extension: the per-packet header work, allocation-free.
func rtpBenchmarks() {
  // A thousand operations per sample, so the harness's own per-sample cost does not swamp them.
  let perThousand = Benchmark.Configuration.allocationFree(scalingFactor: .kilo)
  Benchmark("RTP parse + audio level", configuration: perThousand) { benchmark in
    let packet: [UInt8] =
      [0x90, 111, 0x12, 0x34, 0, 0, 0x03, 0xC0, 0xFA, 0xCE, 0xB0, 0x0C, 0xBE, 0xDE, 0, 1, 0x10, 0x9E, 0, 0]
      + [UInt8](repeating: 0x78, count: 80)
    packet.withUnsafeBytes { raw in
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations {
        guard let view = try? RTPPacketView(parsing: raw), let level = try? view.headerExtension(id: 1, in: raw)
        else { fatalError("benchmark packet must parse") }
        blackHole(view.payloadLength + level.dataLength)
      }
    }
  }
  Benchmark("RTP header + extension write", configuration: perThousand) { benchmark in
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 16)
    defer { buffer.deallocate() }
    var header = RTPHeader(payloadType: PayloadType(rawValue: 111)!, sequenceNumber: 1, timestamp: 960, ssrc: 0xFACE)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      header.sequenceNumber += 1
      var length = try header.write(into: buffer, hasExtension: true)
      var writer = try HeaderExtensionWriter(
        form: .oneByte, into: UnsafeMutableRawBufferPointer(rebasing: buffer[length...]))
      try writer.append(id: 1, byte: 0x9E)
      length += try writer.finish()
      blackHole(length)
    }
  }
}
