import Benchmark
import Foundation
import ParleyOpus

/// Encode and decode of one 20 ms frame of speech-like audio (a two-tone mix with noise), at the
/// complexities a media server chooses between, and WhatsApp's wideband ~20 kbit/s with FEC.
func opusBenchmarks() {
  let frame: [Int16] = (0..<960).map { index in
    let t = Double(index) / 48_000
    return Int16(6_000 * sin(2 * .pi * 220 * t) + 3_000 * sin(2 * .pi * 1_330 * t) + Double.random(in: -500...500))
  }
  let settings: [(String, OpusEncoderConfiguration)] = [
    ("complexity 5, 32 kbit/s", OpusEncoderConfiguration(bitrate: 32_000, complexity: 5)),
    ("complexity 10, 32 kbit/s", OpusEncoderConfiguration(bitrate: 32_000, complexity: 10)),
    (
      "WhatsApp wideband 20 kbit/s FEC",
      OpusEncoderConfiguration(bitrate: 20_000, complexity: 5, inbandFEC: true, maxBandwidth: .wideband)
    ),
  ]
  for (name, configuration) in settings {
    Benchmark("Opus encode 20 ms (\(name))") { benchmark in
      let encoder = try OpusEncoder(sampleRate: .hz48000, channels: .mono, configuration: configuration)
      let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 1500, alignment: 16)
      defer { output.deallocate() }
      try frame.withUnsafeBufferPointer { pcm in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try encoder.encode(pcm: pcm, into: output)) }
      }
    }
  }
  Benchmark("Opus decode 20 ms (32 kbit/s)") { benchmark in
    let encoder = try OpusEncoder(sampleRate: .hz48000, channels: .mono, configuration: OpusEncoderConfiguration())
    let decoder = try OpusDecoder(sampleRate: .hz48000, channels: .mono)
    var packet = [UInt8](repeating: 0, count: 1500)
    let length = try frame.withUnsafeBufferPointer { pcm in
      try packet.withUnsafeMutableBytes { try encoder.encode(pcm: pcm, into: $0) }
    }
    var pcm = [Int16](repeating: 0, count: 5760)
    try packet.withUnsafeBytes { raw in
      let payload = UnsafeRawBufferPointer(rebasing: raw[0..<length])
      try pcm.withUnsafeMutableBufferPointer { output in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try decoder.decode(payload, into: output)) }
      }
    }
  }
}
