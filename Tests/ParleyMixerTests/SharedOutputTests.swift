import ParleyMixer
import Testing

@Suite("Shared outputs")
struct SharedOutputTests {
  @Test("5 participants, 2 speaking: 3 distinct outputs, all silent listeners on one")
  func twoSpeakersOfFive() throws {
    let mixer = Mixer()
    let ids: [ParticipantID] = [1, 2, 3, 4, 5]
    for id in ids { try mixer.add(id) }
    try mixer.setMuted(true, for: 5)
    let a = Signals.sineFrames(440, amplitude: 9_000, frames: 1)[0]
    let b = Signals.sineFrames(1000, amplitude: 9_000, frames: 1)[0]
    mixer.writeInput(a, for: 1)
    mixer.writeInput(b, for: 2)
    // 3 writes nothing (jitter buffer waiting), 4 writes digital silence, 5 is muted, and a body that
    // says it has nothing counts as nothing even though it scribbled on the buffer.
    mixer.writeInput([Int16](repeating: 0, count: 960), for: 4)
    mixer.writeInput(a, for: 5)
    mixer.writeInput(for: 3) { buffer in
      buffer.update(repeating: 1_234)
      return false
    }
    mixer.mix()

    #expect(mixer.distinctOutputCount == 3)
    let outputs = ids.map { mixer.output(for: $0)! }
    #expect(Set(outputs.map(\.index)) == [0, 1, 2])
    #expect(outputs[0] == MixOutput(index: 0, excluding: 1))
    #expect(outputs[1] == MixOutput(index: 1, excluding: 2))
    for listener in outputs[2...] { #expect(listener == MixOutput(index: 2, excluding: nil)) }

    let full = Signals.narrow(Signals.sum([a, b]))
    #expect(mixer.withOutputSamples(at: 2) { Array($0) } == full)
    #expect(mixer.withOutputSamples(at: 0) { Array($0) } == b)
    #expect(mixer.withOutputSamples(at: 1) { Array($0) } == a)
    for id in ids[2...] { #expect(mixer.samples(for: id) == full) }
  }

  @Test("everyone speaking: one output each and no full mix to encode")
  func everyoneSpeaks() throws {
    let mixer = Mixer()
    for id: ParticipantID in [1, 2, 3] { try mixer.add(id) }
    for id: ParticipantID in [1, 2, 3] {
      mixer.writeInput(Signals.sineFrames(Double(id.rawValue) * 300, amplitude: 5_000, frames: 1)[0], for: id)
    }
    mixer.mix()
    #expect(mixer.distinctOutputCount == 3)
    #expect(Set([1, 2, 3].map { mixer.output(for: ParticipantID($0))!.index }) == [0, 1, 2])
  }

  @Test("nobody speaking: one silent output shared by all; an empty mixer has none")
  func nobodySpeaks() throws {
    let mixer = Mixer()
    mixer.mix()
    #expect(mixer.distinctOutputCount == 0)
    for id: ParticipantID in [1, 2, 3] { try mixer.add(id) }
    mixer.mix()
    #expect(mixer.distinctOutputCount == 1)
    for id: ParticipantID in [1, 2, 3] {
      #expect(mixer.output(for: id) == MixOutput(index: 0, excluding: nil))
      #expect(mixer.samples(for: id).allSatisfy { $0 == 0 })
    }
  }

  @Test("a lone speaker hears silence; everyone else hears it")
  func loneSpeaker() throws {
    let mixer = Mixer()
    for id: ParticipantID in [1, 2, 3] { try mixer.add(id) }
    let a = Signals.sineFrames(440, amplitude: 9_000, frames: 1)[0]
    mixer.writeInput(a, for: 2)
    mixer.mix()
    #expect(mixer.distinctOutputCount == 2)
    #expect(mixer.samples(for: 2).allSatisfy { $0 == 0 })
    #expect(mixer.samples(for: 1) == a)
    #expect(mixer.output(for: 1) == mixer.output(for: 3))
  }
}
