import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyMedia
import ParleySandbox
import ParleyServer
import ParleyWhatsApp
import Testing

/// A WhatsApp caller bridged into a mixing room where a WebRTC participant (an agent) joins by SDP.
@Suite(.serialized) struct RoomBridgeTests {
  static var auth: HTTPFields { [.authorization: "Bearer \(ServerHarness.token)", .contentType: "application/json"] }

  @Test func aCallerMovedIntoARoomIsHeardByAnAgentWhoJoinsIt() async throws {
    let harness = try ServerHarness.start(policy: "accept")
    let id = "wacid.room-1"
    let (caller, active) = try await harness.answeredCall(id: id, from: "15557770006", app: .tone(frequency: 440))
    #expect(active)

    let probe = LatencyProbe(listenFrequency: 440)
    let agent = try harness.sandbox.makePhone(number: "agent", app: .probe(probe))
    let agentOffer = try agent.makeOffer()
    let (moved, joined) = try await harness.test { client in
      let moved = try await client.execute(
        uri: "/v1/calls/\(id)/room", method: .post, headers: Self.auth, body: ByteBuffer(string: #"{"room":"sales"}"#)
      ) { ($0.status, String(buffer: $0.body)) }
      let body = JSONValue.object(["sdp": .string(agentOffer)]).encoded()
      let joined = try await client.execute(
        uri: "/v1/rooms/sales/participants", method: .post, headers: Self.auth, body: ByteBuffer(bytes: body)
      ) { ($0.status, Array(buffer: $0.body)) }
      return (moved, joined)
    }
    #expect(moved.0 == .ok, "\(moved.1)")
    #expect(joined.0 == .created)
    let reply = try JSONValue.decode(joined.1)
    let answer = try #require(reply["sdp"]?.stringValue)
    #expect(reply["participant_id"]?.stringValue?.hasPrefix("p-") == true)
    try agent.receiveAnswer(answer)
    #expect(await agent.waitSecured(timeoutMilliseconds: 5_000))
    try await Task.sleep(for: .milliseconds(1_500))
    let heard = try #require(probe.report().dominantFrequency)
    #expect(abs(heard - 440) < 440 * 0.03, "the agent hears the caller's 440 Hz through the room: \(heard)")
    #expect(await harness.server.controller.call(id)?.app == "room:sales")
    agent.close()
    caller.close()
    await harness.stop()
  }
}
