import Foundation
import ParleyMediaFiles
import Testing

@Suite("Bad input throws typed errors")
struct BadInputTests {
  typealias Support = MediaFileTestSupport

  /// A valid 1 s Ogg/Opus file's bytes.
  func validOggOpus(in directory: URL) throws -> [UInt8] {
    let url = directory.appendingPathComponent("valid.opus")
    let writer = try OggOpusWriter(path: url.path)
    for packet in try Support.opusPackets(frequency: 440, seconds: 1).packets { try Support.append(packet, to: writer) }
    try writer.close()
    return try Support.bytes(url)
  }

  @Test("missing files: cannotOpen with ENOENT")
  func missingFiles() throws {
    try Support.withTemporaryDirectory { directory in
      let opus = directory.appendingPathComponent("missing.opus").path
      let wav = directory.appendingPathComponent("missing.wav").path
      #expect(throws: MediaFileError.cannotOpen(path: opus, errno: ENOENT)) { try OggOpusReader(path: opus) }
      #expect(throws: MediaFileError.cannotOpen(path: wav, errno: ENOENT)) { try WAVReader(path: wav) }
      #expect(throws: MediaFileError.cannotOpen(path: wav, errno: ENOENT)) { try PromptFile.open(path: wav) }
      let nowhere = directory.appendingPathComponent("no/such/dir/out.opus").path
      #expect(throws: MediaFileError.cannotOpen(path: nowhere, errno: ENOENT)) { try OggOpusWriter(path: nowhere) }
      #expect(throws: MediaFileError.cannotOpen(path: nowhere, errno: ENOENT)) { try WAVWriter(path: nowhere) }
    }
  }

  @Test(
    "truncated, empty and foreign Ogg files: libopusfile's error code",
    arguments: ["truncated header", "empty", "text", "garbage"])
  func corruptOgg(kind: String) throws {
    try Support.withTemporaryDirectory { directory in
      let valid = try validOggOpus(in: directory)
      let bytes: [UInt8] =
        switch kind {
        case "truncated header": Array(valid[0..<40])
        case "empty": []
        case "text": Array("This is not an Ogg file at all.\n".utf8)
        default: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        }
      let url = directory.appendingPathComponent("bad.opus")
      try Data(bytes).write(to: url)
      let error = #expect(throws: MediaFileError.self) { try OggOpusReader(path: url.path) }
      guard case .opusFile(let code) = error else {
        Issue.record("expected a libopusfile error, got \(String(describing: error))")
        return
      }
      #expect(code < 0)
      #expect(error?.description.contains("OP_E") == true)
    }
  }

  @Test("bytes flipped inside audio pages: a typed error or a hole skipped, never a crash")
  func corruptAudioPages() throws {
    try Support.withTemporaryDirectory { directory in
      var bytes = try validOggOpus(in: directory)
      for offset in stride(from: bytes.count / 3, to: bytes.count - 10, by: 797) { bytes[offset] ^= 0x5A }
      let url = directory.appendingPathComponent("flipped.opus")
      try Data(bytes).write(to: url)
      do {
        let reader = try OggOpusReader(path: url.path)
        let pcm = try Support.readAll(reader)
        #expect(pcm.count <= 48_000)
      } catch {
        #expect(error is MediaFileError)
      }
    }
  }

  @Test("a text file named .wav: libsndfile's error")
  func textAsWAV() throws {
    try Support.withTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("prompt.wav")
      try Data("RIFF? No, just a text file pretending.\n".utf8).write(to: url)
      let error = #expect(throws: MediaFileError.self) { try WAVReader(path: url.path) }
      guard case .soundFile(let code, let message) = error else {
        Issue.record("expected a libsndfile error, got \(String(describing: error))")
        return
      }
      #expect(code != 0 && !message.isEmpty)
      #expect(throws: MediaFileError.self) { try PromptFile.open(path: url.path) }
    }
  }

  @Test("writers reject malformed packets, partial frames and use after close")
  func writerMisuse() throws {
    try Support.withTemporaryDirectory { directory in
      let writer = try OggOpusWriter(path: directory.appendingPathComponent("out.opus").path)
      #expect(throws: MediaFileError.invalidPacket) { try Support.append([], to: writer) }
      #expect(throws: MediaFileError.invalidPacket) { try Support.append([0xFB], to: writer) }  // code 3, no count
      #expect(throws: MediaFileError.invalidPacket) { try Support.append([0xFB, 0x00], to: writer) }  // zero frames
      #expect(throws: MediaFileError.invalidPacket) { try Support.append([0xFB, 7], to: writer) }  // 140 ms
      #expect(throws: MediaFileError.invalidPacket) {
        try Support.append([UInt8](repeating: 0xF8, count: OggOpusWriter.maxPacketSize + 1), to: writer)
      }
      #expect(throws: MediaFileError.self) { try OggOpusWriter(path: "/tmp/x.opus", channels: 3) }
      #expect(throws: MediaFileError.self) { try OggOpusWriter(path: "/tmp/x.opus", preSkip: 70_000) }
      try writer.close()
      #expect(throws: MediaFileError.closed) { try Support.append([0xF8], to: writer) }

      let wav = try WAVWriter(path: directory.appendingPathComponent("out.wav").path, channels: 2)
      let three: [Int16] = [1, 2, 3]
      #expect(throws: MediaFileError.self) { try three.withUnsafeBufferPointer { try wav.append(samples: $0) } }
      try wav.close()
      #expect(throws: MediaFileError.closed) {
        try three.dropLast().withUnsafeBufferPointer { try wav.append(samples: $0) }
      }
      #expect(throws: MediaFileError.self) { try WAVWriter(path: "/tmp/x.wav", sampleRate: 0) }
    }
  }
}
