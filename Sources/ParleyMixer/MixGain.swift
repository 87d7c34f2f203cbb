/// A participant's gain as the mixer applies it: fixed point with 14 fraction bits (Q2.14), so that a
/// scaled 16-bit sample stays a 32-bit integer and unity gain is exact.
///
/// ``apply(to:)`` is the exact contribution a sample makes to a mix: `(sample × raw + 2¹³) >> 14`,
/// rounded half up. At ``unity`` it is the sample itself; at ``zero`` it is nothing.
public struct MixGain: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The number of fraction bits in ``rawValue``.
  public static let fractionBits: Int32 = 14

  /// Gain 1: a contribution is the sample itself, bit for bit.
  public static let unity = MixGain(uncheckedRawValue: 1 << fractionBits)
  /// Gain 0: the participant contributes nothing, as if muted.
  public static let zero = MixGain(uncheckedRawValue: 0)
  /// The largest gain, just under 4 (+12 dB): 65535 / 16384. A full-scale sample times it still fits
  /// in 32 bits with the rounding term.
  public static let maximum = MixGain(uncheckedRawValue: 0xFFFF)

  /// The gain times 2¹⁴, in `0...65535`.
  public let rawValue: Int32

  /// A gain from its fixed-point value, or `nil` outside `0...65535`.
  public init?(rawValue: Int32) {
    guard (0...Self.maximum.rawValue).contains(rawValue) else { return nil }
    self.rawValue = rawValue
  }

  /// The nearest fixed-point gain to a linear factor, or `nil` for a negative, non-finite or too large
  /// factor (one that rounds above ``maximum``).
  public init?(_ linear: Float) {
    guard linear.isFinite, linear >= 0 else { return nil }
    // Adding ½ then truncating rounds to nearest (half up) for a non-negative value, without libm.
    let scaled = linear * Float(1 << Self.fractionBits) + 0.5
    guard scaled < Float(Self.maximum.rawValue + 1) else { return nil }
    self.rawValue = Int32(scaled)
  }

  private init(uncheckedRawValue: Int32) { self.rawValue = uncheckedRawValue }

  /// The linear factor this gain stands for.
  public var linear: Float { Float(rawValue) / Float(1 << Self.fractionBits) }

  /// What `sample` contributes to a mix at this gain: `(sample × raw + 2¹³) >> 14`.
  @inline(__always)
  public func apply(to sample: Int16) -> Int32 {
    (Int32(sample) &* rawValue &+ (1 << (Self.fractionBits - 1))) &>> Self.fractionBits
  }

  public var description: String { "×\(linear)" }
}
