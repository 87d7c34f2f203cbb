import ParleyOpus
import ParleyTesting
import Testing

@Suite("Opus round trip")
struct OpusRoundTripTests {
  static let inputRate = 48_000

  /// Encodes half a second of `frequency` at 48 kHz mono in 20 ms frames and decodes it at `outputRate`.
  func roundTrip(frequency: Double, outputRate: OpusSampleRate) throws -> (pcm: [Int16], frameLengths: Set<Int>) {
    let encoder = try OpusEncoder()
    let decoder = try OpusDecoder(sampleRate: outputRate)
    let input = ToneAnalysis.sine(frequency: frequency, sampleRate: Self.inputRate, seconds: 0.5)
    let packets = try OpusTestSupport.encode(
      input, with: encoder, frameSamples: OpusSampleRate.hz48000.samplesPer20Milliseconds)
    #expect(packets.count == 25)
    var output: [Int16] = []
    var frameLengths: Set<Int> = []
    for packet in packets {
      let (pcm, samples) = try OpusTestSupport.decode(packet, with: decoder)
      frameLengths.insert(samples)
      output += pcm
    }
    return (output, frameLengths)
  }

  @Test(
    "a sine survives encode and decode at its frequency",
    arguments: [440.0, 1000.0], [OpusSampleRate.hz48000, .hz16000, .hz8000])
  func sineKeepsItsFrequency(frequency: Double, outputRate: OpusSampleRate) throws {
    let (pcm, frameLengths) = try roundTrip(frequency: frequency, outputRate: outputRate)
    #expect(frameLengths == [outputRate.samplesPer20Milliseconds])
    #expect(pcm.count == 25 * outputRate.samplesPer20Milliseconds)

    // Skip the first 100 ms (encoder lookahead and start-up), then analyse 300 ms.
    let start = outputRate.samples(milliseconds: 100)
    let window = pcm[start..<start + outputRate.samples(milliseconds: 300)]
    let measured = ToneAnalysis.dominantFrequency(in: window, sampleRate: outputRate.hertz)
    #expect(abs(measured - frequency) <= frequency * 0.03, "measured \(measured) Hz for \(frequency) Hz")
    #expect(ToneAnalysis.rms(window) > 12_000 / 2.squareRoot() * 0.5, "decoded level far below the input")
  }

  @Test("samples per 20 ms frame for each rate")
  func samplesPerFrame() {
    #expect(OpusSampleRate.hz48000.samplesPer20Milliseconds == 960)
    #expect(OpusSampleRate.hz24000.samplesPer20Milliseconds == 480)
    #expect(OpusSampleRate.hz16000.samplesPer20Milliseconds == 320)
    #expect(OpusSampleRate.hz12000.samplesPer20Milliseconds == 240)
    #expect(OpusSampleRate.hz8000.samplesPer20Milliseconds == 160)
    #expect(OpusSampleRate.hz48000.samples(milliseconds: 60) == 2880)
  }

  @Test("maxplaybackrate maps to the widest usable bandwidth")
  func bandwidthFromMaxPlaybackRate() {
    #expect(OpusBandwidth(maxPlaybackRate: 8000) == .narrowband)
    #expect(OpusBandwidth(maxPlaybackRate: 16000) == .wideband)
    #expect(OpusBandwidth(maxPlaybackRate: 24000) == .superwideband)
    #expect(OpusBandwidth(maxPlaybackRate: 48000) == .fullband)
  }

  @Test("stereo encodes and decodes interleaved frames of the right length")
  func stereo() throws {
    let encoder = try OpusEncoder(channels: .stereo)
    let decoder = try OpusDecoder(sampleRate: .hz48000, channels: .stereo)
    let decoder16k = try OpusDecoder(sampleRate: .hz16000, channels: .stereo)
    let input = ToneAnalysis.sine(frequency: 440, sampleRate: 48_000, seconds: 0.2, channels: 2)
    let packets = try OpusTestSupport.encode(input, with: encoder, frameSamples: 960)
    #expect(packets.count == 10)
    var output: [Int16] = []
    for packet in packets {
      let (pcm, samples) = try OpusTestSupport.decode(packet, with: decoder)
      #expect(samples == 960)
      #expect(pcm.count == 1920)
      output += pcm
      #expect(try OpusTestSupport.decode(packet, with: decoder16k).samples == 320)
    }
    let left = ToneAnalysis.channel(0, of: output, channels: 2)
    let right = ToneAnalysis.channel(1, of: output, channels: 2)
    #expect(ToneAnalysis.rms(left[4800...]) > 3000)
    #expect(ToneAnalysis.rms(right[4800...]) > 3000)
  }

  @Test("encoding a PCM buffer that is not whole stereo frames throws badArgument")
  func oddStereoInputThrows() throws {
    let encoder = try OpusEncoder(channels: .stereo)
    let pcm = [Int16](repeating: 0, count: 1919)
    var output = [UInt8](repeating: 0, count: 1500)
    #expect(throws: OpusError.badArgument) {
      try pcm.withUnsafeBufferPointer { frame in
        try output.withUnsafeMutableBytes { try encoder.encode(pcm: frame, into: $0) }
      }
    }
  }

  @Test("an out-of-range setting is rejected by libopus")
  func badConfigurationThrows() throws {
    #expect(throws: OpusError.badArgument) {
      try OpusEncoder(configuration: OpusEncoderConfiguration(complexity: 11))
    }
    let encoder = try OpusEncoder()
    #expect(throws: OpusError.badArgument) {
      try encoder.reconfigure(OpusEncoderConfiguration(packetLossPercentage: 101))
    }
    #expect(encoder.configuration == OpusEncoderConfiguration())
  }
}
