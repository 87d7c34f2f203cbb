import Benchmark
import ParleyOpus

/// Encode and decode of one 20 ms frame of speech-like audio, at the complexities a media server chooses
/// between, and WhatsApp's wideband ~20 kbit/s with FEC. The codecs live across samples and go through a
/// second of audio frame by frame, as a leg's do. libopus and the wrapper allocate nothing per frame.
///
/// "kbps", not "kbit/s": a benchmark's name is part of its static threshold's file name
/// (Thresholds/ParleyBenchmarks.<name>.p90.json), where a "/" would be a directory.
func opusBenchmarks() {
  let settings: [(String, OpusEncoderConfiguration)] = [
    ("complexity 5, 32 kbps", OpusEncoderConfiguration(bitrate: 32_000, complexity: 5)),
    ("complexity 10, 32 kbps", OpusEncoderConfiguration(bitrate: 32_000, complexity: 10)),
    ("WhatsApp wideband 20 kbps FEC", TestAudio.whatsApp),
  ]
  for (name, configuration) in settings {
    Benchmark(
      "Opus encode 20 ms (\(name))", configuration: .allocationFree(),
      closure: { benchmark, codec in
        for _ in benchmark.scaledIterations { blackHole(try codec.encodeNext()) }
      },
      setup: { try OpusFrames(configuration: configuration) })
  }
  Benchmark(
    "Opus decode 20 ms (32 kbps)", configuration: .allocationFree(),
    closure: { benchmark, codec in
      for _ in benchmark.scaledIterations { blackHole(try codec.decodeNext()) }
    },
    setup: { try OpusFrames(configuration: OpusEncoderConfiguration()) })
}

/// A second of speech-like audio, an encoder and a decoder, and the packets the encoder made of it.
final class OpusFrames {
  static let frames = 50
  let pcm = TestAudio.speechLike(frames: OpusFrames.frames)
  let encoder: OpusEncoder
  let decoder: OpusDecoder
  let track: OpusTrack
  let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 1_500, alignment: 16)
  let decoded = UnsafeMutableBufferPointer<Int16>.allocate(capacity: 5_760)
  private var frame = 0

  init(configuration: OpusEncoderConfiguration) throws {
    encoder = try OpusEncoder(sampleRate: .hz48000, channels: .mono, configuration: configuration)
    decoder = try OpusDecoder(sampleRate: .hz48000, channels: .mono)
    track = try OpusTrack(encoding: pcm, configuration: configuration)
    decoded.initialize(repeating: 0)
  }

  deinit {
    output.deallocate()
    decoded.deallocate()
  }

  func encodeNext() throws -> Int {
    defer { frame = (frame + 1) % Self.frames }
    return try pcm.withUnsafeBufferPointer { samples in
      let start = frame * TestAudio.frameSamples
      return try encoder.encode(
        pcm: UnsafeBufferPointer(rebasing: samples[start..<start + TestAudio.frameSamples]), into: output)
    }
  }

  func decodeNext() throws -> Int {
    defer { frame = (frame + 1) % Self.frames }
    return try track.packets[frame]!.withUnsafeBytes { packet in try decoder.decode(packet, into: decoded) }
  }
}
