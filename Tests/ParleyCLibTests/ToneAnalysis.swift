import Foundation

/// Test signals and the measurements the Opus tests make on them.
enum ToneAnalysis {
  /// `seconds` of a sine at `frequency` Hz, amplitude `amplitude`, sampled at `sampleRate`, repeated on
  /// `channels` interleaved channels.
  static func sine(
    frequency: Double, sampleRate: Int, seconds: Double, amplitude: Double = 12_000, channels: Int = 1,
    phaseOffsetSamples: Int = 0
  ) -> [Int16] {
    let count = Int(Double(sampleRate) * seconds)
    var samples = [Int16]()
    samples.reserveCapacity(count * channels)
    for n in 0..<count {
      let t = Double(n + phaseOffsetSamples) / Double(sampleRate)
      let value = Int16(amplitude * sin(2 * Double.pi * frequency * t))
      for _ in 0..<channels { samples.append(value) }
    }
    return samples
  }

  /// `samples` under a Hann window, ready for ``power(of:inWindowed:sampleRate:)``.
  static func hannWindowed(_ samples: ArraySlice<Int16>) -> [Double] {
    let n = samples.count
    return samples.enumerated().map { i, sample in
      Double(sample) * (0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(n - 1)))
    }
  }

  /// The power of `frequency` in a windowed block (Goertzel).
  static func power(of frequency: Double, inWindowed samples: [Double], sampleRate: Int) -> Double {
    let coefficient = 2 * cos(2 * Double.pi * frequency / Double(sampleRate))
    var s1 = 0.0
    var s2 = 0.0
    for sample in samples {
      let s0 = sample + coefficient * s1 - s2
      s2 = s1
      s1 = s0
    }
    return s1 * s1 + s2 * s2 - coefficient * s1 * s2
  }

  /// The power of `frequency` in `samples` (Goertzel over a Hann-windowed block).
  static func power(of frequency: Double, in samples: ArraySlice<Int16>, sampleRate: Int) -> Double {
    power(of: frequency, inWindowed: hannWindowed(samples), sampleRate: sampleRate)
  }

  /// The candidate frequency with the most power in `samples`, scanning 100 Hz up to 3900 Hz (below
  /// Nyquist at 8 kHz) in `step` Hz steps.
  static func dominantFrequency(in samples: ArraySlice<Int16>, sampleRate: Int, step: Double = 2) -> Double {
    let windowed = hannWindowed(samples)
    var best = (frequency: 0.0, power: -1.0)
    for frequency in stride(from: 100.0, through: 3900.0, by: step) {
      let p = power(of: frequency, inWindowed: windowed, sampleRate: sampleRate)
      if p > best.power { best = (frequency, p) }
    }
    return best.frequency
  }

  /// Root-mean-square level of `samples`.
  static func rms(_ samples: ArraySlice<Int16>) -> Double {
    guard !samples.isEmpty else { return 0 }
    let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
    return (sum / Double(samples.count)).squareRoot()
  }

  /// Every `stride`-th sample starting at `offset` (one channel out of interleaved PCM).
  static func channel(_ offset: Int, of samples: [Int16], channels: Int) -> [Int16] {
    Swift.stride(from: offset, to: samples.count, by: channels).map { samples[$0] }
  }
}
