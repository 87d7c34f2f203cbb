import Foundation
import ParleyMediaFiles
import ParleyOpus
import ParleyTesting

/// Files, signals and Ogg page inspection for the container tests.
enum MediaFileTestSupport {
  /// A fresh directory under the system's temporary directory, removed after `body`.
  static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("ParleyMediaFilesTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
  }

  /// `seconds` of a `frequency` tone at 48 kHz mono, encoded by libopus in 20 ms packets.
  static func opusPackets(frequency: Double, seconds: Double) throws -> (packets: [[UInt8]], lookahead: Int) {
    let encoder = try OpusEncoder()
    let pcm = ToneAnalysis.sine(frequency: frequency, sampleRate: 48_000, seconds: seconds)
    var packets: [[UInt8]] = []
    var output = [UInt8](repeating: 0, count: OpusEncoder.maxPacketSize)
    for start in stride(from: 0, to: pcm.count - 959, by: 960) {
      let length = try pcm[start..<start + 960].withUnsafeBufferPointer { frame in
        try output.withUnsafeMutableBytes { try encoder.encode(pcm: frame, into: $0) }
      }
      packets.append(Array(output[0..<length]))
    }
    return (packets, encoder.lookahead)
  }

  /// Appends `packet` to `writer` as covering `samples` at 48 kHz.
  static func append(_ packet: [UInt8], samples: Int = 960, to writer: OggOpusWriter) throws {
    try packet.withUnsafeBytes { try writer.append(packet: $0, samples: samples) }
  }

  /// Reads `reader` to its end in `chunk`-sample reads (a media worker's 20 ms frames by default).
  static func readAll(_ reader: any PromptReader, chunk: Int = 960) throws -> [Int16] {
    var all: [Int16] = []
    var buffer = [Int16](repeating: 0, count: chunk)
    while true {
      let count = try buffer.withUnsafeMutableBufferPointer { try reader.read(into: $0) }
      all += buffer[0..<count]
      if count < chunk { return all }
    }
  }

  /// Reads `count` samples from `reader`.
  static func read(_ count: Int, from reader: any PromptReader) throws -> [Int16] {
    var buffer = [Int16](repeating: 0, count: count)
    let read = try buffer.withUnsafeMutableBufferPointer { try reader.read(into: $0) }
    return Array(buffer[0..<read])
  }

  /// The dominant frequency of `samples[from..<to]` (seconds at 48 kHz).
  static func frequency(of samples: [Int16], from: Double, to: Double, sampleRate: Int = 48_000) -> Double {
    let window = samples[Int(from * Double(sampleRate))..<Int(to * Double(sampleRate))]
    return ToneAnalysis.dominantFrequency(in: window, sampleRate: sampleRate)
  }

  /// One Ogg page (RFC 3533 §6) as found in a file.
  struct OggPage {
    var headerType: UInt8
    var granulePosition: Int64
    var serialNumber: UInt32
    var sequenceNumber: UInt32
    var body: [UInt8]
    var offset: Int

    var beginsStream: Bool { headerType & 0x02 != 0 }
    var endsStream: Bool { headerType & 0x04 != 0 }
  }

  /// The complete pages at the start of `bytes` (a page cut short ends the list).
  static func oggPages(_ bytes: [UInt8]) -> [OggPage] {
    func littleEndian(_ range: Range<Int>) -> UInt64 {
      range.reversed().reduce(0) { $0 << 8 | UInt64(bytes[$1]) }
    }
    var pages: [OggPage] = []
    var offset = 0
    while offset + 27 <= bytes.count, bytes[offset..<offset + 4].elementsEqual("OggS".utf8) {
      let segments = Int(bytes[offset + 26])
      guard offset + 27 + segments <= bytes.count else { break }
      let bodyLength = bytes[offset + 27..<offset + 27 + segments].reduce(0) { $0 + Int($1) }
      let bodyStart = offset + 27 + segments
      guard bodyStart + bodyLength <= bytes.count else { break }
      pages.append(
        OggPage(
          headerType: bytes[offset + 5], granulePosition: Int64(bitPattern: littleEndian(offset + 6..<offset + 14)),
          serialNumber: UInt32(littleEndian(offset + 14..<offset + 18)),
          sequenceNumber: UInt32(littleEndian(offset + 18..<offset + 22)),
          body: Array(bytes[bodyStart..<bodyStart + bodyLength]), offset: offset))
      offset = bodyStart + bodyLength
    }
    return pages
  }

  /// The bytes of the file at `url`.
  static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }
}
