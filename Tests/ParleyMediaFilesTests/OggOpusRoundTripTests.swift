import Foundation
import ParleyMediaFiles
import ParleyTesting
import Testing

@Suite("Ogg/Opus round trip")
struct OggOpusRoundTripTests {
  typealias Support = MediaFileTestSupport

  @Test("2 s of 440 Hz written packet by packet read back at 440 Hz for the whole duration")
  func roundTrip() throws {
    try Support.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("tone.opus").path
      let (packets, preSkip) = try Support.opusPackets(frequency: 440, seconds: 2)
      #expect(packets.count == 100)
      let writer = try OggOpusWriter(path: path, preSkip: preSkip, serialNumber: 0x5041_524C)
      for packet in packets { try Support.append(packet, to: writer) }
      #expect(writer.granulePosition == 96_000)
      try writer.close()

      let reader = try OggOpusReader(path: path)
      #expect(reader.durationSamples == 96_000 - preSkip)
      #expect(reader.sourceChannels == 1)
      let pcm = try Support.readAll(reader)
      #expect(pcm.count == 96_000 - preSkip)
      let measured = Support.frequency(of: pcm, from: 0.5, to: 0.8)
      #expect(abs(measured - 440) <= 440 * 0.02, "measured \(measured) Hz")
      #expect(ToneAnalysis.rms(pcm[24_000..<72_000]) > 12_000 / 2.squareRoot() * 0.7)
    }
  }

  @Test("pages: OpusHead alone on a BOS page, OpusTags next, granule positions per RFC 7845 §4, EOS last")
  func pageLayout() throws {
    try Support.withTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("tone.opus")
      let (packets, preSkip) = try Support.opusPackets(frequency: 440, seconds: 2)
      let writer = try OggOpusWriter(path: url.path, preSkip: preSkip, serialNumber: 0x5041_524C)
      for packet in packets { try Support.append(packet, to: writer) }
      try writer.close()

      let bytes = try Support.bytes(url)
      let pages = Support.oggPages(bytes)
      #expect(bytes.starts(with: "OggS".utf8))
      try #require(pages.count >= 4)
      #expect(pages.last.map { $0.offset + 27 } ?? 0 <= bytes.count)
      #expect(pages.allSatisfy { $0.serialNumber == 0x5041_524C })
      #expect(pages.map(\.sequenceNumber) == (0..<UInt32(pages.count)).map { $0 })

      // RFC 7845 §5.1: 19 bytes, version 1, one channel, pre-skip, 48 kHz, gain 0, family 0.
      let head = pages[0]
      #expect(head.beginsStream && !head.endsStream && head.granulePosition == 0)
      let rate = UInt32(48_000)
      let expectedHead =
        Array("OpusHead".utf8) + [1, 1, UInt8(preSkip & 0xFF), UInt8(preSkip >> 8)]
        + [UInt8(rate & 0xFF), UInt8(rate >> 8 & 0xFF), UInt8(rate >> 16), 0, 0, 0, 0]
      #expect(head.body == expectedHead)

      // RFC 7845 §5.2: vendor "Parley", no comments.
      let tags = pages[1]
      #expect(!tags.beginsStream && tags.granulePosition == 0)
      #expect(tags.body == Array("OpusTags".utf8) + [6, 0, 0, 0] + Array("Parley".utf8) + [0, 0, 0, 0])

      // Audio pages: granule positions rise to the samples decoded, pre-skip included; only the last is EOS.
      let audio = pages[2...]
      #expect(zip(audio, audio.dropFirst()).allSatisfy { $0.granulePosition < $1.granulePosition })
      #expect(audio.last?.granulePosition == 96_000)
      #expect(audio.last?.endsStream == true)
      #expect(audio.dropLast().allSatisfy { !$0.endsStream && !$0.beginsStream })
      #expect(audio.allSatisfy { $0.granulePosition % 960 == 0 })
    }
  }

  @Test("opusinfo, when installed, accepts the file")
  func independentTool() throws {
    let tool = ["/usr/bin/opusinfo", "/usr/local/bin/opusinfo"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    try Support.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("tone.opus").path
      let (packets, preSkip) = try Support.opusPackets(frequency: 440, seconds: 1)
      let writer = try OggOpusWriter(path: path, preSkip: preSkip)
      for packet in packets { try Support.append(packet, to: writer) }
      try writer.close()
      guard let tool else { return }  // the page-layout test checks the structure without it
      let process = Process()
      process.executableURL = URL(fileURLWithPath: tool)
      process.arguments = [path]
      let output = Pipe()
      process.standardOutput = output
      process.standardError = output
      try process.run()
      let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(text)")
      #expect(!text.localizedCaseInsensitiveContains("warning"), "\(text)")
      #expect(text.contains("Parley"), "\(text)")
    }
  }

  @Test("a gap on the RTP timeline is filled with concealment, so the granule positions follow the clock")
  func gapIsConcealed() throws {
    try Support.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("gap.opus").path
      let (packets, preSkip) = try Support.opusPackets(frequency: 440, seconds: 2)
      let writer = try OggOpusWriter(path: path, preSkip: preSkip)
      for (index, packet) in packets.enumerated() where !(40..<45).contains(index) {
        try Support.append(packet, samples: index == 45 ? 6 * 960 : 960, to: writer)
      }
      #expect(writer.granulePosition == 96_000)
      try writer.close()

      let reader = try OggOpusReader(path: path)
      #expect(reader.durationSamples == 96_000 - preSkip)
      let pcm = try Support.readAll(reader)
      #expect(pcm.count == 96_000 - preSkip)
      let before = Support.frequency(of: pcm, from: 0.3, to: 0.6)
      let after = Support.frequency(of: pcm, from: 1.2, to: 1.5)
      #expect(abs(before - 440) <= 440 * 0.02 && abs(after - 440) <= 440 * 0.02, "\(before) Hz, \(after) Hz")
    }
  }

  @Test("a recording with no packet still closes into a valid stream (20 ms of silence)")
  func emptyRecording() throws {
    try Support.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("empty.opus").path
      let writer = try OggOpusWriter(path: path)
      try writer.close()
      #expect(throws: MediaFileError.closed) { try writer.close() }
      let reader = try OggOpusReader(path: path)
      #expect(reader.durationSamples == 960 - 312)
      let pcm = try Support.readAll(reader)
      #expect(pcm.count == 960 - 312)
      #expect(ToneAnalysis.rms(pcm[...]) < 100)
    }
  }
}
