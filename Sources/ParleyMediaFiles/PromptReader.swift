/// A prompt being played: 48 kHz mono PCM, read frame by frame into the caller's buffer.
///
/// ``OggOpusReader`` and ``WAVReader`` read the two prompt formats; ``PromptFile/open(path:)``
/// picks one by the file's first bytes.
public protocol PromptReader: AnyObject {
  /// The prompt's length in samples at 48 kHz (what ``read(into:)`` yields from start to end).
  var durationSamples: Int { get }

  /// Fills `pcm` with the next samples (48 kHz, mono) and returns how many it wrote: `pcm.count`, or
  /// fewer only at the end of the prompt (0 once it is over).
  func read(into pcm: UnsafeMutableBufferPointer<Int16>) throws(MediaFileError) -> Int

  /// Starts again from the first sample (for looping).
  func rewind() throws(MediaFileError)
}
