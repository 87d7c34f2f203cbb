import ParleyOpus
import ParleyTesting
import Testing

@Suite("Opus loss handling and bad input")
struct OpusLossTests {
  /// Wideband SILK with in-band FEC, as for a WhatsApp leg (`maxplaybackrate=16000`).
  static let fecConfiguration = OpusEncoderConfiguration(
    bitrate: 24_000, complexity: 5, inbandFEC: true, packetLossPercentage: 20, maxBandwidth: .wideband)

  @Test("concealment returns exactly one frame", arguments: [OpusSampleRate.hz48000, .hz16000, .hz8000])
  func concealmentReturnsOneFrame(rate: OpusSampleRate) throws {
    let encoder = try OpusEncoder()
    let decoder = try OpusDecoder(sampleRate: rate)
    let input = ToneAnalysis.sine(frequency: 440, sampleRate: 48_000, seconds: 0.1)
    for packet in try OpusTestSupport.encode(input, with: encoder, frameSamples: 960) {
      _ = try OpusTestSupport.decode(packet, with: decoder)
    }
    var pcm = [Int16](repeating: 0, count: decoder.maxFrameSamples)
    let frame = rate.samplesPer20Milliseconds
    let concealed = try pcm.withUnsafeMutableBufferPointer { try decoder.decodeLoss(frameSamples: frame, into: $0) }
    #expect(concealed == frame)
    #expect(decoder.lastPacketDuration == frame)
    // Concealment continues the tone rather than producing silence.
    #expect(ToneAnalysis.rms(pcm[0..<frame]) > 100)
  }

  @Test("concealment of a frame that is not a multiple of 2.5 ms throws badArgument")
  func concealmentOddFrameThrows() throws {
    let decoder = try OpusDecoder()
    var pcm = [Int16](repeating: 0, count: 960)
    #expect(throws: OpusError.badArgument) {
      try pcm.withUnsafeMutableBufferPointer { try decoder.decodeLoss(frameSamples: 100, into: $0) }
    }
    #expect(throws: OpusError.bufferTooSmall) {
      try pcm.withUnsafeMutableBufferPointer { try decoder.decodeLoss(frameSamples: 1920, into: $0) }
    }
  }

  @Test("FEC recovers a lost frame from the next packet; concealment cannot")
  func fecRecoversLostFrame() throws {
    let encoder = try OpusEncoder(configuration: Self.fecConfiguration)
    // 200 ms of 440 Hz, then 200 ms of 1000 Hz; packet 10 (the first 1000 Hz frame) is lost.
    let input =
      ToneAnalysis.sine(frequency: 440, sampleRate: 48_000, seconds: 0.2)
      + ToneAnalysis.sine(frequency: 1000, sampleRate: 48_000, seconds: 0.2)
    let packets = try OpusTestSupport.encode(input, with: encoder, frameSamples: 960)
    let lost = 10

    let withFEC = try OpusDecoder()
    let withPLC = try OpusDecoder()
    for packet in packets[..<lost] {
      _ = try OpusTestSupport.decode(packet, with: withFEC)
      _ = try OpusTestSupport.decode(packet, with: withPLC)
    }
    var recovered = [Int16](repeating: 0, count: 960)
    let recoveredSamples = try packets[lost + 1].withUnsafeBytes { next in
      try recovered.withUnsafeMutableBufferPointer {
        try withFEC.decodeFEC(fromNext: next, frameSamples: 960, into: $0)
      }
    }
    var concealed = [Int16](repeating: 0, count: 960)
    let concealedSamples = try concealed.withUnsafeMutableBufferPointer {
      try withPLC.decodeLoss(frameSamples: 960, into: $0)
    }
    #expect(recoveredSamples == 960)
    #expect(concealedSamples == 960)

    // The last two thirds of the frame (past the decoder delay) belong to the new 1000 Hz tone.
    let tail = 320..<960
    let fecNew = ToneAnalysis.power(of: 1000, in: recovered[tail], sampleRate: 48_000)
    let fecOld = ToneAnalysis.power(of: 440, in: recovered[tail], sampleRate: 48_000)
    let plcNew = ToneAnalysis.power(of: 1000, in: concealed[tail], sampleRate: 48_000)
    let plcOld = ToneAnalysis.power(of: 440, in: concealed[tail], sampleRate: 48_000)
    #expect(fecNew > 10 * fecOld, "FEC should carry the new tone: 1000 Hz \(fecNew), 440 Hz \(fecOld)")
    #expect(plcOld > plcNew, "concealment extrapolates the old tone: 440 Hz \(plcOld), 1000 Hz \(plcNew)")

    // The decoder carries on normally with the packet FEC came from.
    #expect(try OpusTestSupport.decode(packets[lost + 1], with: withFEC).samples == 960)
  }

  @Test("a garbage packet throws invalidPacket")
  func garbagePacketThrows() throws {
    let decoder = try OpusDecoder()
    // TOC 0xFF: code 3 with a frame count byte of 63 × 20 ms, far beyond the 120 ms limit.
    #expect(throws: OpusError.invalidPacket) { try OpusTestSupport.decode([0xFF, 0xFF, 0xFF, 0xFF], with: decoder) }
    // An empty packet is not silently concealed.
    #expect(throws: OpusError.invalidPacket) { try OpusTestSupport.decode([], with: decoder) }
    #expect(OpusError.invalidPacket.code == -4)
    #expect(OpusError.invalidPacket.description.contains("corrupted stream"))
  }

  @Test("random bytes never crash the decoder")
  func randomBytesDoNotCrash() throws {
    let decoder = try OpusDecoder(sampleRate: .hz16000)
    var generator = SeededGenerator(seed: 0x5EED)
    var failures = 0
    for _ in 0..<2000 {
      let length = Int.random(in: 1...200, using: &generator)
      let packet = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      do { _ = try OpusTestSupport.decode(packet, with: decoder) } catch is OpusError { failures += 1 }
    }
    #expect(failures > 0, "some random packets should be rejected")
  }

  @Test("a PCM buffer too small for the packet throws bufferTooSmall")
  func smallOutputThrows() throws {
    let encoder = try OpusEncoder()
    let decoder = try OpusDecoder()
    let input = ToneAnalysis.sine(frequency: 440, sampleRate: 48_000, seconds: 0.02)
    let packet = try OpusTestSupport.encode(input, with: encoder, frameSamples: 960)[0]
    var pcm = [Int16](repeating: 0, count: 480)
    #expect(throws: OpusError.bufferTooSmall) {
      try packet.withUnsafeBytes { bytes in
        try pcm.withUnsafeMutableBufferPointer { try decoder.decode(bytes, into: $0) }
      }
    }
    #expect(try packet.withUnsafeBytes { try decoder.frameSamples(of: $0) } == 960)
  }
}
