import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyCall
import ParleyMedia
import ParleySandbox
import ParleyServer
import ParleyWhatsApp
import Testing

/// The business's app picks what a call does: at accept (policy `ask`), and later with `/play`.
@Suite(.serialized) struct LiveAppTests {
  @Test func acceptChoosesTheAppAndPlaySwitchesItLive() async throws {
    let harness = try ServerHarness.start(policy: "ask")
    let probe = LatencyProbe(listenFrequency: 660)
    let id = "wacid.live-app-1"
    let (phone, offer) = try await harness.expectCall(id: id, from: "15557770005", app: .probe(probe))
    _ = try await harness.test { client in
      try await ServerHarness.postWebhook(client, ServerHarness.connectBody(callID: id, offer: offer))
    }
    #expect(await harness.eventually { await harness.server.controller.call(id)?.state == "awaitingDecision" })
    _ = try await harness.server.controller.decide(id, .accept(app: "tone:660"))
    #expect(await harness.eventually { await harness.server.controller.call(id)?.state == "active" })
    try await Task.sleep(for: .milliseconds(1_200))
    let first = probe.report()
    let heard660 = try #require(first.dominantFrequency)
    #expect(abs(heard660 - 660) < 660 * 0.03, "the caller hears the app chosen at accept: \(heard660) Hz")

    let reply = try await harness.test { client in
      try await client.execute(
        uri: "/v1/calls/\(id)/play", method: .post,
        headers: [.authorization: "Bearer \(ServerHarness.token)", .contentType: "application/json"],
        body: ByteBuffer(string: #"{"app":"tone:880"}"#)
      ) { ($0.status, String(buffer: $0.body)) }
    }
    #expect(reply.0 == .ok, "\(reply.1)")
    try await Task.sleep(for: .milliseconds(1_200))
    let heard880 = try #require(probe.report().dominantFrequency)
    #expect(abs(heard880 - 880) < 880 * 0.03, "after /play the caller hears \(heard880) Hz")
    #expect(await harness.server.controller.call(id)?.app == "tone:880")
    phone.close()
    await harness.stop()
  }
}

/// Recording a live call: both files exist when the call ends, and the event says where.
@Suite(.serialized) struct LiveRecordingTests {
  @Test func aLiveCallIsRecordedUntilItEnds() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-rec-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let harness = try ServerHarness.start(policy: "accept", dataDirectory: directory)
    let id = "wacid.record-1"
    let (phone, active) = try await harness.answeredCall(id: id, from: "15557770007", app: .tone(frequency: 523))
    #expect(active)
    _ = try await harness.server.controller.startRecording(id, ogg: true, wav: true)
    await #expect(throws: ServerError.self) {
      _ = try await harness.server.controller.startRecording(id, ogg: true, wav: false)
    }
    try await Task.sleep(for: .milliseconds(1_000))
    _ = try await harness.server.controller.hangUp(id)
    #expect(
      await harness.eventually {
        harness.server.events.recentEvents.contains { $0.type == "call.recording.ready" }
      })
    let ogg = try #require(FileManager.default.contents(atPath: directory + "/wacid_record-1.ogg"))
    let wav = try #require(FileManager.default.contents(atPath: directory + "/wacid_record-1.wav"))
    #expect(ogg.prefix(4) == Data("OggS".utf8))
    #expect(wav.prefix(4) == Data("RIFF".utf8))
    #expect(wav.count > 44 + 48_000, "about a second of 48 kHz 16-bit audio: \(wav.count) bytes")
    phone.close()
    await harness.stop()
  }
}
