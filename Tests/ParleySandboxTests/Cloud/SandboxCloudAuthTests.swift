import ParleySandbox
import ParleyWhatsApp
import Testing

/// Who may use the emulated API: the configured 360dialog key, or Meta's bearer token and phone-number id.
@Suite struct SandboxCloudAuthTests {
  @Test func wrongAPIKeyIsATyped401() async {
    let harness = CloudHarness()
    let error = await graphError(code: 0, status: 401) {
      try await harness.client(.dialog360, apiKey: "wrong-key").settings()
    }
    #expect(error?.message.contains("D360-API-KEY") == true)
    let log = await harness.cloud.requests
    #expect(log.map(\.status) == [401])
    #expect(log.first?.path == "/calling/settings")
  }

  @Test func wrongBearerTokenIsOAuthError190() async {
    let harness = CloudHarness()
    await graphError(code: 190, status: 401) {
      try await harness.client(.meta, token: "stale-token").terminate(callID: "wacid.x")
    }
    await graphError(code: 190, status: 401) {
      try await harness.client(.meta, token: "stale-token").permission(waID: "15550001111")
    }
  }

  @Test func unknownPhoneNumberIDIsRejected() async {
    let harness = CloudHarness()
    let error = await graphError(code: 100, status: 400) {
      try await harness.client(.meta, phoneNumberID: "999999").settings()
    }
    #expect(error?.message.contains("999999") == true)
  }

  @Test(arguments: Layout.allCases) func rightCredentialsAreAccepted(layout: Layout) async throws {
    let harness = CloudHarness()
    let settings = try await harness.client(layout).settings()
    #expect(settings["calling"]?["status"]?.stringValue == "ENABLED")
    #expect(await harness.cloud.requests.map(\.status) == [200])
  }

  @Test(arguments: Layout.allCases) func unknownCallIDIsError100(layout: Layout) async {
    let harness = CloudHarness()
    await graphError(code: 100, status: 400) { try await harness.client(layout).reject(callID: "wacid.nope") }
  }
}
