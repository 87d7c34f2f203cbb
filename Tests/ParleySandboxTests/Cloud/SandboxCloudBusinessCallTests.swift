import ParleySandbox
import ParleyWhatsApp
import Synchronization
import Testing

/// Business-initiated calls: `connect`, the phone's answer, status webhooks and the settings that
/// forbid calling (whatsapp-calling.md §1.1, §1.3, §2.2–2.4, §4).
@Suite struct SandboxCloudBusinessCallTests {
  static let user = "15558880001"

  @Test(arguments: Layout.allCases) func connectRingsAnswersAndEnds(layout: Layout) async throws {
    let harness = CloudHarness()
    let phone = StubPhone()
    await harness.cloud.register(phone, number: Self.user, profile: PhoneProfile(pickUpAfterMilliseconds: 0))
    let client = harness.client(layout)
    let id = try await client.connect(to: Self.user, sdp: sampleSDP("offer"), bizOpaqueCallbackData: "camp-1")
    #expect(id.hasPrefix("wacid."))
    #expect(phone.offers.withLock { $0 } == [sampleSDP("offer")])
    #expect(await harness.waitForCall(id, state: .accepted)?.startTime != nil)
    try await client.terminate(callID: id)
    #expect(phone.closed == 1)

    let deliveries = await harness.drain()
    try SandboxCloudCallTests.expectSigned(deliveries, configuration: harness.configuration)
    let events = try harness.recorder.events()
    guard events.count == 4, case .status(let ringing) = events[0], case .connect(let connect) = events[1],
      case .status(let accepted) = events[2], case .terminate(let terminate) = events[3]
    else {
      Issue.record("expected RINGING, connect, ACCEPTED, terminate; got \(events)")
      return
    }
    #expect(ringing.status == "RINGING" && accepted.status == "ACCEPTED")
    #expect(ringing.recipientID == Self.user && accepted.bizOpaqueCallbackData == "camp-1")
    #expect(connect.direction == .businessInitiated && connect.to == Self.user)
    #expect(connect.sdpType == "answer" && connect.sdp == StubPhone.answerSDP)
    #expect(Set(events.compactMap(\.callID)) == [id])
    #expect(terminate.direction == .businessInitiated && terminate.startTime != nil)
    #expect(terminate.bizOpaqueCallbackData == "camp-1")
  }

  @Test func aDecliningUserRejectsTheCall() async throws {
    let harness = CloudHarness()
    let phone = StubPhone()
    let profile = PhoneProfile(pickUpAfterMilliseconds: 0, rejects: true)
    await harness.cloud.register(phone, number: Self.user, profile: profile)
    let id = try await harness.client(.meta).connect(to: Self.user, sdp: sampleSDP("offer"))
    #expect(await harness.waitForCall(id, state: .rejected) != nil)
    _ = await harness.drain()
    let events = try harness.recorder.events()
    let statuses = events.compactMap { if case .status(let s) = $0 { s.status } else { nil } }
    #expect(statuses == ["RINGING", "REJECTED"])
    guard case .terminate(let terminate) = events.last else {
      Issue.record("expected a terminate webhook last, got \(events)")
      return
    }
    #expect(terminate.startTime == nil && terminate.duration == nil)
    #expect(phone.closed == 1)
  }

  @Test func aConnectedCallResetsThePermissionRequestLimits() async throws {
    let harness = CloudHarness()
    await harness.cloud.register(StubPhone(), number: Self.user, profile: PhoneProfile(pickUpAfterMilliseconds: 0))
    let client = harness.client(.dialog360)
    _ = try await client.requestPermission(to: Self.user, text: nil)
    #expect(try await !client.permission(waID: Self.user).canRequestPermission)
    let id = try await client.connect(to: Self.user, sdp: sampleSDP("offer"))
    _ = await harness.waitForCall(id, state: .accepted)
    #expect(try await client.permission(waID: Self.user).canRequestPermission)
    _ = try await client.requestPermission(to: Self.user, text: nil)
  }

  @Test(arguments: Layout.allCases) func disabledCallingIs138000(layout: Layout) async throws {
    let harness = CloudHarness()
    await harness.cloud.register(StubPhone(), number: Self.user)
    let client = harness.client(layout)
    try await client.updateSettings(.object(["calling": .object(["status": .string("DISABLED")])]))
    let error = await graphError(code: 138000, status: 401) {
      try await client.connect(to: Self.user, sdp: sampleSDP("offer"))
    }
    #expect(error?.resolution == "Ensure API call to /settings is made and successful")
  }

  @Test(arguments: Layout.allCases) func enabledSIPBlocksTheCallingEndpoints(layout: Layout) async throws {
    let harness = CloudHarness()
    let id = await harness.cloud.placeUserCall(from: Self.user, phone: StubPhone(), offer: sampleSDP("phone"))
    let client = harness.client(layout)
    let sip: JSONValue = .object([
      "status": .string("ENABLED"), "servers": .array([.object(["hostname": .string("sip.example.com")])]),
    ])
    try await client.updateSettings(.object(["calling": .object(["sip": sip])]))
    await graphError(code: 131055, status: 400) { try await client.preAccept(callID: id, sdp: sampleSDP("ours")) }
    try await client.updateSettings(.object(["calling": .object(["sip": .object(["status": .string("DISABLED")])])]))
    try await client.preAccept(callID: id, sdp: sampleSDP("ours"))
  }
}
