internal import Glibc

/// Opens prompt files whatever their format.
public enum PromptFile {
  /// Opens `path` with ``OggOpusReader`` when it starts with an Ogg page ("OggS", RFC 3533 §6), and
  /// with ``WAVReader`` (libsndfile: WAV, and also AIFF, FLAC …) otherwise.
  public static func open(path: String) throws(MediaFileError) -> any PromptReader {
    if try startsWithOggPage(path) {
      return try OggOpusReader(path: path)
    }
    return try WAVReader(path: path)
  }

  private static func startsWithOggPage(_ path: String) throws(MediaFileError) -> Bool {
    let file = try FileDescriptor(path: path, flags: O_RDONLY)
    var magic: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    let count = try withUnsafeMutableBytes(of: &magic) { bytes throws(MediaFileError) in try file.read(into: bytes) }
    return count == 4 && magic == (0x4F, 0x67, 0x67, 0x53)
  }
}
