/// The two header packets that start an Ogg/Opus stream (RFC 7845 §5).
enum OggOpusHeaders {
  /// The identification header (RFC 7845 §5.1), 19 bytes for channel mapping family 0:
  /// "OpusHead", version 1, channel count, pre-skip (LE16), input sample rate (LE32), output gain 0
  /// (LE16, Q7.8 dB), mapping family 0 (mono or stereo, no mapping table).
  static func identification(channels: Int, preSkip: Int, inputSampleRate: Int) -> [UInt8] {
    var bytes = Array("OpusHead".utf8)
    bytes.append(1)
    bytes.append(UInt8(channels))
    appendLittleEndian(UInt16(preSkip), to: &bytes)
    appendLittleEndian(UInt32(inputSampleRate), to: &bytes)
    appendLittleEndian(UInt16(0), to: &bytes)
    bytes.append(0)
    return bytes
  }

  /// The comment header (RFC 7845 §5.2): "OpusTags", the vendor string with its length (LE32), and
  /// the user comments (`TAG=value`), each with its length, after their count (LE32).
  static func comments(vendor: String, comments: [String]) -> [UInt8] {
    var bytes = Array("OpusTags".utf8)
    appendLittleEndian(UInt32(vendor.utf8.count), to: &bytes)
    bytes += vendor.utf8
    appendLittleEndian(UInt32(comments.count), to: &bytes)
    for comment in comments {
      appendLittleEndian(UInt32(comment.utf8.count), to: &bytes)
      bytes += comment.utf8
    }
    return bytes
  }

  private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
  }
}
