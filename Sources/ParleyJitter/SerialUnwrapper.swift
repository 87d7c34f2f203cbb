/// Extends a wrapping RTP counter (a 16-bit sequence number, a 32-bit timestamp) to 64 bits, RFC 3550
/// Appendix A.1 style: each value is placed at the shortest distance from the highest value seen so far.
///
/// ParleyJitter has no dependencies, so this is its own small copy of ParleyRTP's unwrappers.
struct SerialUnwrapper<Value: FixedWidthInteger & UnsignedInteger> {
  /// The highest unwrapped value so far, `nil` before the first.
  private(set) var highest: Int64?

  /// The 64-bit value of `value`; advances ``highest`` when it is newer.
  mutating func unwrap(_ value: Value) -> Int64 {
    let unwrapped = peek(value)
    if let highest, unwrapped <= highest { return unwrapped }
    highest = unwrapped
    return unwrapped
  }

  /// The 64-bit value `value` would unwrap to, without recording it.
  func peek(_ value: Value) -> Int64 {
    guard let highest else { return Int64(value) }
    let forward = value &- Value(truncatingIfNeeded: highest)
    let half = Value(1) << (Value.bitWidth - 1)
    let delta = forward < half ? Int64(forward) : Int64(forward) - (Int64(1) << Value.bitWidth)
    return highest &+ delta
  }

  mutating func reset() { highest = nil }
}
