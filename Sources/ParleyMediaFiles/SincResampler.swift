internal import Glibc

/// A streaming sample-rate converter for one mono channel: a polyphase FIR whose taps are a
/// Blackman-windowed sinc.
///
/// Output sample `k` sits at input position `t = k · inputRate / outputRate` (exact rational
/// arithmetic: an integer index and a phase counted in `1 / up`). It is the dot product of the
/// `2 · halfWidth` input samples around `t` with the kernel row for the phase; rows are precomputed
/// (up to 512 phases, the phase rounded down beyond that) and normalised to unit gain at DC. The
/// cutoff is 0.9 × the lower of the two Nyquist frequencies (anti-imaging when going up, anti-aliasing
/// when going down); 16 half-taps at the input rate when going up (32 taps, about -70 dB stop band),
/// widened in proportion when going down. Equal rates give a one-tap copy. The stream is zero outside
/// the input, and the output stops at `ceil(inputFrames · outputRate / inputRate)` samples.
///
/// Buffers are allocated at init; ``read(into:from:)`` allocates nothing.
final class SincResampler {
  let inputRate: Int
  let outputRate: Int
  private let up: Int
  private let down: Int
  private let halfWidth: Int
  private let taps: Int
  private let phases: Int
  private let kernel: UnsafeMutableBufferPointer<Float>
  /// Mono input from `windowStart` (absolute index, negative before the start) for `windowCount` samples.
  private let window: UnsafeMutableBufferPointer<Float>
  private var windowStart = 0
  private var windowCount = 0
  private var position = 0
  private var phase = 0
  private var inputEnd: Int?

  /// - Parameters:
  ///   - blockSize: input samples asked of the source at a time.
  init(inputRate: Int, outputRate: Int, blockSize: Int = 1024) {
    precondition(inputRate > 0 && outputRate > 0 && blockSize > 0)
    self.inputRate = inputRate
    self.outputRate = outputRate
    let divisor = Self.gcd(inputRate, outputRate)
    up = outputRate / divisor
    down = inputRate / divisor
    let ratio = min(1, Double(outputRate) / Double(inputRate))
    let cutoff = up == down ? 1 : 0.9 * ratio
    halfWidth = up == down ? 1 : Int((16 / ratio).rounded(.up))
    taps = 2 * halfWidth
    phases = min(up, 512)
    kernel = .allocate(capacity: phases * taps)
    window = .allocate(capacity: blockSize + taps + 1)
    for row in 0..<phases {
      let fraction = Double(row) / Double(phases)
      var sum = 0.0
      for tap in 0..<taps {
        sum += Self.tap(at: fraction + Double(halfWidth - 1 - tap), cutoff: cutoff, halfWidth: halfWidth)
      }
      for tap in 0..<taps {
        let value = Self.tap(at: fraction + Double(halfWidth - 1 - tap), cutoff: cutoff, halfWidth: halfWidth)
        kernel[row * taps + tap] = Float(value / sum)
      }
    }
    reset()
  }

  deinit {
    kernel.deallocate()
    window.deallocate()
  }

  /// The output samples `frames` input samples give.
  func outputCount(forInput frames: Int) -> Int { (frames * up + down - 1) / down }

  /// Forgets the stream, to start again from its first input sample.
  func reset() {
    windowStart = -(halfWidth - 1)
    windowCount = halfWidth - 1
    for index in 0..<windowCount { window[index] = 0 }
    position = 0
    phase = 0
    inputEnd = nil
  }

  /// Fills `output` with converted samples, asking `source` for input as needed, and returns how many
  /// it wrote: `output.count`, or fewer only at the end of the stream. `source` fills the start of the
  /// buffer it is given with mono samples (-1…1) and returns how many, 0 at the end.
  func read(
    into output: UnsafeMutableBufferPointer<Int16>,
    from source: (UnsafeMutableBufferPointer<Float>) throws(MediaFileError) -> Int
  ) throws(MediaFileError) -> Int {
    var produced = 0
    while produced < output.count {
      if windowStart + windowCount < position + halfWidth + 1 {
        try refill(upTo: position + halfWidth + 1, from: source)
      }
      if let inputEnd, position >= inputEnd { break }
      let row = (phases == up ? phase : phase * phases / up) * taps
      let first = position - halfWidth + 1 - windowStart
      var sum: Float = 0
      for tap in 0..<taps { sum += window[first + tap] * kernel[row + tap] }
      output[produced] = Self.int16(sum)
      produced += 1
      phase += down
      position += phase / up
      phase %= up
    }
    return produced
  }

  /// Drops the samples no longer needed and reads (or, past the end, zero-pads) up to `end`.
  private func refill(
    upTo end: Int, from source: (UnsafeMutableBufferPointer<Float>) throws(MediaFileError) -> Int
  ) throws(MediaFileError) {
    let drop = min(position - halfWidth + 1 - windowStart, windowCount)
    if drop > 0 {
      for index in 0..<(windowCount - drop) { window[index] = window[index + drop] }
      windowStart += drop
      windowCount -= drop
    }
    while windowStart + windowCount < end {
      if inputEnd == nil {
        let count = try source(UnsafeMutableBufferPointer(rebasing: window[windowCount...]))
        if count > 0 {
          windowCount += min(count, window.count - windowCount)
          continue
        }
        inputEnd = windowStart + windowCount
      }
      let padded = end - windowStart
      for index in windowCount..<padded { window[index] = 0 }
      windowCount = padded
    }
  }

  /// One kernel tap at `x` input samples from the output position.
  private static func tap(at x: Double, cutoff: Double, halfWidth: Int) -> Double {
    let u = x / Double(halfWidth)
    guard abs(u) < 1 else { return 0 }
    let blackman = 0.42 + 0.5 * cos(Double.pi * u) + 0.08 * cos(2 * Double.pi * u)
    let y = cutoff * x
    let sinc = y == 0 ? 1 : sin(Double.pi * y) / (Double.pi * y)
    return cutoff * sinc * blackman
  }

  /// A normalised sample as 16 bits, clamped (NaN, from a corrupt float file, becomes -32768).
  @inline(__always)
  static func int16(_ value: Float) -> Int16 {
    let scaled = value * 32768
    guard scaled > -32768 else { return .min }
    guard scaled < 32767 else { return .max }
    return Int16(scaled.rounded())
  }

  private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
