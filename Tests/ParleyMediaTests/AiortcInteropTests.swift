import Foundation
import ParleyDTLS
import ParleyMedia
import ParleyNice
import ParleyRTP
import ParleySDP
import ParleyTesting
import Synchronization
import Testing

/// Parley against aiortc — an independent WebRTC stack from PyPI — over real UDP on 127.0.0.1:
/// ICE, DTLS in both roles, SRTP and Opus both ways, with the received tones checked.
@Suite(.serialized) struct AiortcInteropTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let context = try! DTLSContext(certificate: try! DTLSCertificate.generate())

  final class Side: Sendable {
    let events = Mutex<[TransportLeg.Event]>([])
    let sink: OpusRTPSink
    init(opus: UInt8) throws { sink = try OpusRTPSink(opus: PayloadType(rawValue: opus)!) }
    var secured: Bool { events.withLock { $0.contains { if case .secured = $0 { true } else { false } } } }
  }

  func makeLeg(_ side: Side, controlling: Bool) throws -> TransportLeg {
    try TransportLeg(
      loop: NiceLoop(name: "interop"), context: Self.context,
      ice: ICEAgentConfiguration(controlling: controlling, addresses: ["127.0.0.1"]),
      onEvent: { event in side.events.withLock { $0.append(event) } },
      onRTP: { side.sink.receive($0) })
  }

  func localParameters(for leg: TransportLeg) throws -> LocalMediaParameters {
    let candidates = try leg.localCandidates.enumerated().map { index, candidate in
      ICECandidate.host(address: try IPAddress(parsing: candidate.address), port: candidate.port, index: index)
    }
    return try LocalMediaParameters(
      iceUfrag: leg.localUfrag, icePwd: leg.localPassword, fingerprintSHA256: leg.localFingerprint,
      candidates: candidates, ssrc: 0x5151_5151, cname: "parleyinterop", streamID: "parley", trackID: "audio",
      sessionID: 12_345)
  }

  func connect(_ leg: TransportLeg, _ negotiated: NegotiatedAudio) throws {
    let remote = negotiated.remoteCandidates.compactMap { candidate -> ICECandidateInfo? in
      guard candidate.transport == .udp, case .ip(let address) = candidate.address else { return nil }
      return ICECandidateInfo(
        foundation: candidate.foundation, priority: candidate.priority, address: address.description,
        port: candidate.port, kind: ICECandidateInfo.Kind(rawValue: candidate.type.rawValue) ?? .host)
    }
    try leg.connect(
      role: negotiated.dtlsRole == .client ? .client : .server, remoteUfrag: negotiated.remoteICEUfrag,
      remotePassword: negotiated.remoteICEPwd, remoteCandidates: remote,
      remoteFingerprint: negotiated.remoteFingerprint.bytes)
  }

  /// Sends Parley's tone until the peer reports what it heard, then checks both directions.
  func exchangeTones(
    _ leg: TransportLeg, _ side: Side, _ peer: InteropPeer, opus: UInt8, peerTone: Double
  ) async throws {
    let tone = try ToneRTPSource(frequency: 1000, payloadType: PayloadType(rawValue: opus)!, ssrc: 0x5151_5151)
    let playing = Task { try await tone.play(seconds: 15) { leg.sendRTP($0) } }
    let result = try await peer.awaitResult()
    playing.cancel()
    #expect(result.error == nil, "aiortc: \(result.error ?? "")")
    #expect(result.iceState == "completed")
    #expect(result.dtlsState == "connected")
    #expect(result.sendPayloadType == Int(opus))
    let heardByPeer = try #require(result.receivedFrequency)
    #expect(abs(heardByPeer - 1000) < 20, "aiortc heard \(heardByPeer) Hz")
    let heardByParley = try #require(side.sink.dominantFrequency())
    #expect(abs(heardByParley - peerTone) < peerTone * 0.02, "Parley heard \(heardByParley) Hz")
    #expect(side.sink.payloadTypes.contains(opus))
    #expect(leg.counters.authenticationFailures == 0)
    leg.close()
    peer.waitForExit()
  }

  @Test func whatsappShapedOfferAnsweredActive() async throws {
    let peer = try InteropPeer(root: Self.root, mode: .whatsappOffer, tone: 440, seconds: 1.5)
    let offer = try SDPOffer(parsing: try peer.receiveSDP(type: "offer"))
    #expect(offer.session.isICELite)
    let side = try Side(opus: 111)
    let leg = try makeLeg(side, controlling: true)
    let (answer, negotiated) = try Negotiation.answer(to: offer, local: try localParameters(for: leg))
    #expect(answer.sdp.contains("a=setup:active\r\n"))
    #expect(!answer.sdp.contains("a=ice-lite"))
    #expect(negotiated.iceControlling && negotiated.dtlsRole == .client)
    #expect(negotiated.opusPayloadType == 111 && negotiated.telephoneEventPayloadType == 126)
    try peer.send(type: "answer", sdp: answer.sdp)
    try connect(leg, negotiated)
    try await exchangeTones(leg, side, peer, opus: 111, peerTone: 440)
  }

  @Test func parleyOffersAndIsTheDTLSServer() async throws {
    let side = try Side(opus: 111)
    let leg = try makeLeg(side, controlling: true)
    let offer = Negotiation.createOffer(local: try localParameters(for: leg))
    #expect(offer.sdp.contains("a=setup:actpass\r\n"))
    let peer = try InteropPeer(root: Self.root, mode: .answer, tone: 660, seconds: 1.5)
    try peer.send(type: "offer", sdp: offer.sdp)
    let answer = try SDPAnswer(parsing: try peer.receiveSDP(type: "answer"))
    let negotiated = try Negotiation.applyAnswer(answer, to: offer)
    #expect(negotiated.dtlsRole == .server)
    try connect(leg, negotiated)
    try await exchangeTones(leg, side, peer, opus: negotiated.opusPayloadType, peerTone: 660)
  }
}
