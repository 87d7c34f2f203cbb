import ParleySandbox
import ParleyWhatsApp
import Testing

/// `/calls` actions and the webhooks they cause (whatsapp-calling.md §1.1, §2.2–2.4), through the real
/// client in both layouts.
@Suite struct SandboxCloudCallTests {
  static let user = "15557770001"

  @Test(arguments: Layout.allCases) func preAcceptWithAnOfferIsError100(layout: Layout) async throws {
    let harness = CloudHarness()
    let phone = StubPhone()
    let id = await harness.cloud.placeUserCall(from: Self.user, phone: phone, offer: sampleSDP("phone"))
    let body =
      #"{"messaging_product":"whatsapp","call_id":"\#(id)","action":"pre_accept","#
      + #""session":{"sdp_type":"offer","sdp":"v=0\r\n"}}"#
    let response = try await harness.rawCallAction(layout, body)
    let error = try #require(GraphError.parse(status: response.status, body: response.body))
    #expect(error.httpStatus == 400 && error.code == 100)
    #expect(error.message.contains("answer"))
    #expect(phone.answers.isEmpty)
    #expect(await harness.cloud.call(id)?.state == .ringing)
  }

  @Test(arguments: Layout.allCases) func acceptMustRepeatThePreAcceptSDP(layout: Layout) async throws {
    let harness = CloudHarness()
    let phone = StubPhone()
    let id = await harness.cloud.placeUserCall(from: Self.user, phone: phone, offer: sampleSDP("phone"))
    let client = harness.client(layout)
    try await client.preAccept(callID: id, sdp: sampleSDP("ours"))
    #expect(await harness.cloud.call(id)?.state == .preAccepted)
    await graphError(code: 100, status: 400) { try await client.accept(callID: id, sdp: sampleSDP("other")) }
    await graphError(code: 100, status: 400) { try await client.preAccept(callID: id, sdp: sampleSDP("other")) }
    try await client.preAccept(callID: id, sdp: sampleSDP("ours"))  // a retry of the same pre_accept
    try await client.accept(callID: id, sdp: sampleSDP("ours"), bizOpaqueCallbackData: "order-42")
    let call = try #require(await harness.cloud.call(id))
    #expect(call.state == .accepted && call.startTime != nil)
    #expect(call.acceptSDP == sampleSDP("ours") && call.bizOpaqueCallbackData == "order-42")
    #expect(phone.answers == [sampleSDP("ours")], "the phone got the answer once")
  }

  @Test(arguments: Layout.allCases) func rejectSendsATerminateWebhook(layout: Layout) async throws {
    let harness = CloudHarness()
    let phone = StubPhone()
    let id = await harness.cloud.placeUserCall(
      from: Self.user, phone: phone, offer: sampleSDP("phone"), contactName: "Ada")
    try await harness.client(layout).reject(callID: id)
    #expect(phone.closed == 1)
    #expect(await harness.cloud.call(id)?.state == .rejected)
    await graphError(code: 100, status: 400) { try await harness.client(layout).reject(callID: id) }

    let deliveries = await harness.drain()
    try Self.expectSigned(deliveries, configuration: harness.configuration)
    let events = try harness.recorder.events()
    #expect(events.count == 2)
    guard case .connect(let connect) = events.first, case .terminate(let terminate) = events.last else {
      Issue.record("expected connect then terminate, got \(events)")
      return
    }
    #expect(connect.callID == id && connect.direction == .userInitiated && connect.from == Self.user)
    #expect(connect.to == harness.configuration.businessNumber && connect.contactName == "Ada")
    #expect(connect.sdpType == "offer" && connect.sdp == sampleSDP("phone"))
    #expect(terminate.callID == id && terminate.direction == .userInitiated && !terminate.failed)
    #expect(terminate.startTime == nil && terminate.duration == nil, "never picked up")
  }

  @Test(arguments: Layout.allCases) func terminateSendsATerminateWebhookWithDuration(layout: Layout) async throws {
    let harness = CloudHarness()
    let phone = StubPhone()
    let id = await harness.cloud.placeUserCall(from: Self.user, phone: phone, offer: sampleSDP("phone"))
    let client = harness.client(layout)
    try await client.preAccept(callID: id, sdp: sampleSDP("ours"))
    try await client.accept(callID: id, sdp: sampleSDP("ours"), bizOpaqueCallbackData: "ticket-7")
    try await client.terminate(callID: id)
    #expect(phone.closed == 1)
    await graphError(code: 100, status: 400) { try await client.terminate(callID: id) }

    let deliveries = await harness.drain()
    try Self.expectSigned(deliveries, configuration: harness.configuration)
    guard case .terminate(let terminate) = try harness.recorder.events().last else {
      Issue.record("expected a terminate webhook")
      return
    }
    #expect(terminate.callID == id && terminate.status == "COMPLETED")
    #expect(terminate.startTime != nil && terminate.endTime != nil && (terminate.duration ?? -1) >= 0)
    #expect(terminate.bizOpaqueCallbackData == "ticket-7")
  }

  @Test(arguments: Layout.allCases) func failNextInjectsAnErrorIntoOneAction(layout: Layout) async throws {
    let harness = CloudHarness()
    let phone = StubPhone()
    let id = await harness.cloud.placeUserCall(from: Self.user, phone: phone, offer: sampleSDP("phone"))
    let injected = GraphError(httpStatus: 500, code: 138004, message: "Connection error")
    await harness.cloud.failNext("pre_accept", with: injected)
    let client = harness.client(layout)
    let error = await graphError(code: 138004, status: 500) { try await client.preAccept(callID: id, sdp: "x") }
    #expect(CallingAPIError.graph(try #require(error)).isRetryable)
    #expect(phone.answers.isEmpty, "a failed request changes nothing")
    try await client.preAccept(callID: id, sdp: sampleSDP("ours"))
    let statuses = await harness.cloud.requests.filter { $0.callID == id }.map { "\($0.action ?? "?") \($0.status)" }
    #expect(statuses == ["pre_accept 500", "pre_accept 200"])
  }

  /// Every delivery goes to the configured URL as JSON, signed with the app secret over the raw body.
  static func expectSigned(
    _ deliveries: [WebhookRecorder.Delivery], configuration: SandboxConfiguration,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    #expect(!deliveries.isEmpty, sourceLocation: sourceLocation)
    for delivery in deliveries {
      #expect(delivery.url == CloudHarness.webhookURL, sourceLocation: sourceLocation)
      #expect(delivery.header("content-type") == "application/json", sourceLocation: sourceLocation)
      let signature = delivery.header("X-Hub-Signature-256")
      #expect(
        WebhookSignature.verify(signature, body: delivery.body, secret: CloudHarness.secret),
        sourceLocation: sourceLocation)
      #expect(!WebhookSignature.verify(signature, body: delivery.body, secret: "other"), sourceLocation: sourceLocation)
      var tampered = delivery.body
      tampered[tampered.count / 2] ^= 0x01
      #expect(!WebhookSignature.verify(signature, body: tampered, secret: CloudHarness.secret))
    }
  }
}
