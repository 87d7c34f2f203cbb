import Foundation
import ParleyDTLS
import ParleyMedia
import ParleyNice
import ParleySDP
import ParleyTesting
import Synchronization
import Testing

/// A real mixing room over loopback: three aiortc peers, each sending its own tone, join one room;
/// each must hear the other two tones and not its own (mix-minus).
@Suite(.serialized) struct RoomInteropTests {
  static let tones: [Double] = [440, 700, 1_100]

  @Test func eachPeerHearsTheOthersAndNotItself() async throws {
    let worker = MediaWorker(name: "room-test")
    let loop = NiceLoop(name: "room-net")
    let room = try Room(name: "test", worker: worker)
    worker.add(room)
    // Start the three phones at once (Python takes a moment to start), then answer each.
    let peers = try Self.tones.map { tone in
      try InteropPeer(
        root: AiortcInteropTests.root, mode: .whatsappOffer, tone: tone, seconds: 2.5, reportFrequencies: Self.tones)
    }
    var legs: [MediaLeg] = []
    let securedCount = Mutex(0)
    for (index, peer) in peers.enumerated() {
      let offer = try SDPOffer(parsing: try peer.receiveSDP(type: "offer"))
      let leg = try MediaLeg(
        worker: worker, loop: loop, context: AiortcInteropTests.context,
        ice: ICEAgentConfiguration(controlling: true, addresses: ["127.0.0.1"]),
        audio: LegAudioConfiguration(ssrc: UInt32(0x700 + index)), app: .room,
        onEvent: { event in if case .secured = event { securedCount.withLock { $0 += 1 } } })
      // Like a WhatsApp call before `accept`: nothing is sent until everyone is connected, so each
      // phone's recording (which starts with the first frame it gets) covers the whole room.
      leg.setSending(false)
      let (answer, _) = try LegSupport.answer(offer, with: leg, ssrc: UInt32(0x700 + index), name: "room\(index)")
      try peer.send(type: "answer", sdp: answer.sdp)
      legs.append(leg)
    }
    let deadline = MonotonicClock.now() + 10_000_000
    while securedCount.withLock({ $0 }) < legs.count, MonotonicClock.now() < deadline {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(securedCount.withLock { $0 } == legs.count)
    for leg in legs { room.join(leg) }
    try await Task.sleep(for: .milliseconds(100))
    for leg in legs { leg.setSending(true) }
    for (index, peer) in peers.enumerated() {
      let result = try await peer.awaitResult()
      #expect(result.error == nil, "peer \(index): \(result.error ?? "")")
      let floor = try #require(result.noiseFloor)
      let own = try #require(result.levels[Self.tones[index]])
      print(
        "room peer \(index) (\(Self.tones[index]) Hz): levels \(result.levels.sorted { $0.key < $1.key }), floor \(floor)"
      )
      for (other, tone) in Self.tones.enumerated() where other != index {
        let level = try #require(result.levels[tone])
        #expect(level > floor + 25, "peer \(index) hears \(tone) Hz at \(level) dB (floor \(floor))")
        #expect(level > own + 20, "peer \(index): \(tone) Hz at \(level) dB, own tone at \(own) dB")
      }
    }
    for leg in legs { leg.close() }
    for peer in peers { peer.waitForExit() }
    worker.remove(room)
    worker.stop()
  }
}
