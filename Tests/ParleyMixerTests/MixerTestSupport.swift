import ParleyMixer
import ParleyTesting
import Testing

extension Mixer {
  /// A copy of what `id` hears after the last mix.
  func samples(for id: ParticipantID) -> [Int16] {
    guard let samples = withOutputSamples(for: id, { Array($1) }) else {
      Issue.record("\(id) has no output")
      return []
    }
    return samples
  }
}

/// Test signals cut into frames.
enum Signals {
  static let sampleRate = 48_000
  static let frameSamples = 960

  /// `frames` consecutive 20 ms frames of a sine.
  static func sineFrames(_ frequency: Double, amplitude: Double, frames: Int, startFrame: Int = 0) -> [[Int16]] {
    let samples = ToneAnalysis.sine(
      frequency: frequency, sampleRate: sampleRate, seconds: Double(frames) * 0.02, amplitude: amplitude,
      phaseOffsetSamples: startFrame * frameSamples)
    return (0..<frames).map { Array(samples[$0 * frameSamples..<($0 + 1) * frameSamples]) }
  }

  /// One frame of uniformly random samples in `range`.
  static func randomFrame(
    _ range: ClosedRange<Int16>, count: Int = frameSamples, using generator: inout SeededGenerator
  ) -> [Int16] {
    (0..<count).map { _ in Int16.random(in: range, using: &generator) }
  }

  /// The exact sample-by-sample sum of `frames`, in 32 bits.
  static func sum(_ frames: [[Int16]], count: Int = frameSamples) -> [Int32] {
    var total = [Int32](repeating: 0, count: count)
    for frame in frames { for n in 0..<count { total[n] += Int32(frame[n]) } }
    return total
  }

  /// `samples` narrowed to 16 bits, trapping if one does not fit (the test's claim is that it does).
  static func narrow(_ samples: [Int32]) -> [Int16] { samples.map { Int16($0) } }

  /// Goertzel power of `frequency` in `samples` at 48 kHz.
  static func power(of frequency: Double, in samples: [Int16]) -> Double {
    ToneAnalysis.power(of: frequency, in: samples[...], sampleRate: sampleRate)
  }
}
