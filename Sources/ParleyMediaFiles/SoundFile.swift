internal import CParleySndFile
internal import Glibc

/// One libsndfile handle (`SNDFILE`) over a file it opened from a descriptor, closed in `deinit`
/// unless ``close()`` closed it first.
///
/// The file is opened with `open(2)` first, so a missing file is reported with its `errno`, then
/// handed to `sf_open_fd`, which owns the descriptor from then on (and closes it even when it fails).
final class SoundFile {
  private var handle: OpaquePointer?
  /// Frames in the file (one sample per channel), as its header says.
  let frames: Int
  /// Frames per second.
  let sampleRate: Int
  /// Interleaved channels per frame.
  let channels: Int

  /// Opens `path` for reading, in whatever format libsndfile recognises.
  convenience init(readingFrom path: String) throws(MediaFileError) {
    var info = SF_INFO()
    try self.init(path: path, flags: O_RDONLY, mode: Int32(SFM_READ), info: &info)
  }

  /// Creates (or truncates) `path` for writing `format` (`SF_FORMAT_WAV | SF_FORMAT_PCM_16` …).
  convenience init(writingTo path: String, sampleRate: Int, channels: Int, format: Int32) throws(MediaFileError) {
    var info = SF_INFO(
      frames: 0, samplerate: Int32(clamping: sampleRate), channels: Int32(clamping: channels), format: format,
      sections: 0, seekable: 0)
    guard sf_format_check(&info) != 0 else {
      throw .invalidArgument("libsndfile cannot write \(channels) channels at \(sampleRate) Hz in this format")
    }
    try self.init(path: path, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: Int32(SFM_WRITE), info: &info)
  }

  private init(path: String, flags: Int32, mode: Int32, info: inout SF_INFO) throws(MediaFileError) {
    let fd = path.withCString { open($0, flags | O_CLOEXEC, 0o644) }
    guard fd >= 0 else { throw .cannotOpen(path: path, errno: errno) }
    guard let handle = sf_open_fd(fd, mode, &info, 1) else { throw Self.error(of: nil) }
    self.handle = handle
    frames = Int(info.frames)
    sampleRate = Int(info.samplerate)
    channels = Int(info.channels)
  }

  deinit { if let handle { sf_close(handle) } }

  /// libsndfile's error for `handle`, or for the last failed open when `nil` (a process-wide value in
  /// libsndfile: a failed open on another thread at the same moment may lend its wording).
  private static func error(of handle: OpaquePointer?) -> MediaFileError {
    .soundFile(code: sf_error(handle), message: String(cString: sf_strerror(handle)))
  }

  /// Sends a command (`SFC_…`) whose argument is a number, and returns libsndfile's answer.
  func command(_ command: Int32, value: Int32) throws(MediaFileError) -> Int32 {
    guard let handle else { throw .closed }
    return sf_command(handle, command, nil, value)
  }

  /// Reads up to `count` frames of interleaved samples, normalised to -1…1, into `buffer` and returns
  /// the frames read: fewer than `count` only at the end of the file.
  func readFrames(into buffer: UnsafeMutableBufferPointer<Float>, count: Int) throws(MediaFileError) -> Int {
    guard let handle else { throw .closed }
    guard let base = buffer.baseAddress, count > 0 else { return 0 }
    precondition(count * channels <= buffer.count, "frame buffer too small")
    let read = sf_readf_float(handle, base, sf_count_t(count))
    if read <= 0 && sf_error(handle) != 0 { throw Self.error(of: handle) }
    return Int(max(0, read))
  }

  /// Writes interleaved 16-bit samples (a whole number of frames).
  func write(_ samples: UnsafeBufferPointer<Int16>) throws(MediaFileError) {
    guard let handle else { throw .closed }
    guard let base = samples.baseAddress, samples.count > 0 else { return }
    let written = sf_write_short(handle, base, sf_count_t(samples.count))
    guard written == samples.count else { throw Self.error(of: handle) }
  }

  /// Goes back to the first frame.
  func seekToStart() throws(MediaFileError) {
    guard let handle else { throw .closed }
    guard sf_seek(handle, 0, SEEK_SET) == 0 else { throw Self.error(of: handle) }
  }

  /// Closes the file (writing its final header when writing); later calls throw ``MediaFileError/closed``.
  func close() throws(MediaFileError) {
    guard let handle else { throw .closed }
    self.handle = nil
    let result = sf_close(handle)
    guard result == 0 else {
      throw .soundFile(code: result, message: String(cString: sf_error_number(result)))
    }
  }
}
