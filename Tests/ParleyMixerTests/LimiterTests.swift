import ParleyTesting
import Testing

@testable import ParleyMixer

@Suite("Limiter")
struct LimiterTests {
  /// Checks that `output` is `truth` limited, not wrapped: never larger in magnitude, never of the
  /// other sign, and zero only where the true sum is tiny.
  func expectLimited(_ output: [Int16], truth: [Int32], _ comment: Comment) {
    var flips = 0
    var grown = 0
    for (out, sum) in zip(output, truth) {
      if (out > 0 && sum <= 0) || (out < 0 && sum >= 0) || (out == 0 && abs(sum) > 100) { flips += 1 }
      if abs(Int32(out)) > abs(sum) { grown += 1 }
    }
    #expect(flips == 0, "sign changed at \(flips) samples: \(comment)")
    #expect(grown == 0, "grew at \(grown) samples: \(comment)")
  }

  /// Three speakers and a listener; the speakers send `frames[i]` for participant i.
  func room() throws -> Mixer {
    let mixer = Mixer()
    for id: ParticipantID in [0, 1, 2, 3] { try mixer.add(id) }
    return mixer
  }

  @Test("three full-scale sines in phase: limited to full scale, no sign flips")
  func fullScaleSines() throws {
    let mixer = try room()
    let frames = Signals.sineFrames(440, amplitude: 32_767, frames: 10)
    var peak: Int16 = 0
    for frame in frames {
      for speaker in 0..<3 { mixer.writeInput(frame, for: ParticipantID(speaker)) }
      mixer.mix()
      let full = Signals.sum([frame, frame, frame])
      #expect(full.contains { $0 > Int32(Int16.max) }, "the true sum must not fit in 16 bits")
      let heard = mixer.samples(for: 3)
      expectLimited(heard, truth: full, "listener")
      peak = max(peak, heard.map { $0 == .min ? .max : abs($0) }.max()!)
      expectLimited(mixer.samples(for: 0), truth: Signals.sum([frame, frame]), "speaker")
    }
    #expect(peak >= 32_600)
  }

  @Test(
    "three loud square waves in phase: held at full scale, no sign flips",
    arguments: [(32_767, -32_768), (30_000, -30_000)] as [(Int16, Int16)])
  func loudSquares(high: Int16, low: Int16) throws {
    let mixer = try room()
    let square = (0..<960).map { n in (n / 54) % 2 == 0 ? high : low }
    for _ in 0..<5 {
      for speaker in 0..<3 { mixer.writeInput(square, for: ParticipantID(speaker)) }
      mixer.mix()
      let heard = mixer.samples(for: 3)
      expectLimited(heard, truth: Signals.sum([square, square, square]), "listener")
      // The hold outlasts a half period, so the gain stays put and every sample sits at full scale.
      #expect(heard.allSatisfy { abs(Int32($0)) >= 32_700 })
    }
  }

  @Test("after the loud part, the gain recovers and quiet audio passes bit-exact again")
  func release() throws {
    let mixer = try room()
    let loud = Signals.sineFrames(440, amplitude: 32_767, frames: 10)
    for frame in loud {
      for speaker in 0..<3 { mixer.writeInput(frame, for: ParticipantID(speaker)) }
      mixer.mix()
    }
    // Hold 10 ms, then ~9.5 dB at 200 dB/s: back to unity within 60 ms.
    let quiet = Signals.sineFrames(440, amplitude: 3_000, frames: 10, startFrame: 10)
    var listenerExact: [Bool] = []
    var speakerExact: [Bool] = []
    for frame in quiet {
      for speaker in 0..<3 { mixer.writeInput(frame, for: ParticipantID(speaker)) }
      mixer.mix()
      let truth = Signals.sum([frame, frame, frame])
      let heard = mixer.samples(for: 3)
      expectLimited(heard, truth: truth, "listener, quiet")
      listenerExact.append(heard == Signals.narrow(truth))
      let speakerTruth = Signals.sum([frame, frame])
      let speakerHeard = mixer.samples(for: 0)
      expectLimited(speakerHeard, truth: speakerTruth, "speaker, quiet")
      speakerExact.append(speakerHeard == Signals.narrow(speakerTruth))
    }
    #expect(!listenerExact[0] && !speakerExact[0], "the release should be gradual")
    #expect(listenerExact[3...].allSatisfy { $0 }, "\(listenerExact)")
    #expect(speakerExact[3...].allSatisfy { $0 }, "\(speakerExact)")
  }

  @Test("a listener who starts speaking keeps the limiter state of the mix it was hearing")
  func envelopeFollowsTheListener() throws {
    // Two identical rooms; in the second, listener 3 starts speaking (barely) at frame 5. Its
    // mix-minus is then the others' loud sum, which the first room's listener hears as the full mix.
    let rooms = [try room(), try room()]
    let loud = [440.0, 550.0, 660.0].map { Signals.sineFrames($0, amplitude: 30_000, frames: 8) }
    let whisper = [Int16](repeating: 1, count: 960)
    for frame in 0..<8 {
      for mixer in rooms {
        for speaker in 0..<3 { mixer.writeInput(loud[speaker][frame], for: ParticipantID(speaker)) }
      }
      if frame >= 5 { rooms[1].writeInput(whisper, for: 3) }
      for mixer in rooms { mixer.mix() }
      if frame >= 5 {
        #expect(rooms[1].output(for: 3)?.excluding == 3)
        #expect(rooms[1].samples(for: 3) == rooms[0].samples(for: 3), "frame \(frame)")
      }
    }
  }

  @Test("a single speaker at the extremes of 16 bits passes bit-exact")
  func extremesPassUnchanged() throws {
    let mixer = try room()
    var frame = Signals.sineFrames(1000, amplitude: 32_767, frames: 1)[0]
    frame[0] = .min
    frame[1] = .max
    let pair = (frame.map { $0 / 2 }, frame.map { $0 - $0 / 2 })  // sums back to `frame` exactly
    mixer.writeInput(frame, for: 0)
    mixer.mix()
    #expect(mixer.samples(for: 3) == frame)
    #expect(mixer.samples(for: 0) == [Int16](repeating: 0, count: 960))
    mixer.writeInput(pair.0, for: 1)
    mixer.writeInput(pair.1, for: 2)
    mixer.mix()
    #expect(mixer.samples(for: 3) == frame)
    #expect(mixer.samples(for: 1) == pair.1)
  }

  @Test("a lower threshold limits the output to it")
  func lowerThreshold() throws {
    let mixer = Mixer(limiter: LimiterConfiguration(threshold: 16_000))
    try mixer.add(1)
    try mixer.add(2)
    mixer.writeInput(Signals.sineFrames(440, amplitude: 20_000, frames: 1)[0], for: 1)
    mixer.mix()
    let heard = mixer.samples(for: 2)
    #expect(heard.max()! <= 16_000 && heard.max()! >= 15_900)
    #expect(heard.min()! >= -16_001)
  }

  @Test("release rate: 200 dB/s is 20 dB per 100 ms")
  func releaseRate() {
    let limiter = Limiter(LimiterConfiguration(), sampleRate: 48_000)
    var gain = 1.0
    for _ in 0..<4_800 { gain *= Double(limiter.releaseFactor) }
    #expect(abs(gain - 10) < 0.05)
    #expect(limiter.holdSamples == 480)
  }
}
