import Foundation
import ParleyMediaFiles
import ParleyTesting
import Testing

/// A writer that never reaches `close()` (the process died) must leave a readable file behind. The
/// tests copy the file while the writer is still open, as a crash would leave it.
@Suite("Crash safety")
struct CrashSafetyTests {
  typealias Support = MediaFileTestSupport

  @Test("an Ogg/Opus recording never closed reads up to its last flushed page")
  func oggOpusWithoutClose() throws {
    try Support.withTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("call.opus")
      let copy = directory.appendingPathComponent("crashed.opus")
      let (packets, preSkip) = try Support.opusPackets(frequency: 440, seconds: 3)
      let writer = try OggOpusWriter(path: url.path, preSkip: preSkip)
      for packet in packets { try Support.append(packet, to: writer) }
      try FileManager.default.copyItem(at: url, to: copy)

      // The copy has no end-of-stream page, yet libopusfile reads it to its last complete page: at least
      // two automatic one-second flushes' worth.
      let pages = Support.oggPages(try Support.bytes(copy))
      #expect(pages.allSatisfy { !$0.endsStream })
      let reader = try OggOpusReader(path: copy.path)
      #expect(reader.durationSamples >= 96_000 - preSkip)
      let pcm = try Support.readAll(reader)
      #expect(pcm.count == reader.durationSamples)
      let measured = Support.frequency(of: pcm, from: 1.5, to: 1.8)
      #expect(abs(measured - 440) <= 440 * 0.02, "measured \(measured) Hz")

      // Closing afterwards completes the original.
      try writer.close()
      #expect(try OggOpusReader(path: url.path).durationSamples == 144_000 - preSkip)
    }
  }

  @Test("a crash can cut the file anywhere: a partial last page is ignored")
  func oggOpusCutMidPage() throws {
    try Support.withTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("call.opus")
      let (packets, preSkip) = try Support.opusPackets(frequency: 440, seconds: 3)
      let writer = try OggOpusWriter(path: url.path, preSkip: preSkip, flushInterval: 9_600)
      for packet in packets { try Support.append(packet, to: writer) }
      try writer.close()
      let bytes = try Support.bytes(url)
      let cut = directory.appendingPathComponent("cut.opus")
      try Data(bytes[0..<bytes.count * 2 / 3 + 7]).write(to: cut)
      let reader = try OggOpusReader(path: cut.path)
      #expect(reader.durationSamples > 48_000 && reader.durationSamples < 144_000 - preSkip)
      #expect(try Support.readAll(reader).count == reader.durationSamples)
    }
  }

  @Test("a WAV recording never closed has header sizes that match the samples written")
  func wavWithoutClose() throws {
    try Support.withTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("call.wav")
      let tone = ToneAnalysis.sine(frequency: 440, sampleRate: 48_000, seconds: 3)
      let writer = try WAVWriter(path: url.path)
      for start in stride(from: 0, to: tone.count, by: 960) {
        try tone[start..<start + 960].withUnsafeBufferPointer { try writer.append(samples: $0) }
      }
      #expect(writer.framesWritten == 144_000)

      // RIFF (RIFF/WAVE, RFC 2361): the RIFF size is the file size less 8, the data chunk holds every sample.
      let bytes = try Support.bytes(url)
      func word(_ offset: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) } }
      #expect(bytes.starts(with: "RIFF".utf8))
      #expect(word(4) == bytes.count - 8)
      let data = try #require(
        (12..<bytes.count - 8).first { bytes[$0..<$0 + 4].elementsEqual("data".utf8) })
      #expect(word(data + 4) == 144_000 * 2)
      #expect(bytes.count == data + 8 + 144_000 * 2)

      let reader = try WAVReader(path: url.path)
      #expect(reader.durationSamples == 144_000)
      #expect(try Support.readAll(reader) == tone)  // 48 kHz mono 16-bit reads back bit-exact
      try writer.close()
    }
  }
}
