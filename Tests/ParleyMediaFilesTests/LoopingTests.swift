import Foundation
import ParleyMediaFiles
import ParleyTesting
import Testing

@Suite("Looping")
struct LoopingTests {
  typealias Support = MediaFileTestSupport

  /// Reads the start, reads on to the end, rewinds, and expects the same start again.
  func expectRewindRepeats(_ reader: any PromptReader) throws {
    let first = try Support.read(4_800, from: reader)
    #expect(first.count == 4_800)
    #expect(ToneAnalysis.rms(first[...]) > 1_000)
    _ = try Support.readAll(reader)
    #expect(try Support.read(960, from: reader).isEmpty)
    try reader.rewind()
    #expect(try Support.read(4_800, from: reader) == first)
    try reader.rewind()
    #expect(try Support.readAll(reader).count == reader.durationSamples)
  }

  @Test("OggOpusReader.rewind starts again with the same samples")
  func oggOpus() throws {
    try Support.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("loop.opus").path
      let (packets, preSkip) = try Support.opusPackets(frequency: 440, seconds: 1)
      let writer = try OggOpusWriter(path: path, preSkip: preSkip)
      for packet in packets { try Support.append(packet, to: writer) }
      try writer.close()
      try expectRewindRepeats(try OggOpusReader(path: path))
    }
  }

  @Test("WAVReader.rewind starts again with the same samples, resampler included")
  func wav() throws {
    try Support.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("loop.wav").path
      let tone = ToneAnalysis.sine(frequency: 700, sampleRate: 16_000, seconds: 1, channels: 2)
      let writer = try WAVWriter(path: path, sampleRate: 16_000, channels: 2)
      try tone.withUnsafeBufferPointer { try writer.append(samples: $0) }
      try writer.close()
      try expectRewindRepeats(try WAVReader(path: path))
    }
  }
}
