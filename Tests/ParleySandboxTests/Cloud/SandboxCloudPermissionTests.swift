import Foundation
import ParleySandbox
import ParleyWhatsApp
import Synchronization
import Testing

/// Call permissions, permission-request messages and their limits (whatsapp-calling.md §1.2, §2.5, §4).
@Suite struct SandboxCloudPermissionTests {
  @Test(arguments: Layout.allCases) func permissionStatusOfRegisteredPhones(layout: Layout) async throws {
    let harness = CloudHarness()
    for (number, permission) in [("15550001", "temporary"), ("15550002", "permanent"), ("15550003", "no_permission")] {
      await harness.cloud.register(StubPhone(), number: number, profile: PhoneProfile(permission: permission))
    }
    let client = harness.client(layout)
    let now = Int64(Date().timeIntervalSince1970)
    let temporary = try await client.permission(waID: "15550001")
    #expect(temporary.permission.status == "temporary")
    let expiry = try #require(temporary.permission.expirationTime)
    #expect(abs(expiry - (now + 7 * 86_400)) < 60, "temporary permission lasts 7 days")
    #expect(temporary.canStartCall && temporary.canRequestPermission)
    let permanent = try await client.permission(waID: "15550002")
    #expect(permanent.permission == .init(status: "permanent", expirationTime: nil))
    #expect(permanent.canStartCall && !permanent.canRequestPermission, "138017 would follow")
    for number in ["15550003", "15559999"] {
      let none = try await client.permission(waID: number)
      #expect(none.permission.status == "no_permission", "\(number)")
      #expect(!none.canStartCall)
    }
  }

  @Test(arguments: Layout.allCases) func percentEncodedUserIDsAreDecoded(layout: Layout) async throws {
    let harness = CloudHarness()
    await harness.cloud.register(StubPhone(), number: "+15550004", profile: PhoneProfile(permission: "permanent"))
    #expect(try await harness.client(layout).permission(waID: "+15550004").permission.status == "permanent")
  }

  @Test(arguments: Layout.allCases) func connectToAnUnregisteredNumberIs138001(layout: Layout) async {
    let harness = CloudHarness()
    await graphError(code: 138001, status: 400) {
      try await harness.client(layout).connect(to: "15559999", sdp: sampleSDP("offer"))
    }
    #expect(await harness.cloud.allCalls.isEmpty)
  }

  @Test(arguments: Layout.allCases) func connectWithoutPermissionIs138006(layout: Layout) async {
    let harness = CloudHarness()
    let phone = StubPhone()
    await harness.cloud.register(phone, number: "15550003", profile: PhoneProfile(permission: "no_permission"))
    let error = await graphError(code: 138006, status: 401) {
      try await harness.client(layout).connect(to: "15550003", sdp: sampleSDP("offer"))
    }
    #expect(error?.resolution == "Trigger call permission request first")
    #expect(error?.description.contains("Trigger call permission request first") == true)
    #expect(phone.offers.withLock { $0.isEmpty }, "the phone never rang")
  }

  @Test(arguments: Layout.allCases) func permissionRequestsAreLimited(layout: Layout) async throws {
    let harness = CloudHarness()
    let user = "15550005"
    await harness.cloud.register(StubPhone(), number: user, profile: PhoneProfile(permission: "no_permission"))
    let client = harness.client(layout)
    let messageID = try await client.requestPermission(to: user, text: "May we call you about your order?")
    #expect(messageID.hasPrefix("wamid."))
    let state = try await client.permission(waID: user)
    #expect(state.permission.status == "temporary", "the phone granted it")
    #expect(!state.canRequestPermission)
    let daily = state.actions.first { $0.actionName == "send_call_permission_request" }?.limits?.first
    #expect(daily?.currentUsage == 1 && daily?.limitExpirationTime != nil)
    await graphError(code: 138009, status: 400) { try await client.requestPermission(to: user, text: nil) }

    let deliveries = await harness.drain()
    #expect(deliveries.count == 1)
    let events = try harness.recorder.events()
    guard case .permissionReply(let reply) = events.first else {
      Issue.record("expected a call_permission_reply, got \(events)")
      return
    }
    #expect(reply.from == user && reply.accepted && !reply.isPermanent)
    #expect(reply.contextID == messageID, "the reply answers the request")
    #expect(reply.expirationTimestamp == state.permission.expirationTime)
    #expect(reply.responseSource == "user_action")
  }

  @Test(arguments: Layout.allCases) func permanentPermissionRefusesRequests(layout: Layout) async {
    let harness = CloudHarness()
    await harness.cloud.register(StubPhone(), number: "15550002", profile: PhoneProfile(permission: "permanent"))
    await graphError(code: 138017, status: 400) {
      try await harness.client(layout).requestPermission(to: "15550002", text: nil)
    }
    #expect(await harness.drain().isEmpty, "no reply webhook")
  }

  @Test func aDeclinedRequestLeavesNoPermission() async throws {
    let harness = CloudHarness()
    let profile = PhoneProfile(permission: "no_permission", grantsPermission: false)
    await harness.cloud.register(StubPhone(), number: "15550006", profile: profile)
    let client = harness.client(.meta)
    _ = try await client.requestPermission(to: "15550006", text: nil)
    #expect(try await client.permission(waID: "15550006").permission.status == "no_permission")
    _ = await harness.drain()
    guard case .permissionReply(let reply) = try harness.recorder.events().first else {
      Issue.record("expected a call_permission_reply")
      return
    }
    #expect(!reply.accepted && reply.expirationTimestamp == nil)
  }
}
