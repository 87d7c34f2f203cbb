import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyMedia
import ParleySandbox
import ParleyServer
import ParleyWhatsApp
import Testing

/// `/webhook` over Hummingbird's router test mode: authentication, bad bodies, unknown events,
/// duplicates, and a brief calling-API outage.
@Suite(.serialized) struct WebhookHTTPTests {
  @Test func verificationHandshakeEchoesTheChallengeOnlyForTheRightToken() async throws {
    let harness = try ServerHarness.start()
    let (good, bad, body) = try await harness.test { client in
      let good = try await client.execute(
        uri: "/webhook?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=12345", method: .get
      ) { ($0.status, String(buffer: $0.body)) }
      let bad = try await client.execute(
        uri: "/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=12345", method: .get
      ) { $0.status }
      return (good.0, bad, good.1)
    }
    #expect(good == .ok && body == "12345")
    #expect(bad == .forbidden)
    await harness.stop()
  }

  @Test func signaturesGoodBadAndMissing() async throws {
    let harness = try ServerHarness.start()
    let body = Array(try String(contentsOf: Fixtures.url("webhook-status-ringing.json"), encoding: .utf8).utf8)
    let statuses = try await harness.test { client in
      let good = try await ServerHarness.postWebhook(client, body)
      let bad = try await ServerHarness.postWebhook(
        client, body, signature: "sha256=" + String(repeating: "0", count: 64))
      let tampered = try await ServerHarness.postWebhook(
        client, body + [32], signature: WebhookSignature.sign(body, secret: ServerHarness.secret))
      let missing = try await client.execute(uri: "/webhook", method: .post, body: ByteBuffer(bytes: body)) {
        $0.status
      }
      return [good, bad, tampered, missing]
    }
    #expect(statuses == [.ok, .forbidden, .forbidden, .unauthorized])
    await harness.stop()
  }

  @Test func malformedOversizedAndUnknownBodies() async throws {
    let harness = try ServerHarness.start()
    let unknown = Array(
      #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"message_template_status_update","value":{"event":"APPROVED"}}]}]}"#
        .utf8)
    let statuses = try await harness.test { client in
      [
        try await ServerHarness.postWebhook(client, Array("{not json".utf8)),
        try await ServerHarness.postWebhook(client, Array(#"{"object":"page","entry":[]}"#.utf8)),
        try await ServerHarness.postWebhook(client, [UInt8](repeating: 32, count: 100 * 1024)),
        try await ServerHarness.postWebhook(client, unknown),
      ]
    }
    #expect(statuses == [.badRequest, .badRequest, .contentTooLarge, .ok])
    #expect(await harness.server.controller.list().isEmpty)
    await harness.stop()
  }

  @Test func aRepeatedConnectIsAnsweredOnce() async throws {
    let harness = try ServerHarness.start()
    let id = "wacid.duplicate-1"
    let (phone, offer) = try await harness.expectCall(id: id, from: "15557770002", app: .silence)
    let body = ServerHarness.connectBody(callID: id, offer: offer)
    let statuses = try await harness.test { client in
      [try await ServerHarness.postWebhook(client, body), try await ServerHarness.postWebhook(client, body)]
    }
    #expect(statuses == [.ok, .ok])
    #expect(await harness.eventually { await harness.server.controller.call(id)?.state == "active" })
    try await Task.sleep(for: .milliseconds(200))
    let actions = await harness.sandbox.cloud.requests.filter { $0.callID == id }.compactMap(\.action)
    #expect(actions == ["pre_accept", "accept"])
    #expect(await harness.server.controller.list().count == 1)
    // Graceful shutdown (drain 0 s): the live call is terminated through the calling API.
    await harness.stop()
    let after = await harness.sandbox.cloud.requests.filter { $0.callID == id }.compactMap(\.action)
    #expect(after == ["pre_accept", "accept", "terminate"])
    #expect(await harness.server.controller.call(id)?.endReason == "shutdown")
    phone.close()
  }

  @Test func aWebhookAnsweredDuringAnAPIOutageIsStillActedOn() async throws {
    let harness = try ServerHarness.start()
    let id = "wacid.outage-1"
    let (phone, offer) = try await harness.expectCall(id: id, from: "15557770003", app: .silence)
    await harness.sandbox.cloud.failNext(
      "pre_accept", with: GraphError(httpStatus: 503, code: 2, message: "Service temporarily unavailable"), times: 2)
    let status = try await harness.test { client in
      try await ServerHarness.postWebhook(client, ServerHarness.connectBody(callID: id, offer: offer))
    }
    #expect(status == .ok)
    #expect(await harness.eventually { await harness.server.controller.call(id)?.state == "active" })
    let attempts = await harness.sandbox.cloud.requests.filter { $0.callID == id }.map {
      "\($0.action ?? "?") \($0.status)"
    }
    #expect(attempts == ["pre_accept 503", "pre_accept 503", "pre_accept 200", "accept 200"])
    phone.close()
    await harness.stop()
  }

  @Test func aTerminateBeforeItsConnectMeansTheConnectIsIgnored() async throws {
    let harness = try ServerHarness.start()
    let id = "wacid.reordered-1"
    let (phone, offer) = try await harness.expectCall(id: id, from: "15557770004", app: .silence)
    let terminate = WebhookBody.terminate(
      CallTerminate(callID: id, direction: .userInitiated, timestamp: 1_750_000_005, status: "FAILED"),
      from: "15557770004", to: "15550000000", wabaID: "1", phoneNumberID: "100000000000001",
      displayPhoneNumber: "15550000000")
    _ = try await harness.test { client in
      _ = try await ServerHarness.postWebhook(client, terminate)
      try await Task.sleep(for: .milliseconds(100))
      return try await ServerHarness.postWebhook(client, ServerHarness.connectBody(callID: id, offer: offer))
    }
    try await Task.sleep(for: .milliseconds(300))
    #expect(await harness.sandbox.cloud.requests.filter { $0.callID == id }.isEmpty, "no pre_accept for a dead call")
    phone.close()
    await harness.stop()
  }
}

enum Fixtures {
  static func url(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures").appendingPathComponent(name)
  }
}
