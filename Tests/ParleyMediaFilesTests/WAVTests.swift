import Foundation
import ParleyMediaFiles
import ParleyTesting
import Testing

@Suite("WAV prompts")
struct WAVTests {
  typealias Support = MediaFileTestSupport

  /// Writes `seconds` of `frequency` at `rate` on `channels` identical channels.
  func writeTone(_ path: String, frequency: Double, rate: Int, channels: Int, seconds: Double) throws {
    let tone = ToneAnalysis.sine(frequency: frequency, sampleRate: rate, seconds: seconds, channels: channels)
    let writer = try WAVWriter(path: path, sampleRate: rate, channels: channels)
    try tone.withUnsafeBufferPointer { try writer.append(samples: $0) }
    #expect(writer.framesWritten == tone.count / channels)
    try writer.close()
  }

  @Test("16 kHz stereo 1000 Hz reads as 48 kHz mono 1000 Hz, three times as many samples")
  func sixteenKilohertzStereo() throws {
    try Support.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("prompt.wav").path
      try writeTone(path, frequency: 1000, rate: 16_000, channels: 2, seconds: 2)
      let reader = try WAVReader(path: path)
      #expect(reader.sourceSampleRate == 16_000 && reader.sourceChannels == 2)
      #expect(reader.durationSamples == 3 * 32_000)
      let pcm = try Support.readAll(reader)
      #expect(pcm.count == 3 * 32_000)
      let measured = Support.frequency(of: pcm, from: 0.5, to: 0.8)
      #expect(abs(measured - 1000) <= 1000 * 0.02, "measured \(measured) Hz")
      let level = ToneAnalysis.rms(pcm[24_000..<72_000])
      #expect(abs(level - 12_000 / 2.squareRoot()) < 12_000 / 2.squareRoot() * 0.05, "rms \(level)")
    }
  }

  @Test("other rates convert to 48 kHz with the tone kept", arguments: [8_000, 22_050, 44_100, 96_000])
  func otherRates(rate: Int) throws {
    try Support.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("prompt.wav").path
      try writeTone(path, frequency: 1000, rate: rate, channels: 1, seconds: 1)
      let reader = try WAVReader(path: path)
      let expected = (rate * 48_000 + rate - 1) / rate
      #expect(reader.durationSamples == expected)
      let pcm = try Support.readAll(reader, chunk: 960)
      #expect(pcm.count == expected)
      let measured = Support.frequency(of: pcm, from: 0.4, to: 0.7)
      #expect(abs(measured - 1000) <= 1000 * 0.02, "measured \(measured) Hz at \(rate) Hz")
      let level = ToneAnalysis.rms(pcm[9_600..<38_400])
      #expect(abs(level - 12_000 / 2.squareRoot()) < 12_000 / 2.squareRoot() * 0.05, "rms \(level) at \(rate) Hz")
    }
  }

  @Test("stereo is averaged to mono")
  func downmix() throws {
    try Support.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("left.wav").path
      let left = ToneAnalysis.sine(frequency: 500, sampleRate: 48_000, seconds: 0.5)
      let stereo: [Int16] = left.flatMap { [$0, 0] }
      let writer = try WAVWriter(path: path, channels: 2)
      try stereo.withUnsafeBufferPointer { try writer.append(samples: $0) }
      try writer.close()
      let pcm = try Support.readAll(try WAVReader(path: path))
      #expect(pcm.count == left.count)
      #expect(zip(pcm, left).allSatisfy { abs(Int($0) - Int($1) / 2) <= 1 })
    }
  }

  @Test("PromptFile opens WAV and Ogg/Opus files by their first bytes")
  func promptFileSniffs() throws {
    try Support.withTemporaryDirectory { directory in
      let wav = directory.appendingPathComponent("prompt.bin").path
      try writeTone(wav, frequency: 1000, rate: 48_000, channels: 1, seconds: 0.1)
      #expect(try PromptFile.open(path: wav) is WAVReader)
      let opus = directory.appendingPathComponent("prompt.wav").path
      let writer = try OggOpusWriter(path: opus)
      for packet in try Support.opusPackets(frequency: 440, seconds: 0.1).packets {
        try Support.append(packet, to: writer)
      }
      try writer.close()
      #expect(try PromptFile.open(path: opus) is OggOpusReader)
    }
  }
}

/// WAV files in formats ``WAVWriter`` does not write, built byte by byte (RIFF `fmt ` and `data` chunks).
@Suite("WAV sample formats")
struct WAVFormatTests {
  typealias Support = MediaFileTestSupport

  enum Encoding: String, CaseIterable {
    case unsigned8, signed24, float32
  }

  /// A WAV file of `seconds` of a sine at `frequency`, peak 0.4 of full scale, on `channels` channels.
  static func wavBytes(_ encoding: Encoding, rate: Int, channels: Int, frequency: Double, seconds: Double) -> [UInt8] {
    func le(_ value: Int, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    let bits = [Encoding.unsigned8: 8, .signed24: 24, .float32: 32][encoding]!
    var data: [UInt8] = []
    for n in 0..<Int(Double(rate) * seconds) {
      let value = 0.4 * sin(2 * Double.pi * frequency * Double(n) / Double(rate))
      let sample: [UInt8] =
        switch encoding {
        case .unsigned8: [UInt8(128 + Int((value * 127).rounded()))]
        case .signed24: le(Int((value * 8_388_607).rounded()), 3)
        case .float32: le(Int(Float(value).bitPattern), 4)
        }
      for _ in 0..<channels { data += sample }
    }
    let blockAlign = channels * bits / 8
    let format = le(encoding == .float32 ? 3 : 1, 2) + le(channels, 2) + le(rate, 4) + le(rate * blockAlign, 4)
    let fmt = format + le(blockAlign, 2) + le(bits, 2)
    let body =
      Array("WAVE".utf8) + Array("fmt ".utf8) + le(fmt.count, 4) + fmt + Array("data".utf8) + le(data.count, 4) + data
    return Array("RIFF".utf8) + le(body.count, 4) + body
  }

  @Test(
    "8-bit, 24-bit and float WAV files read as 48 kHz mono",
    arguments: [(Encoding.unsigned8, 8_000, 1), (.signed24, 44_100, 2), (.float32, 48_000, 1), (.float32, 32_000, 6)])
  func formats(encoding: Encoding, rate: Int, channels: Int) throws {
    try Support.withTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("\(encoding.rawValue).wav")
      try Data(Self.wavBytes(encoding, rate: rate, channels: channels, frequency: 1000, seconds: 1)).write(to: url)
      let reader = try WAVReader(path: url.path)
      #expect(reader.sourceSampleRate == rate && reader.sourceChannels == channels)
      let pcm = try Support.readAll(reader)
      #expect(pcm.count == 48_000 && reader.durationSamples == 48_000)
      let measured = Support.frequency(of: pcm, from: 0.4, to: 0.7)
      #expect(abs(measured - 1000) <= 20, "measured \(measured) Hz")
      let expected = 0.4 * 32_768 / 2.squareRoot()
      let level = ToneAnalysis.rms(pcm[9_600..<38_400])
      #expect(abs(level - expected) < expected * 0.05, "rms \(level), expected \(expected)")
    }
  }
}
