import ParleyMixer
import Testing

@Suite("MixGain")
struct MixGainTests {
  @Test("fixed-point values of linear gains")
  func conversions() {
    #expect(MixGain(1)! == .unity)
    #expect(MixGain.unity.rawValue == 16_384)
    #expect(MixGain(0.5)!.rawValue == 8_192)
    #expect(MixGain(0)! == .zero)
    #expect(MixGain(3.99995)! == .maximum)
    #expect(MixGain(4) == nil)
    #expect(MixGain(-0.001) == nil)
    #expect(MixGain(.nan) == nil)
    #expect(MixGain(rawValue: 65_536) == nil)
    #expect(MixGain(rawValue: -1) == nil)
    #expect(MixGain(0.25)!.linear == 0.25)
  }

  @Test("unity is exact and the maximum gain cannot overflow")
  func apply() {
    for sample in [Int16.min, -12_345, -1, 0, 1, 12_345, .max] {
      #expect(MixGain.unity.apply(to: sample) == Int32(sample))
      #expect(MixGain.zero.apply(to: sample) == 0)
    }
    #expect(MixGain.maximum.apply(to: .min) == -131_070)
    #expect(MixGain.maximum.apply(to: .max) == 131_066)
    #expect(MixGain(0.5)!.apply(to: 3) == 2)  // 1.5 rounds half up
    #expect(MixGain(0.5)!.apply(to: -3) == -1)  // -1.5 rounds half up
  }
}
