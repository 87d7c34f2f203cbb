import Foundation
import ParleyDTLS
import ParleyMedia
import ParleyNice
import ParleyRTP
import ParleySRTP
import ParleyTesting
import Synchronization
import Testing

/// Two Parley legs over real libnice UDP on 127.0.0.1, real DTLS, real SRTP, real Opus.
@Suite struct TransportLegTests {
  final class Side: Sendable {
    let events = Mutex<[TransportLeg.Event]>([])
    let sink: OpusRTPSink
    init() throws { sink = try OpusRTPSink(opus: PayloadType(rawValue: 111)!) }
    func secured() -> SRTPProtectionProfile? {
      events.withLock { $0.lazy.compactMap { if case .secured(let p) = $0 { p } else { nil } }.first }
    }
    func failure() -> String? {
      events.withLock { $0.lazy.compactMap { if case .failed(let reason) = $0 { reason } else { nil } }.first }
    }
  }

  static func wait(seconds: Double = 5, until condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
  }

  func makeLeg(_ loop: NiceLoop, _ context: DTLSContext, controlling: Bool, _ side: Side) throws -> TransportLeg {
    try TransportLeg(
      loop: loop, context: context,
      ice: ICEAgentConfiguration(controlling: controlling, addresses: ["127.0.0.1"]),
      onEvent: { event in side.events.withLock { $0.append(event) } },
      onRTP: { rtp in side.sink.receive(rtp) })
  }

  func connect(
    _ a: TransportLeg, role: DTLSRole, _ b: TransportLeg, expectFingerprintA: [UInt8]? = nil
  ) throws {
    try a.connect(
      role: role, remoteUfrag: b.localUfrag, remotePassword: b.localPassword, remoteCandidates: b.localCandidates,
      remoteFingerprint: b.localFingerprint)
    try b.connect(
      role: role == .client ? .server : .client, remoteUfrag: a.localUfrag, remotePassword: a.localPassword,
      remoteCandidates: a.localCandidates, remoteFingerprint: expectFingerprintA ?? a.localFingerprint)
  }

  @Test(arguments: [SRTPProtectionProfile.aes128CMHmacSHA1Tag80, .aeadAES128GCM])
  func twoLegsExchangeOpusBothWays(profile: SRTPProtectionProfile) async throws {
    let loop = NiceLoop(name: "leg-test")
    let contextA = try DTLSContext(certificate: try DTLSCertificate.generate(), profiles: [profile])
    let contextB = try DTLSContext(certificate: try DTLSCertificate.generate(), profiles: [profile])
    let sideA = try Side()
    let sideB = try Side()
    let legA = try makeLeg(loop, contextA, controlling: true, sideA)
    let legB = try makeLeg(loop, contextB, controlling: false, sideB)
    // A is the DTLS client (as Parley answering WhatsApp), B the server (as Parley offering).
    try connect(legA, role: .client, legB)
    #expect(await Self.wait { sideA.secured() != nil && sideB.secured() != nil })
    #expect(sideA.secured() == profile && sideB.secured() == profile)

    let toneA = try ToneRTPSource(frequency: 440, payloadType: PayloadType(rawValue: 111)!, ssrc: 0x1111)
    let toneB = try ToneRTPSource(frequency: 1000, payloadType: PayloadType(rawValue: 111)!, ssrc: 0x2222)
    async let playA: Void = toneA.play(seconds: 1) { legA.sendRTP($0) }
    async let playB: Void = toneB.play(seconds: 1) { legB.sendRTP($0) }
    _ = try await (playA, playB)
    #expect(await Self.wait(seconds: 1) { sideA.sink.packets >= 49 && sideB.sink.packets >= 49 })

    let heardByB = try #require(sideB.sink.dominantFrequency())
    let heardByA = try #require(sideA.sink.dominantFrequency())
    #expect(abs(heardByB - 440) < 440 * 0.02)
    #expect(abs(heardByA - 1000) < 1000 * 0.02)
    #expect(legA.counters.rtpSent == 50 && legB.counters.rtpReceived == 50)
    #expect(legB.counters.authenticationFailures == 0)
    legA.close()
    #expect(await Self.wait { sideB.events.withLock { $0.contains(.closed) } })
    legB.close()
  }

  @Test func aPeerWhoseCertificateDoesNotMatchItsSDPFailsTheLeg() async throws {
    let loop = NiceLoop(name: "leg-mismatch")
    let context = try DTLSContext(certificate: try DTLSCertificate.generate())
    let sideA = try Side()
    let sideB = try Side()
    let legA = try makeLeg(loop, context, controlling: true, sideA)
    let legB = try makeLeg(
      loop, try DTLSContext(certificate: try DTLSCertificate.generate()), controlling: false, sideB)
    // B believes A's fingerprint is something else.
    try connect(legA, role: .client, legB, expectFingerprintA: [UInt8](repeating: 7, count: 32))
    #expect(await Self.wait { sideB.failure() != nil })
    #expect(sideB.failure()?.contains("fingerprint") == true)
    #expect(sideB.secured() == nil)
    legA.close()
    legB.close()
  }
}
