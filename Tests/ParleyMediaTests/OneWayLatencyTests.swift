import ParleyJitter
import ParleyMedia
import ParleyOpus
import Testing

/// Pulse matching and the codec's own delay, without a network.
@Suite struct OneWayLatencyTests {
  typealias Onset = LatencyProbe.Onset

  @Test func eachOnsetMatchesTheLastPulseBeforeItsArrivalOnce() {
    let pulses: [Int64] = [1_000_000, 1_500_000, 2_000_000]
    let onsets = [
      Onset(playout: 1_090_000, arrival: 1_040_000),  // pulse 1, 40 ms
      Onset(playout: 1_095_000, arrival: 1_045_000),  // pulse 1 again: ignored
      Onset(playout: 1_600_000, arrival: nil),  // concealed: no arrival
      Onset(playout: 2_080_000, arrival: 2_030_000),  // pulse 3, 30 ms
      Onset(playout: 900_000, arrival: 900_000),  // before any pulse
    ]
    let matched = OneWayLatency.match(pulses: pulses, onsets: onsets, codecDelay: 5_000)
    #expect(
      matched == [
        OneWayLatency(sentAt: 1_000_000, milliseconds: 35), OneWayLatency(sentAt: 2_000_000, milliseconds: 25),
      ])
  }

  @Test func anOnsetTooLongAfterEveryPulseIsNotMatched() {
    let matched = OneWayLatency.match(
      pulses: [0], onsets: [Onset(playout: 0, arrival: 450_000)], codecDelay: 0, window: 400_000)
    #expect(matched.isEmpty)
  }

  @Test func theCodecDelayIsOpusLookaheadAndStable() throws {
    let whatsApp = OpusEncoderConfiguration(
      bitrate: 20_000, inbandFEC: true, discontinuousTransmission: false, maxBandwidth: .wideband)
    let first = try #require(try LatencyProbe.codecDelay(of: whatsApp))
    let second = try #require(try LatencyProbe.codecDelay(of: whatsApp))
    print("codec delay (WhatsApp's encoder settings, 48 kHz decode): \(Double(first) / 1000) ms")
    // Opus at 48 kHz delays by 6.5 ms (2.5 ms of MDCT overlap and 4 ms of lookahead); the probe times an
    // onset to within a detection window (2.5 ms).
    #expect((3_000...12_000).contains(first), "\(first) µs")
    #expect(first == second)
  }

  @Test func theJitterBufferHandsOutEachPacketsArrivalTime() {
    let buffer = JitterBuffer()
    let payload = [UInt8](repeating: 1, count: 40)
    var arrivals: [UInt16: Int64] = [:]
    var played: [UInt16: Int64] = [:]
    var next = 0
    // Packets every 20 ms with 0–2 ms of jitter; the receiver ticks every 20 ms, 10 ms out of phase.
    for tick in 0..<60 {
      let now = Int64(tick) * 20_000 + 10_000
      while next < 50, Int64(next) * 20_000 + Int64(next % 3) * 1_000 <= now {
        let arrival = Int64(next) * 20_000 + Int64(next % 3) * 1_000
        payload.withUnsafeBytes { bytes in
          _ = buffer.insert(
            sequenceNumber: UInt16(next), timestamp: UInt32(next * 960), arrival: arrival, payload: bytes)
        }
        arrivals[UInt16(next)] = arrival
        next += 1
      }
      if case .play(let slot) = buffer.nextDecision(now: now) { played[slot.sequenceNumber] = slot.arrival }
    }
    #expect(played.count >= 45, "\(played.count) played")
    #expect(played.allSatisfy { arrivals[$0.key] == $0.value })
  }
}
