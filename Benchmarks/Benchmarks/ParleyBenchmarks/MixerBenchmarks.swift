import Benchmark
import Foundation
import ParleyMixer

/// One 20 ms tick of a 20-party room as a media worker runs it: copy each speaker's decoded frame
/// into the mixer, mix, hand each distinct output to the encoder (a copy here), and look up which
/// output each participant gets. Per-participant cost = tick / 20.
func mixerBenchmarks() {
  let participants = 20
  let framesPerParticipant = 25
  // Speech-like frames (two tones and noise), different for every participant and every frame.
  let frames: [[Int16]] = (0..<participants).map { participant in
    let low = 150 + 20 * Double(participant)
    let high = 1_100 + 70 * Double(participant)
    return (0..<framesPerParticipant * 960).map { index in
      let t = Double(index) / 48_000
      return Int16(4_000 * sin(2 * .pi * low * t) + 2_000 * sin(2 * .pi * high * t) + Double.random(in: -300...300))
    }
  }
  for speakers in [3, participants] {
    let name = speakers == participants ? "all speaking" : "\(speakers) speaking"
    Benchmark("Mix tick, 20 participants, \(name)", configuration: .allocationFree(scalingFactor: .kilo)) { benchmark in
      let mixer = Mixer(maximumParticipants: 64)
      let ids = (0..<participants).map { ParticipantID($0) }
      for id in ids { try mixer.add(id) }
      let encoderInput = UnsafeMutableBufferPointer<Int16>.allocate(capacity: mixer.frameSamples)
      defer { encoderInput.deallocate() }
      var frame = 0
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations {
        let offset = frame * 960
        for speaker in 0..<speakers {
          frames[speaker].withUnsafeBufferPointer { source in
            mixer.writeInput(for: ids[speaker]) { input in
              _ = input.update(fromContentsOf: UnsafeBufferPointer(rebasing: source[offset..<offset + 960]))
              return true
            }
          }
        }
        mixer.mix()
        for index in 0..<mixer.distinctOutputCount {
          mixer.withOutputSamples(at: index) { samples in _ = encoderInput.update(fromContentsOf: samples) }
          blackHole(encoderInput[0])
        }
        for id in ids { blackHole(mixer.output(for: id)?.index) }
        frame = (frame + 1) % framesPerParticipant
      }
    }
  }
}
