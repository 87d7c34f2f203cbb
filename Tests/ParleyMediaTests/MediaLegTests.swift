import Foundation
import ParleyDTLS
import ParleyJitter
import ParleyMedia
import ParleyNice
import ParleyRTP
import Synchronization
import Testing

/// Two legs on the media engine (rings, workers, jitter buffers, Opus, RTCP, DTMF) over real UDP on
/// 127.0.0.1.
@Suite struct MediaLegTests {
  final class Events: Sendable {
    let all = Mutex<[TransportLeg.Event]>([])
    func append(_ event: TransportLeg.Event) { all.withLock { $0.append(event) } }
    var secured: Bool { all.withLock { $0.contains { if case .secured = $0 { true } else { false } } } }
    var digits: [(Character, Int)] {
      all.withLock { $0.compactMap { if case .dtmf(let c, let d) = $0 { (c, d) } else { nil } } }
    }
  }

  @Test func legsCarryAudioRTCPAndDTMFBetweenWorkers() async throws {
    let loop = NiceLoop(name: "media-net")
    let workers = (MediaWorker(name: "media-a"), MediaWorker(name: "media-b"))
    let events = (Events(), Events())
    let context = try DTLSContext(certificate: try DTLSCertificate.generate())
    func leg(_ worker: MediaWorker, _ events: Events, controlling: Bool, ssrc: UInt32, tone: Double) throws -> MediaLeg
    {
      try MediaLeg(
        worker: worker, loop: loop, context: context,
        ice: ICEAgentConfiguration(controlling: controlling, addresses: ["127.0.0.1"]),
        audio: LegAudioConfiguration(ssrc: ssrc), app: .tone(frequency: tone), onEvent: { events.append($0) })
    }
    let a = try leg(workers.0, events.0, controlling: true, ssrc: 0xA, tone: 440)
    let b = try leg(workers.1, events.1, controlling: false, ssrc: 0xB, tone: 880)
    try a.connect(to: b, role: .client)

    try await Task.sleep(for: .milliseconds(300))
    #expect(events.0.secured && events.1.secured)
    a.sendDTMF(.digit5)
    a.sendDTMF(.pound)
    try await Task.sleep(for: .milliseconds(2_200))

    // The worker owns the legs' state: read it once they are closed.
    a.close()
    b.close()
    // Audio flowed both ways through the jitter buffers, with nothing lost on loopback.
    let (jitterA, jitterB) = (a.audio.jitter.statistics, b.audio.jitter.statistics)
    #expect(jitterA.played > 90 && jitterB.played > 90)
    #expect(jitterB.concealed <= 2)
    // RTCP: each side measured the round trip from the other's reports.
    let rtt = try #require(a.audio.roundTripTime)
    #expect(rtt >= 0 && rtt < 50_000, "rtt \(rtt) µs")
    #expect(b.audio.roundTripTime != nil)
    // DTMF: both digits arrived once each, with their 100 ms duration.
    let digits = events.1.digits
    #expect(digits.map(\.0) == ["5", "#"])
    #expect(digits.allSatisfy { (90...110).contains($0.1) })

    workers.0.stop()
    workers.1.stop()
  }

  @Test func aHeldLegKeepsSendingSilenceAndRTCP() async throws {
    let loop = NiceLoop(name: "held-net")
    let worker = MediaWorker(name: "held")
    let context = try DTLSContext(certificate: try DTLSCertificate.generate())
    func leg(controlling: Bool, ssrc: UInt32) throws -> MediaLeg {
      try MediaLeg(
        worker: worker, loop: loop, context: context,
        ice: ICEAgentConfiguration(controlling: controlling, addresses: ["127.0.0.1"]),
        audio: LegAudioConfiguration(ssrc: ssrc), app: .silence, onEvent: { _ in })
    }
    let held = try leg(controlling: true, ssrc: 0x51)
    let peer = try leg(controlling: false, ssrc: 0x52)
    try held.connect(to: peer, role: .client)
    let started = MonotonicClock.now()
    try await Task.sleep(for: .milliseconds(1_500))
    held.close()
    peer.close()
    let seconds = Double(MonotonicClock.now() - started) / 1_000_000
    // Nothing to say, yet a packet every 20 ms and RTCP every second: WhatsApp's no-media timer never fires.
    let counters = peer.counters
    #expect(
      Double(counters.rtpReceived) > (seconds - 0.3) * 50 * 0.9, "\(counters.rtpReceived) packets in \(seconds) s")
    #expect(counters.rtcpReceived >= 1)
    worker.stop()
  }
}
