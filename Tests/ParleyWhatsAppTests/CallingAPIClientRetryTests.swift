import ParleyWhatsApp
import Testing

@Suite struct CallingAPIClientRetryTests {
  let provider = CallingProvider.dialog360(apiKey: "KEY", baseURL: CallingProvider.defaultDialog360BaseURL)
  let success = #"{"success":true}"#
  let serverError = #"{"error":{"message":"Service unavailable","type":"OAuthException","code":2}}"#

  @Test func retriesIdempotentActionsWithBackoff() async throws {
    let transport = ScriptedTransport([
      .fail(CallingAPIError.timeout), .respond(503, serverError), .respond(200, success),
    ])
    let sleeper = SleepRecorder()
    let api = CallingAPIClient(provider: provider, transport: transport, sleep: sleeper.sleep)
    try await api.preAccept(callID: "wacid.1", sdp: "v=0\r\n")
    #expect(await transport.requests.count == 3)
    #expect(await sleeper.waits == [100, 200])
  }

  @Test func givesUpAfterTheLastAttempt() async {
    let transport = ScriptedTransport([
      .fail(SomeSocketError()), .fail(SomeSocketError()), .fail(SomeSocketError()), .respond(200, success),
    ])
    let sleeper = SleepRecorder()
    let api = CallingAPIClient(provider: provider, transport: transport, sleep: sleeper.sleep)
    await #expect(throws: CallingAPIError.transport("connection reset by peer")) {
      try await api.terminate(callID: "wacid.1")
    }
    #expect(await transport.requests.count == 3)
    #expect(await sleeper.waits == [100, 200])
  }

  @Test func retriesGetsAndSettingsPosts() async throws {
    let transport = ScriptedTransport([
      .respond(429, #"{"error":{"message":"rate","code":613}}"#), .respond(200, #"{"calling":{}}"#),
      .respond(502, "<html>bad gateway</html>"), .respond(200, success),
    ])
    let sleeper = SleepRecorder()
    let api = CallingAPIClient(provider: provider, transport: transport, sleep: sleeper.sleep)
    _ = try await api.settings()
    try await api.updateSettings(.object(["calling": .object([:])]))
    #expect(await transport.requests.count == 4)
    #expect(await sleeper.waits == [100, 100])
  }

  @Test func neverRetriesConnectMessagesOrWebhookRegistration() async {
    let sleeper = SleepRecorder()
    let transport = ScriptedTransport([
      .fail(CallingAPIError.timeout), .respond(500, serverError), .fail(SomeSocketError()),
    ])
    let api = CallingAPIClient(provider: provider, transport: transport, sleep: sleeper.sleep)
    await #expect(throws: CallingAPIError.timeout) { try await api.connect(to: "1", sdp: "v=0") }
    await #expect(throws: CallingAPIError.self) { try await api.requestPermission(to: "1", text: nil) }
    await #expect(throws: CallingAPIError.self) { try await api.registerWebhook(url: "https://x", headers: []) }
    #expect(await transport.requests.count == 3)
    #expect(await sleeper.waits.isEmpty)
  }

  @Test func doesNotRetryClientErrors() async {
    let transport = ScriptedTransport([
      .respond(401, #"{"error":{"message":"No permission","type":"OAuthException","code":138006,"fbtrace_id":"Ab"}}"#)
    ])
    let sleeper = SleepRecorder()
    let api = CallingAPIClient(provider: provider, transport: transport, sleep: sleeper.sleep)
    await #expect(
      throws: CallingAPIError.graph(
        GraphError(httpStatus: 401, code: 138006, message: "No permission", type: "OAuthException", fbtraceID: "Ab"))
    ) {
      try await api.accept(callID: "wacid.1", sdp: "v=0")
    }
    #expect(await transport.requests.count == 1)
    #expect(await sleeper.waits.isEmpty)
  }

  @Test func noneMeansOneTryAndBackoffIsCapped() async {
    let transport = ScriptedTransport([.fail(CallingAPIError.timeout), .respond(200, success)])
    let api = CallingAPIClient(provider: provider, transport: transport, retry: .none, sleep: { _ in })
    await #expect(throws: CallingAPIError.timeout) { try await api.reject(callID: "wacid.1") }
    #expect(await transport.requests.count == 1)
    let policy = RetryPolicy(attempts: 10)
    #expect((1...7).map(policy.backoffMilliseconds(afterTry:)) == [100, 200, 400, 800, 1600, 2000, 2000])
  }

  @Test func successFalseAndOddStatusesAreUnexpected() async {
    let transport = ScriptedTransport([.respond(200, #"{"success":false}"#), .respond(404, "Not Found")])
    let api = CallingAPIClient(provider: provider, transport: transport, sleep: { _ in })
    await #expect(throws: CallingAPIError.unexpectedResponse(status: 200, body: #"{"success":false}"#)) {
      try await api.reject(callID: "wacid.1")
    }
    await #expect(throws: CallingAPIError.unexpectedResponse(status: 404, body: "Not Found")) {
      try await api.reject(callID: "wacid.1")
    }
  }

  @Test func retryability() {
    #expect(CallingAPIError.timeout.isRetryable)
    #expect(CallingAPIError.transport("x").isRetryable)
    #expect(CallingAPIError.unexpectedResponse(status: 503, body: "").isRetryable)
    #expect(CallingAPIError.unexpectedResponse(status: 429, body: "").isRetryable)
    #expect(!CallingAPIError.unexpectedResponse(status: 404, body: "").isRetryable)
    #expect(!CallingAPIError.unsupported("x").isRetryable)
    #expect(CallingAPIError.graph(GraphError(httpStatus: 429, code: 138002, message: "")).isRetryable)
    #expect(!CallingAPIError.graph(GraphError(httpStatus: 400, code: 138003, message: "")).isRetryable)
    #expect(CallingAPIError.graph(GraphError(httpStatus: 400, code: 138003, message: "")).code == 138003)
    #expect(CallingAPIError.timeout.code == nil)
  }
}
