import Foundation
import ParleyOpus

/// Test audio for the benchmarks: speech-like PCM, and the Opus packets a WhatsApp client would send for it,
/// made once before measuring so that the benchmarks decode real packets.
enum TestAudio {
  /// One 20 ms frame at 48 kHz.
  static let frameSamples = 960

  /// WhatsApp's encoder settings: wideband, ~20 kbit/s, in-band FEC (as the Opus benchmark names them).
  static let whatsApp = OpusEncoderConfiguration(
    bitrate: 20_000, complexity: 5, inbandFEC: true, maxBandwidth: .wideband)

  /// `frames` frames of a speech-like signal: two tones (pitches set by `voice`) under a syllable-rate
  /// envelope, with noise. Seeded, so every run encodes the same packets.
  static func speechLike(frames: Int, voice: Int = 0) -> [Int16] {
    var noise = NoiseGenerator(seed: UInt64(voice) &+ 1)
    let low = 140 + 23 * Double(voice)
    let high = 1_150 + 90 * Double(voice)
    return (0..<frames * frameSamples).map { index in
      let t = Double(index) / 48_000
      let syllables = 0.55 + 0.45 * sin(2 * .pi * (3.1 + 0.2 * Double(voice)) * t)
      let tones = 6_000 * sin(2 * .pi * low * t) + 2_500 * sin(2 * .pi * high * t)
      return Int16(syllables * tones + noise.next(amplitude: 400))
    }
  }

  /// `frames` frames of a quiet room: white noise of `amplitude` (20 is about −64 dBFS; 0 is digital
  /// silence, as a muted microphone sends), which a DTX encoder stops sending.
  static func roomTone(frames: Int, amplitude: Double, seed: UInt64) -> [Int16] {
    var noise = NoiseGenerator(seed: seed)
    return (0..<frames * frameSamples).map { _ in Int16(noise.next(amplitude: amplitude)) }
  }
}

/// Opus packets encoded ahead of time from `pcm`, one per 20 ms frame; a benchmark cycles through them.
struct OpusTrack {
  /// Each frame's packet, or `nil` where a DTX encoder returned "silence, nothing to send" (≤ 2 bytes).
  let packets: [[UInt8]?]

  /// Encodes `pcm` with `configuration` and keeps the packets after the first `skipping` frames (the
  /// encoder's start, which a track that loops should not replay).
  init(encoding pcm: [Int16], configuration: OpusEncoderConfiguration, skipping: Int = 0) throws {
    let encoder = try OpusEncoder(sampleRate: .hz48000, channels: .mono, configuration: configuration)
    var output = [UInt8](repeating: 0, count: OpusEncoder.maxPacketSize)
    var packets: [[UInt8]?] = []
    try pcm.withUnsafeBufferPointer { samples in
      for start in stride(from: 0, to: samples.count, by: TestAudio.frameSamples) {
        let frame = UnsafeBufferPointer(rebasing: samples[start..<start + TestAudio.frameSamples])
        let length = try output.withUnsafeMutableBytes { try encoder.encode(pcm: frame, into: $0) }
        packets.append(configuration.discontinuousTransmission && length <= 2 ? nil : Array(output[0..<length]))
      }
    }
    self.packets = Array(packets.dropFirst(skipping))
  }

  var count: Int { packets.count }

  /// How many frames carry a packet.
  var sentCount: Int { packets.count(where: { $0 != nil }) }
}

/// A small seeded generator (SplitMix64) for reproducible noise.
struct NoiseGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  /// A value uniformly in `-amplitude...amplitude`.
  mutating func next(amplitude: Double) -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return (Double(z >> 11) / Double(1 << 53) * 2 - 1) * amplitude
  }
}
