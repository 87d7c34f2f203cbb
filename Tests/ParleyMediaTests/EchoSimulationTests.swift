import ParleyJitter
import ParleyMedia
import ParleyRTP
import ParleyTesting
import Testing

/// The echo app's media path on simulated time: a phone's tone crosses a virtual uplink (seeded loss,
/// jitter, reorder), Parley's leg plays it out through its jitter buffer (decode, PLC/FEC), encodes it
/// back, and the phone decodes what returns. Real Opus, no sockets, no clock: seconds of call in
/// milliseconds.
@Suite struct EchoSimulationTests {
  struct Outcome {
    var heardFrequency: Double?
    var parley: JitterStatistics
    var delaysDuringImpairment: [Int64]
    var linkLost: Int
  }

  func simulate(seconds: Int, uplink schedule: LinkSchedule, seed: UInt64, impairedFrom: Int64 = 0) throws -> Outcome {
    let tone = try ToneRTPSource(frequency: 440, payloadType: PayloadType(rawValue: 111)!, ssrc: 0xAAAA)
    let parley = try LegAudio(configuration: LegAudioConfiguration(ssrc: 0xBBBB))
    let phone = try LegAudio(configuration: LegAudioConfiguration(ssrc: 0xCCCC))
    var uplink = VirtualLink<[UInt8]>(seed: seed, schedule: schedule)
    var downlink = VirtualLink<[UInt8]>(seed: seed &+ 1)
    var heard: [Int16] = []
    var delays: [Int64] = []
    var pcm = [Int16](repeating: 0, count: 960)
    var packet = [UInt8](repeating: 0, count: 1500)
    for step in 0..<(seconds * 50) {
      let now = Int64(step) * 20_000
      uplink.send(try tone.nextPacket(), at: now)
      uplink.deliver(until: now) { bytes, arrival in bytes.withUnsafeBytes { parley.receiveRTP($0, arrival: arrival) } }
      // Parley's tick: the echo app plays what it decoded straight back.
      let length = try pcm.withUnsafeMutableBufferPointer { frame in
        _ = parley.decodeFrame(now: now, into: frame)
        return try packet.withUnsafeMutableBytes { try parley.encodeFrame(UnsafeBufferPointer(frame), into: $0) }
      }
      downlink.send(Array(packet[0..<length]), at: now)
      downlink.deliver(until: now) { bytes, arrival in bytes.withUnsafeBytes { phone.receiveRTP($0, arrival: arrival) }
      }
      pcm.withUnsafeMutableBufferPointer { _ = phone.decodeFrame(now: now, into: $0) }
      heard.append(contentsOf: pcm)
      if now >= impairedFrom { delays.append(parley.jitter.statistics.currentDelay) }
    }
    let tail = heard.suffix(48_000)  // the last second
    return Outcome(
      heardFrequency: ToneAnalysis.dominantFrequency(in: tail.prefix(24_000), sampleRate: 48_000, step: 1),
      parley: parley.jitter.statistics, delaysDuringImpairment: delays, linkLost: uplink.statistics.lost)
  }

  @Test func aCleanCallEchoesTheToneWithNothingConcealed() throws {
    let outcome = try simulate(seconds: 10, uplink: LinkSchedule(LinkConditions(baseDelay: 30_000)), seed: 1)
    #expect(abs((outcome.heardFrequency ?? 0) - 440) < 9)
    #expect(outcome.parley.concealed == 0 && outcome.parley.recoveredWithFEC == 0)
    #expect(outcome.parley.played >= 495)
    #expect(outcome.parley.currentDelay <= 40_000)
  }

  @Test func jitterAndLossAreConcealedNearTheLossRate() throws {
    let impaired = LinkConditions(baseDelay: 30_000, jitter: .uniform(maximum: 40_000), loss: 0.05)
    let outcome = try simulate(seconds: 20, uplink: LinkSchedule(impaired), seed: 7, impairedFrom: 2_000_000)
    let frames = Double(outcome.parley.played + outcome.parley.concealed + outcome.parley.recoveredWithFEC)
    let made = Double(outcome.parley.concealed + outcome.parley.recoveredWithFEC)
    let lossRate = Double(outcome.linkLost) / 1_000
    #expect(made / frames < lossRate * 1.5 + 0.02, "made up \(made) of \(frames) frames, link lost \(outcome.linkLost)")
    #expect(outcome.parley.recoveredWithFEC > 0)
    let sorted = outcome.delaysDuringImpairment.sorted()
    let p95 = sorted[sorted.count * 95 / 100]
    #expect(p95 < 80_000, "p95 buffer delay \(p95) µs")
    #expect(abs((outcome.heardFrequency ?? 0) - 440) < 9)
  }
}
