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
    let (answer, negotiated) = try Negotiation.answer(
      to: offer, local: try LegSupport.localParameters(for: leg, ssrc: 0x5151_5151, name: "interop"))
    #expect(answer.sdp.contains("a=setup:active\r\n"))
    #expect(!answer.sdp.contains("a=ice-lite"))
    #expect(negotiated.iceControlling && negotiated.dtlsRole == .client)
    #expect(negotiated.opusPayloadType == 111 && negotiated.telephoneEventPayloadType == 126)
    try peer.send(type: "answer", sdp: answer.sdp)
    try LegSupport.connect(leg, negotiated)
    try await exchangeTones(leg, side, peer, opus: 111, peerTone: 440)
  }

  @Test func parleyOffersAndIsTheDTLSServer() async throws {
    let side = try Side(opus: 111)
    let leg = try makeLeg(side, controlling: true)
    let offer = Negotiation.createOffer(
      local: try LegSupport.localParameters(for: leg, ssrc: 0x5151_5151, name: "interop"))
    #expect(offer.sdp.contains("a=setup:actpass\r\n"))
    let peer = try InteropPeer(root: Self.root, mode: .answer, tone: 660, seconds: 1.5)
    try peer.send(type: "offer", sdp: offer.sdp)
    let answer = try SDPAnswer(parsing: try peer.receiveSDP(type: "answer"))
    let negotiated = try Negotiation.applyAnswer(answer, to: offer)
    #expect(negotiated.dtlsRole == .server)
    try LegSupport.connect(leg, negotiated)
    try await exchangeTones(leg, side, peer, opus: negotiated.opusPayloadType, peerTone: 660)
  }
}
