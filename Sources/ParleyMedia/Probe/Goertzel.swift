#if canImport(Glibc)
  import Glibc
#endif

/// The Goertzel algorithm: the power of one frequency in a block of samples, in O(n) without an FFT.
/// Allocation-free: it reads the samples where they lie.
enum Goertzel {
  /// |X(f)|² of `samples` (rectangular window) at `frequency`.
  static func power(of frequency: Double, in samples: UnsafeBufferPointer<Int16>, sampleRate: Double = 48_000)
    -> Double
  {
    let coefficient = 2 * cos(2 * Double.pi * frequency / sampleRate)
    var s1 = 0.0
    var s2 = 0.0
    for sample in samples {
      let s0 = Double(sample) + coefficient * s1 - s2
      s2 = s1
      s1 = s0
    }
    return max(0, s1 * s1 + s2 * s2 - coefficient * s1 * s2)
  }

  /// The amplitude (peak, in sample units) of a sine at `frequency` in `samples`: 2·|X(f)|/N.
  static func amplitude(of frequency: Double, in samples: UnsafeBufferPointer<Int16>) -> Double {
    guard !samples.isEmpty else { return 0 }
    return 2 * power(of: frequency, in: samples).squareRoot() / Double(samples.count)
  }

  /// |X(f)|² of already windowed samples.
  static func power(of frequency: Double, inWindowed samples: UnsafeBufferPointer<Double>, sampleRate: Double = 48_000)
    -> Double
  {
    let coefficient = 2 * cos(2 * Double.pi * frequency / sampleRate)
    var s1 = 0.0
    var s2 = 0.0
    for sample in samples {
      let s0 = sample + coefficient * s1 - s2
      s2 = s1
      s1 = s0
    }
    return s1 * s1 + s2 * s2 - coefficient * s1 * s2
  }

  /// The frequency with the most power in `windowed` between 100 Hz and 8000 Hz: a 20 Hz scan, then a
  /// 1 Hz scan around its best bin.
  static func dominantFrequency(inWindowed windowed: UnsafeBufferPointer<Double>) -> Double {
    func best(from low: Double, through high: Double, by step: Double) -> Double {
      var best = (frequency: low, power: -1.0)
      for frequency in stride(from: low, through: high, by: step) {
        let power = power(of: frequency, inWindowed: windowed)
        if power > best.power { best = (frequency, power) }
      }
      return best.frequency
    }
    let coarse = best(from: 100, through: 8_000, by: 20)
    return best(from: max(100, coarse - 20), through: min(8_000, coarse + 20), by: 1)
  }

  /// Level in dBFS of a peak amplitude (full scale 32767); −120 for silence.
  static func dBFS(amplitude: Double) -> Double {
    amplitude > 0 ? max(-120, 20 * log10(amplitude / 32_767)) : -120
  }
}
