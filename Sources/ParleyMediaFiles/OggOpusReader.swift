internal import CParleyOpusFile
internal import Glibc

/// Reads an Ogg/Opus prompt (RFC 7845) with libopusfile as 48 kHz mono PCM.
///
/// libopusfile parses the pages, applies pre-skip and end trimming (RFC 7845 §4.2, §4.4), decodes
/// and, for more than two channels, downmixes to stereo (`op_read_stereo`); this reader averages the
/// two channels to mono. Dithering is off, so every pass over the file yields the same samples. A
/// file whose writer died mid-way (no end-of-stream page) reads up to its last complete page.
/// Seekable files only (a path, not a pipe).
///
/// The instance is the only owner of the `OggOpusFile` and frees it in `deinit`; it is not
/// thread-safe and not `Sendable`. Scratch space is allocated at open: reading a frame allocates
/// nothing (after libopusfile's one-time decode buffer on the first short read).
public final class OggOpusReader: PromptReader {
  private let handle: OpaquePointer
  /// Interleaved stereo from `op_read_stereo`: 120 ms at 48 kHz, the longest Opus packet.
  private let stereo: UnsafeMutableBufferPointer<Int16>

  /// The prompt's length in samples at 48 kHz, pre-skip and end trimming applied (`op_pcm_total`).
  public let durationSamples: Int
  /// The channel count in the file's identification header (RFC 7845 §5.1).
  public let sourceChannels: Int

  /// Opens `path`.
  ///
  /// - Throws: ``MediaFileError/cannotOpen(path:errno:)`` when the file cannot be opened,
  ///   ``MediaFileError/opusFile(code:)`` when libopusfile rejects it (not Ogg/Opus, truncated headers,
  ///   bad timestamps …).
  public init(path: String) throws(MediaFileError) {
    var callbacks = OpusFileCallbacks()
    guard let stream = path.withCString({ op_fopen(&callbacks, $0, "rb") }) else {
      throw .cannotOpen(path: path, errno: errno)
    }
    var error: Int32 = 0
    guard let handle = op_open_callbacks(stream, &callbacks, nil, 0, &error) else {
      // libopusfile does not take the stream when it fails to open it.
      _ = callbacks.close?(stream)
      throw .opusFile(code: error < 0 ? error : OP_EFAULT)
    }
    let total = op_pcm_total(handle, -1)
    guard total >= 0 else {
      op_free(handle)
      throw .opusFile(code: Int32(truncatingIfNeeded: total))
    }
    // libopusfile dithers its float decode down to 16 bits with a running random state, so the same
    // samples would come out slightly different after a rewind; the media path re-encodes anyway.
    op_set_dither_enabled(handle, 0)
    self.handle = handle
    durationSamples = Int(total)
    sourceChannels = Int(op_channel_count(handle, -1))
    stereo = .allocate(capacity: 2 * 5760)
  }

  deinit {
    op_free(handle)
    stereo.deallocate()
  }

  /// The position of the next sample read, in samples at 48 kHz from the start (`op_pcm_tell`).
  public var position: Int { Int(max(0, op_pcm_tell(handle))) }

  /// Fills `pcm` with the next samples and returns how many it wrote: `pcm.count`, or fewer only at
  /// the end of the stream (0 once it is over). A hole in the stream (a lost or corrupt page) is
  /// skipped; a packet that fails to decode throws ``MediaFileError/opusFile(code:)``.
  public func read(into pcm: UnsafeMutableBufferPointer<Int16>) throws(MediaFileError) -> Int {
    guard let output = pcm.baseAddress else { return 0 }
    guard let scratch = stereo.baseAddress else { return 0 }
    var written = 0
    while written < pcm.count {
      let wanted = min(pcm.count - written, stereo.count / 2)
      let result = op_read_stereo(handle, scratch, Int32(wanted * 2))
      if result == OP_HOLE { continue }  // libopusfile reports each hole once, then reads on
      guard result >= 0 else { throw .opusFile(code: result) }
      guard result > 0 else { break }
      for index in 0..<Int(result) {
        let sum = Int32(scratch[2 * index]) + Int32(scratch[2 * index + 1])
        output[written + index] = Int16(truncatingIfNeeded: sum >> 1)
      }
      written += Int(result)
    }
    return written
  }

  /// Starts again from the first sample (`op_pcm_seek` to 0), for looping.
  public func rewind() throws(MediaFileError) {
    let result = op_pcm_seek(handle, 0)
    guard result == 0 else { throw .opusFile(code: result) }
  }
}
