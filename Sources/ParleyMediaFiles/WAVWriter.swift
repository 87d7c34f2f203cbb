internal import CParleySndFile

/// Writes a recording as a 16-bit PCM WAV file with libsndfile.
///
/// **Crash safety.** libsndfile rewrites the RIFF and `data` chunk sizes after every write
/// (`SFC_SET_UPDATE_HEADER_AUTO`) and writes with `write(2)`, without a user-space buffer, so after
/// each ``append(samples:)`` the file on disk is a complete WAV file holding every sample so far: if
/// the process dies, nothing written is lost. ``close()`` (or `deinit`) just closes it.
///
/// The instance owns its libsndfile handle; it is not thread-safe and not `Sendable` (one media worker
/// owns it). Appending a frame allocates nothing.
public final class WAVWriter {
  /// Frames per second.
  public let sampleRate: Int
  /// Interleaved channels per frame.
  public let channels: Int
  /// Frames (one sample per channel) written so far.
  public private(set) var framesWritten = 0

  private let file: SoundFile

  /// Creates (or truncates) `path`.
  ///
  /// - Parameters:
  ///   - sampleRate: frames per second, 1…384 000 (48 kHz, the media path's rate, by default).
  ///   - channels: interleaved channels, 1…64 (mono by default).
  /// - Throws: ``MediaFileError/cannotOpen(path:errno:)`` (e.g. a missing directory),
  ///   ``MediaFileError/invalidArgument(_:)``, ``MediaFileError/soundFile(code:message:)``.
  public init(path: String, sampleRate: Int = 48_000, channels: Int = 1) throws(MediaFileError) {
    guard (1...384_000).contains(sampleRate) else { throw .invalidArgument("sampleRate \(sampleRate)") }
    guard (1...64).contains(channels) else { throw .invalidArgument("channels \(channels), expected 1...64") }
    self.sampleRate = sampleRate
    self.channels = channels
    file = try SoundFile(
      writingTo: path, sampleRate: sampleRate, channels: channels, format: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16))
    _ = try file.command(Int32(SFC_SET_UPDATE_HEADER_AUTO), value: Int32(SF_TRUE))
  }

  /// Appends interleaved samples: a whole number of frames (`samples.count` a multiple of ``channels``).
  public func append(samples: UnsafeBufferPointer<Int16>) throws(MediaFileError) {
    guard samples.count % channels == 0 else {
      throw .invalidArgument("\(samples.count) samples is not a whole number of \(channels)-channel frames")
    }
    try file.write(samples)
    framesWritten += samples.count / channels
  }

  /// Closes the file; later calls throw ``MediaFileError/closed``.
  public func close() throws(MediaFileError) {
    try file.close()
  }
}
