import ParleyMixer
import Testing

@Suite("Gain and mute")
struct GainAndMuteTests {
  @Test("gain 0.5 halves what a participant contributes, not what it hears")
  func halfGain() throws {
    let mixer = Mixer()
    for id: ParticipantID in [1, 2, 3] { try mixer.add(id) }
    try mixer.setGain(0.5, for: 1)
    #expect(mixer.settings(of: 1)?.gain == MixGain(rawValue: 8192))
    let a = Signals.sineFrames(440, amplitude: 10_000, frames: 5)
    let b = Signals.sineFrames(1000, amplitude: 10_000, frames: 5)
    var heardByB: [Int16] = []
    for frame in 0..<5 {
      mixer.writeInput(a[frame], for: 1)
      mixer.writeInput(b[frame], for: 2)
      mixer.mix()
      let halfA = a[frame].map { MixGain(0.5)!.apply(to: $0) }
      #expect(halfA.indices.allSatisfy { abs(2 * halfA[$0] - Int32(a[frame][$0])) <= 1 })
      #expect(mixer.samples(for: 2) == Signals.narrow(halfA))
      #expect(mixer.samples(for: 1) == b[frame], "gain applies to what 1 contributes, not to what it hears")
      #expect(mixer.samples(for: 3) == Signals.narrow(zip(halfA, b[frame]).map { $0 + Int32($1) }))
      heardByB += mixer.samples(for: 2)
    }
    let ratio = Signals.power(of: 440, in: heardByB) / Signals.power(of: 440, in: a.flatMap { $0 })
    #expect(abs(ratio - 0.25) < 0.01)
  }

  @Test("a muted participant is absent from the others' mix but still hears them")
  func mute() throws {
    let mixer = Mixer()
    for id: ParticipantID in [1, 2, 3] { try mixer.add(id) }
    try mixer.setMuted(true, for: 1)
    #expect(mixer.settings(of: 1)?.isMuted == true)
    let tones = [440.0, 1000.0, 2500.0].map { Signals.sineFrames($0, amplitude: 9_000, frames: 5) }
    var heard: [ParticipantID: [Int16]] = [:]
    for frame in 0..<5 {
      for i in 0..<3 { mixer.writeInput(tones[i][frame], for: ParticipantID(i + 1)) }
      mixer.mix()
      #expect(mixer.samples(for: 2) == tones[2][frame])
      #expect(mixer.samples(for: 3) == tones[1][frame])
      #expect(mixer.samples(for: 1) == Signals.narrow(Signals.sum([tones[1][frame], tones[2][frame]])))
      #expect(mixer.output(for: 1)?.isFullMix == true)
      for id: ParticipantID in [1, 2, 3] { heard[id, default: []] += mixer.samples(for: id) }
    }
    let muted = Signals.power(of: 440, in: tones[0].flatMap { $0 })
    #expect(Signals.power(of: 440, in: heard[2]!) < muted * 1e-4)
    #expect(Signals.power(of: 440, in: heard[3]!) < muted * 1e-4)
    #expect(Signals.power(of: 1000, in: heard[1]!) > muted * 0.9)
    #expect(Signals.power(of: 2500, in: heard[1]!) > muted * 0.9)

    try mixer.setMuted(false, for: 1)
    for i in 0..<3 { mixer.writeInput(tones[i][0], for: ParticipantID(i + 1)) }
    mixer.mix()
    #expect(mixer.samples(for: 2) == Signals.narrow(Signals.sum([tones[0][0], tones[2][0]])))
  }

  @Test("gain 0 is the same as mute")
  func zeroGain() throws {
    let mixer = Mixer()
    for id: ParticipantID in [1, 2] { try mixer.add(id) }
    try mixer.setGain(.zero, for: 1)
    mixer.writeInput(Signals.sineFrames(440, amplitude: 9_000, frames: 1)[0], for: 1)
    mixer.mix()
    #expect(mixer.distinctOutputCount == 1)
    #expect(mixer.samples(for: 2).allSatisfy { $0 == 0 })
  }

  @Test("bad gains and unknown participants throw")
  func badSettings() throws {
    let mixer = Mixer()
    try mixer.add(1)
    for gain in [-0.1, Float.nan, .infinity, 4] {
      let error = #expect(throws: MixerError.self) { try mixer.setGain(gain, for: 1) }
      guard case .invalidGain(let rejected) = error else {
        Issue.record("gain \(gain): \(String(describing: error))")
        continue
      }
      #expect(rejected == gain || (rejected.isNaN && gain.isNaN))
    }
    #expect(mixer.settings(of: 1)?.gain == .unity)
    #expect(throws: MixerError.unknownParticipant(9)) { try mixer.setGain(1, for: 9) }
    #expect(throws: MixerError.unknownParticipant(9)) { try mixer.setMuted(true, for: 9) }
    #expect(mixer.settings(of: 9) == nil)
  }
}
