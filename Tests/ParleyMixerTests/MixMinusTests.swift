import ParleyMixer
import ParleyTesting
import Testing

@Suite("Mix-minus")
struct MixMinusTests {
  @Test("each speaker hears exactly the sum of the others' tones, and not its own")
  func tones() throws {
    let mixer = Mixer()
    let ids: [ParticipantID] = [1, 2, 3]
    let frequencies = [440.0, 1000.0, 2500.0]
    for id in ids { try mixer.add(id) }
    let tones = frequencies.map { Signals.sineFrames($0, amplitude: 9_000, frames: 10) }
    var heard = [[Int16]](repeating: [], count: 3)
    for frame in 0..<10 {
      for (i, id) in ids.enumerated() { mixer.writeInput(tones[i][frame], for: id) }
      mixer.mix()
      #expect(mixer.distinctOutputCount == 3)
      for (i, id) in ids.enumerated() {
        let others = (0..<3).filter { $0 != i }.map { tones[$0][frame] }
        let output = mixer.samples(for: id)
        #expect(output == Signals.narrow(Signals.sum(others)), "frame \(frame), \(id)")
        #expect(mixer.output(for: id) == MixOutput(index: i, excluding: id))
        heard[i] += output
      }
    }
    for (i, frequency) in frequencies.enumerated() {
      let ownInInput = Signals.power(of: frequency, in: tones[i].flatMap { $0 })
      #expect(Signals.power(of: frequency, in: heard[i]) < ownInInput * 1e-4, "\(ids[i]) hears itself")
      for j in 0..<3 where j != i {
        let otherInInput = Signals.power(of: frequencies[j], in: tones[j].flatMap { $0 })
        #expect(Signals.power(of: frequencies[j], in: heard[i]) > otherInInput * 0.9)
      }
    }
  }

  @Test("random samples: every output is the exact integer sum of the others'")
  func randomSamples() throws {
    var generator = SeededGenerator(seed: 7)
    let mixer = Mixer()
    let ids: [ParticipantID] = [10, 20, 30]
    for id in ids { try mixer.add(id) }
    for _ in 0..<50 {
      let frames = ids.map { _ in Signals.randomFrame(-10_000...10_000, using: &generator) }
      for (i, id) in ids.enumerated() { mixer.writeInput(frames[i], for: id) }
      mixer.mix()
      for (i, id) in ids.enumerated() {
        let others = frames.indices.filter { $0 != i }.map { frames[$0] }
        #expect(mixer.samples(for: id) == Signals.narrow(Signals.sum(others)))
      }
    }
  }

  @Test("20 participants, random speakers and gains: outputs follow the contribution formula exactly")
  func randomRoom() throws {
    var generator = SeededGenerator(seed: 2024)
    let mixer = Mixer(maximumParticipants: 20)
    let ids = (0..<20).map { ParticipantID($0) }
    var gains = [MixGain](repeating: .unity, count: 20)
    for id in ids { try mixer.add(id) }
    for (i, id) in ids.enumerated() where i % 3 == 0 {
      gains[i] = MixGain(Float.random(in: 0.1...1.5, using: &generator))!
      try mixer.setGain(gains[i], for: id)
    }
    for tick in 0..<40 {
      var contributions: [Int: [Int32]] = [:]
      for (i, id) in ids.enumerated() where Int.random(in: 0..<4, using: &generator) == 0 {
        let frame = Signals.randomFrame(-1_000...1_000, using: &generator)
        mixer.writeInput(frame, for: id)
        contributions[i] = frame.map { gains[i].apply(to: $0) }
      }
      mixer.mix()
      var full = [Int32](repeating: 0, count: Signals.frameSamples)
      for contribution in contributions.values { for n in full.indices { full[n] += contribution[n] } }
      #expect(mixer.distinctOutputCount == contributions.count + (contributions.count < 20 ? 1 : 0), "tick \(tick)")
      for (i, id) in ids.enumerated() {
        let output = try #require(mixer.output(for: id))
        if let own = contributions[i] {
          #expect(output.excluding == id)
          #expect(mixer.samples(for: id) == Signals.narrow(zip(full, own).map { $0 - $1 }))
        } else {
          #expect(output.isFullMix && output.index == contributions.count)
          #expect(mixer.samples(for: id) == Signals.narrow(full))
        }
      }
    }
  }

  @Test("frame sizes other than 960 samples", arguments: [160, 320, 480, 1920])
  func frameSizes(frameSamples: Int) throws {
    var generator = SeededGenerator(seed: UInt64(frameSamples))
    let mixer = Mixer(frameSamples: frameSamples, maximumParticipants: 4)
    for id: ParticipantID in [1, 2, 3] { try mixer.add(id) }
    let a = Signals.randomFrame(-8_000...8_000, count: frameSamples, using: &generator)
    let b = Signals.randomFrame(-8_000...8_000, count: frameSamples, using: &generator)
    mixer.writeInput(a, for: 1)
    mixer.writeInput(b, for: 2)
    mixer.mix()
    #expect(mixer.samples(for: 1) == b)
    #expect(mixer.samples(for: 2) == a)
    #expect(mixer.samples(for: 3) == Signals.narrow(Signals.sum([a, b], count: frameSamples)))
  }
}
