import Foundation

/// Test signals and the measurements the Opus tests make on them.
public enum ToneAnalysis {
  /// `seconds` of a sine at `frequency` Hz, amplitude `amplitude`, sampled at `sampleRate`, repeated on
  /// `channels` interleaved channels.
  public static func sine(
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
  public static func hannWindowed(_ samples: ArraySlice<Int16>) -> [Double] {
    let n = samples.count
    return samples.enumerated().map { i, sample in
      Double(sample) * (0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(n - 1)))
    }
  }

  /// The power of `frequency` in a windowed block (Goertzel).
  public static func power(of frequency: Double, inWindowed samples: [Double], sampleRate: Int) -> Double {
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
  public static func power(of frequency: Double, in samples: ArraySlice<Int16>, sampleRate: Int) -> Double {
    power(of: frequency, inWindowed: hannWindowed(samples), sampleRate: sampleRate)
  }

  /// The frequency with the most power in `samples` between 100 Hz and 3900 Hz (below Nyquist at
  /// 8 kHz), to within `step` Hz: a 10 Hz scan, then a `step` Hz scan around its best bin.
  public static func dominantFrequency(in samples: ArraySlice<Int16>, sampleRate: Int, step: Double = 2) -> Double {
    let windowed = hannWindowed(samples)
    func best(in range: StrideThrough<Double>) -> Double {
      var best = (frequency: 0.0, power: -1.0)
      for frequency in range {
        let p = power(of: frequency, inWindowed: windowed, sampleRate: sampleRate)
        if p > best.power { best = (frequency, p) }
      }
      return best.frequency
    }
    let coarseStep = max(step, 10)
    let coarse = best(in: stride(from: 100.0, through: 3900.0, by: coarseStep))
    guard coarseStep > step else { return coarse }
    return best(in: stride(from: max(100, coarse - coarseStep), through: min(3900, coarse + coarseStep), by: step))
  }

  /// Root-mean-square level of `samples`.
  public static func rms(_ samples: ArraySlice<Int16>) -> Double {
    guard !samples.isEmpty else { return 0 }
    let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
    return (sum / Double(samples.count)).squareRoot()
  }

  /// Every `stride`-th sample starting at `offset` (one channel out of interleaved PCM).
  public static func channel(_ offset: Int, of samples: [Int16], channels: Int) -> [Int16] {
    Swift.stride(from: offset, to: samples.count, by: channels).map { samples[$0] }
  }
}
