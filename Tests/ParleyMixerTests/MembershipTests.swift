import ParleyMixer
import ParleyTesting
import Testing

@Suite("Joining, leaving, missing input")
struct MembershipTests {
  @Test("participants join and leave mid-stream")
  func joinAndLeave() throws {
    var generator = SeededGenerator(seed: 99)
    func frame() -> [Int16] { Signals.randomFrame(-5_000...5_000, using: &generator) }
    let mixer = Mixer(maximumParticipants: 3)
    try mixer.add(1)
    try mixer.add(2)
    let (a1, b1) = (frame(), frame())
    mixer.writeInput(a1, for: 1)
    mixer.writeInput(b1, for: 2)
    mixer.mix()
    #expect(mixer.samples(for: 1) == b1)

    // 3 joins between frames: no output until it is mixed, then it is in.
    try mixer.add(3)
    #expect(mixer.contains(3) && mixer.participantCount == 3)
    #expect(mixer.output(for: 3) == nil)
    #expect(mixer.output(for: 1) != nil)
    let (a2, b2, c2) = (frame(), frame(), frame())
    mixer.writeInput(a2, for: 1)
    mixer.writeInput(b2, for: 2)
    mixer.writeInput(c2, for: 3)
    mixer.mix()
    #expect(mixer.distinctOutputCount == 3)
    #expect(mixer.samples(for: 3) == Signals.narrow(Signals.sum([a2, b2])))
    #expect(mixer.samples(for: 1) == Signals.narrow(Signals.sum([b2, c2])))

    // 2 leaves after writing its frame: that frame is dropped with it.
    try mixer.setGain(0.25, for: 2)
    let (a3, b3, c3) = (frame(), frame(), frame())
    mixer.writeInput(a3, for: 1)
    mixer.writeInput(b3, for: 2)
    mixer.writeInput(c3, for: 3)
    #expect(mixer.remove(2))
    #expect(!mixer.remove(2))
    mixer.mix()
    #expect(mixer.output(for: 2) == nil)
    #expect(mixer.samples(for: 1) == c3)
    #expect(mixer.samples(for: 3) == a3)
    #expect(throws: MixerError.unknownParticipant(2)) { try mixer.setMuted(true, for: 2) }

    // 2 comes back (its old slot) with fresh settings; 4 does not fit.
    try mixer.add(2)
    #expect(mixer.settings(of: 2)! == (MixGain.unity, false))
    #expect(throws: MixerError.full(maximumParticipants: 3)) { try mixer.add(4) }
    #expect(throws: MixerError.participantExists(1)) { try mixer.add(1) }
    let b4 = frame()
    mixer.writeInput(b4, for: 2)
    mixer.mix()
    #expect(mixer.samples(for: 1) == b4)
    #expect(mixer.output(for: 1) == mixer.output(for: 3))
  }

  @Test("a participant without input this frame hears the full mix; its last frame is not reused")
  func missingInput() throws {
    let mixer = Mixer()
    for id: ParticipantID in [1, 2] { try mixer.add(id) }
    let a = Signals.sineFrames(440, amplitude: 9_000, frames: 2)
    let b = Signals.sineFrames(1000, amplitude: 9_000, frames: 2)
    mixer.writeInput(a[0], for: 1)
    mixer.writeInput(b[0], for: 2)
    mixer.mix()
    #expect(mixer.distinctOutputCount == 2)

    mixer.writeInput(a[1], for: 1)  // 2's jitter buffer has nothing this tick
    mixer.mix()
    #expect(mixer.distinctOutputCount == 2)
    #expect(mixer.output(for: 2) == MixOutput(index: 1, excluding: nil))
    #expect(mixer.samples(for: 2) == a[1])
    #expect(mixer.samples(for: 1).allSatisfy { $0 == 0 }, "2's previous frame must not be mixed again")

    mixer.mix()  // nobody this tick
    #expect(mixer.distinctOutputCount == 1)
    #expect(mixer.samples(for: 1).allSatisfy { $0 == 0 })
  }
}
