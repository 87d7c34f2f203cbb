import Foundation
import ParleyDTLS
import ParleyJitter
import ParleyMedia
import ParleyNice
import ParleySDP
import ParleyTesting
import Synchronization
import Testing

/// The echo app on the media engine against aiortc playing a WhatsApp phone: the phone's own tone comes
/// back to it through Parley's ring, worker, jitter buffer, Opus decode and encode, over real UDP.
@Suite(.serialized) struct EchoInteropTests {
  @Test func aWhatsappCallerHearsThemselfThroughEcho() async throws {
    let peer = try InteropPeer(root: AiortcInteropTests.root, mode: .whatsappOffer, tone: 523, seconds: 2)
    let offer = try SDPOffer(parsing: try peer.receiveSDP(type: "offer"))
    let worker = MediaWorker(name: "echo-test")
    let events = Mutex<[TransportLeg.Event]>([])
    let leg = try MediaLeg(
      worker: worker, loop: NiceLoop(name: "echo-net"), context: AiortcInteropTests.context,
      ice: ICEAgentConfiguration(controlling: true, addresses: ["127.0.0.1"]),
      audio: LegAudioConfiguration(ssrc: 0x0EC0), app: .echo,
      onEvent: { event in events.withLock { $0.append(event) } })
    let (answer, negotiated) = try LegSupport.answer(offer, with: leg, ssrc: 0x0EC0, name: "echo")
    #expect(negotiated.dtlsRole == .client)
    try peer.send(type: "answer", sdp: answer.sdp)

    let result = try await peer.awaitResult()
    #expect(result.error == nil, "aiortc: \(result.error ?? "")")
    let heard = try #require(result.receivedFrequency)
    #expect(abs(heard - 523) < 523 * 0.02, "the caller heard \(heard) Hz")
    #expect(events.withLock { $0.contains { if case .secured = $0 { true } else { false } } })
    let statistics = leg.audio.jitter.statistics
    #expect(statistics.played > 50)
    leg.close()
    peer.waitForExit()
    worker.stop()
  }
}
