/// A peak limiter from a 32-bit mix to 16-bit samples, per ``LimiterConfiguration``: instant attack,
/// hold, then a release at a constant rate in decibels, the gain updated every ``blockSamples``. It
/// never wraps: the gain is positive, so every output sample has the sign of its input (or is 0), and
/// its magnitude never exceeds the threshold.
///
/// The limiter holds only constants; each mix carries its own ``Envelope`` from frame to frame.
struct Limiter: Sendable {
  /// The state one stream of mixed frames carries between frames: the gain now and how many samples
  /// it still holds before it may rise.
  struct Envelope: Hashable, Sendable {
    var gain: Float = 1
    var holdRemaining = 0

    /// Whether the gain is exactly 1, where a sample within the threshold passes bit-exact.
    var isUnity: Bool { gain == 1 }
  }

  /// The largest positive output.
  let threshold: Int32
  /// The limits on a sample's magnitude, positive and negative side, as floats.
  let positiveLimit: Float
  let negativeLimit: Float
  /// The hold, in samples.
  let holdSamples: Int
  /// The factor the gain grows by per sample during release, and per block.
  let releaseFactor: Float
  let releasePerBlock: Float

  /// The samples that share one gain value: a third of a millisecond at 48 kHz.
  static let blockSamples = 16

  init(_ configuration: LimiterConfiguration, sampleRate: Int) {
    precondition(sampleRate > 0, "sample rate must be positive")
    threshold = Int32(configuration.threshold)
    positiveLimit = Float(configuration.threshold)
    negativeLimit = Float(configuration.threshold) + 1
    holdSamples = sampleRate * configuration.holdMilliseconds / 1000
    // 10^(dB/20) per sample = e^x with x = dB · ln 10 / 20; the series is exact to Float precision
    // for the tiny x of any sensible rate (dB/s over tens of thousands of samples per second).
    let x = configuration.releaseDecibelsPerSecond / Double(sampleRate) * 2.302_585_092_994_046 / 20
    releaseFactor = Float(1 + x * (1 + x / 2 * (1 + x / 3 * (1 + x / 4))))
    releasePerBlock = releaseFactor.power(Self.blockSamples)
  }

  /// Whether a frame whose samples lie in `minimum...maximum` passes bit-exact when the gain is at
  /// unity: no sample needs limiting.
  @inline(__always)
  func passesUnchanged(minimum: Int32, maximum: Int32) -> Bool {
    maximum <= threshold && minimum >= -threshold - 1
  }

  /// Limits `count` samples of `mix` into `output`, carrying `envelope` across the frame.
  ///
  /// The gain changes once per block of ``blockSamples``: a block whose peak would exceed the limit at
  /// the current gain drops it at once to exactly the gain that puts that peak at the limit, so the
  /// attack lands up to a block before the peak and never after it. Otherwise the block holds, or
  /// releases by ``releaseFactor`` per sample. Within a block the gain is constant, so the loops run
  /// branch-free.
  func limit(
    _ mix: UnsafePointer<Int32>, into output: UnsafeMutablePointer<Int16>, count: Int, envelope: inout Envelope
  ) {
    var gain = envelope.gain
    var hold = envelope.holdRemaining
    var start = 0
    while start < count {
      let length = min(Self.blockSamples, count - start)
      let block = mix + start
      var maximum: Int32 = 0
      var minimum: Int32 = 0
      for n in 0..<length {
        maximum = max(maximum, block[n])
        minimum = min(minimum, block[n])
      }
      let highest = Float(maximum)
      let lowest = Float(0 &- minimum)
      if highest * gain > positiveLimit || lowest * gain > negativeLimit {
        // Exactly the gain that brings the larger excursion (for its side) to the limit. A side with
        // no excursion divides by zero: infinity, which `min` ignores.
        gain = min(positiveLimit / highest, negativeLimit / lowest)
        hold = holdSamples
      } else if hold > 0 {
        hold = max(0, hold - length)
      } else if gain < 1 {
        gain = min(1, gain * (length == Self.blockSamples ? releasePerBlock : releaseFactor.power(length)))
      }
      // Clamping catches the hair by which the attack's division may round up. Rounding to the nearest integer
      // never crosses zero and never grows a sample; at unity gain a sample comes out as itself.
      let destination = output + start
      for n in 0..<length {
        let y = min(positiveLimit, max(-negativeLimit, Float(block[n]) * gain))
        destination[n] = Int16(truncatingIfNeeded: Self.roundedToInteger(y))
      }
      start += length
    }
    envelope = Envelope(gain: gain, holdRemaining: hold)
  }
}

extension Limiter {
  /// `value` (of magnitude below 2²²) rounded to the nearest integer, without the range checks of
  /// `Int32(_:)`, so the loop around it vectorizes: adding 1.5 · 2²³ leaves the rounded integer in the
  /// low bits of the sum's representation.
  @inline(__always)
  static func roundedToInteger(_ value: Float) -> Int32 {
    Int32(bitPattern: (value + 12_582_912).bitPattern) &- 0x4B40_0000
  }
}

extension Float {
  /// `self` to a small non-negative integer power, by repeated multiplication.
  func power(_ exponent: Int) -> Float {
    var result: Float = 1
    for _ in 0..<exponent { result *= self }
    return result
  }
}
