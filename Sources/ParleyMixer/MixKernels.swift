/// The per-sample loops of a mix, over raw pointers into the mixer's preallocated buffers. Each is a
/// plain counted loop with wrapping arithmetic so the optimizer can vectorize it; none can overflow,
/// because a contribution is at most 2¹⁷ in magnitude and a mixer holds fewer than 2¹⁴ participants.
enum MixKernels {
  /// Adds `input × gain` into `total`. Returns whether any contribution was non-zero.
  static func accumulate(
    _ input: UnsafePointer<Int16>, gain: MixGain, into total: UnsafeMutablePointer<Int32>, count: Int
  ) -> Bool {
    if gain == .unity {
      var any: Int16 = 0
      for n in 0..<count {
        any |= input[n]
        total[n] &+= Int32(input[n])
      }
      return any != 0
    }
    var any: Int32 = 0
    for n in 0..<count {
      let contribution = gain.apply(to: input[n])
      any |= contribution
      total[n] &+= contribution
    }
    return any != 0
  }

  /// Writes `total − input × gain` (or `total` when `input` is `nil`) into `output`, truncated to 16
  /// bits, and returns the range of the 32-bit values so the caller can tell whether truncation was
  /// exact. When it was not, the caller limits the values from ``materialize(_:subtracting:gain:into:count:)``.
  static func narrow(
    _ total: UnsafePointer<Int32>, subtracting input: UnsafePointer<Int16>?, gain: MixGain,
    into output: UnsafeMutablePointer<Int16>, count: Int
  ) -> (minimum: Int32, maximum: Int32) {
    var minimum: Int32 = 0
    var maximum: Int32 = 0
    func store(_ value: Int32, at n: Int) {
      minimum = min(minimum, value)
      maximum = max(maximum, value)
      output[n] = Int16(truncatingIfNeeded: value)
    }
    if let input {
      if gain == .unity {
        for n in 0..<count { store(total[n] &- Int32(input[n]), at: n) }
      } else {
        for n in 0..<count { store(total[n] &- gain.apply(to: input[n]), at: n) }
      }
    } else {
      for n in 0..<count { store(total[n], at: n) }
    }
    return (minimum, maximum)
  }

  /// Writes `total − input × gain` in 32 bits into `mix`, for the limiter.
  static func materialize(
    _ total: UnsafePointer<Int32>, subtracting input: UnsafePointer<Int16>, gain: MixGain,
    into mix: UnsafeMutablePointer<Int32>, count: Int
  ) {
    if gain == .unity {
      for n in 0..<count { mix[n] = total[n] &- Int32(input[n]) }
    } else {
      for n in 0..<count { mix[n] = total[n] &- gain.apply(to: input[n]) }
    }
  }
}
