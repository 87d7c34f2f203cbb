/// Reads a WAV prompt with libsndfile as 48 kHz mono PCM.
///
/// Any format libsndfile reads works (8/16/24/32-bit integer or float PCM, µ-law, A-law …, and other
/// containers such as AIFF or FLAC), at any rate from 1 kHz to 384 kHz and with any number of
/// channels: the channels are averaged to mono, and a rate other than 48 kHz is converted by a
/// windowed-sinc resampler (see ``SincResampler``, internal). A file whose writer died mid-way reads
/// as far as its header says (``WAVWriter`` keeps its header current after every write).
///
/// The instance owns its libsndfile handle and frees it in `deinit`; it is not thread-safe and not
/// `Sendable`. Buffers are allocated at open: reading a frame allocates nothing.
public final class WAVReader: PromptReader {
  /// Input frames read from the file at a time.
  private static let blockFrames = 1024
  private let file: SoundFile
  private let resampler: SincResampler
  /// Interleaved frames as read, before the downmix.
  private let interleaved: UnsafeMutableBufferPointer<Float>

  /// The prompt's length in samples at 48 kHz.
  public let durationSamples: Int
  /// The file's own sample rate.
  public let sourceSampleRate: Int
  /// The file's channel count.
  public let sourceChannels: Int

  /// Opens `path`.
  ///
  /// - Throws: ``MediaFileError/cannotOpen(path:errno:)`` when the file cannot be opened,
  ///   ``MediaFileError/soundFile(code:message:)`` when libsndfile rejects it (not a sound file,
  ///   malformed header …), ``MediaFileError/unsupportedFormat(_:)`` for a rate outside 1…384 kHz.
  public init(path: String) throws(MediaFileError) {
    file = try SoundFile(readingFrom: path)
    guard (1000...384_000).contains(file.sampleRate) else {
      throw .unsupportedFormat("sample rate \(file.sampleRate) Hz outside 1000...384000")
    }
    guard (1...1024).contains(file.channels) else { throw .unsupportedFormat("\(file.channels) channels") }
    sourceSampleRate = file.sampleRate
    sourceChannels = file.channels
    resampler = SincResampler(inputRate: file.sampleRate, outputRate: 48_000, blockSize: Self.blockFrames)
    durationSamples = resampler.outputCount(forInput: file.frames)
    interleaved = .allocate(capacity: Self.blockFrames * file.channels)
  }

  deinit { interleaved.deallocate() }

  /// Fills `pcm` with the next samples (48 kHz, mono) and returns how many it wrote: `pcm.count`, or
  /// fewer only at the end of the file (0 once it is over).
  public func read(into pcm: UnsafeMutableBufferPointer<Int16>) throws(MediaFileError) -> Int {
    try resampler.read(into: pcm) { mono throws(MediaFileError) in try readMono(into: mono) }
  }

  /// Starts again from the first sample, for looping.
  public func rewind() throws(MediaFileError) {
    try file.seekToStart()
    resampler.reset()
  }

  /// Reads up to one block of frames and averages their channels into `mono`.
  private func readMono(into mono: UnsafeMutableBufferPointer<Float>) throws(MediaFileError) -> Int {
    let channels = sourceChannels
    let frames = try file.readFrames(into: interleaved, count: min(mono.count, Self.blockFrames))
    if channels == 1 {
      for index in 0..<frames { mono[index] = interleaved[index] }
      return frames
    }
    let scale = 1 / Float(channels)
    for frame in 0..<frames {
      var sum: Float = 0
      for channel in 0..<channels { sum += interleaved[frame * channels + channel] }
      mono[frame] = sum * scale
    }
    return frames
  }
}
