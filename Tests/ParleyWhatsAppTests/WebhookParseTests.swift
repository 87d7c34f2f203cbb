import ParleyWhatsApp
import Testing

@Suite struct WebhookParseTests {
  @Test func connectFixture() throws {
    let events = try Webhook.parse(try Fixtures.bytes("webhook-connect-user-initiated.json"))
    let offer = try Fixtures.text("meta-user-initiated-offer.sdp")
    guard case .connect(let connect)? = events.first, events.count == 1 else {
      Issue.record("expected one connect, got \(events)")
      return
    }
    #expect(connect.callID == "wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh")
    #expect(connect.from == "16315553602")
    #expect(connect.to == "16315553601")
    #expect(connect.direction == .userInitiated)
    #expect(connect.timestamp == 1_671_644_824)
    #expect(connect.sdpType == "offer")
    #expect(connect.sdp == offer)
    #expect(connect.phoneNumberID == "106540352242922")
    #expect(connect.contactName == "Test User")
    #expect(connect.bizOpaqueCallbackData == nil)
  }

  @Test func terminateFixture() throws {
    let events = try Webhook.parse(try Fixtures.bytes("webhook-terminate.json"))
    let expected = CallTerminate(
      callID: "wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh", direction: .userInitiated, timestamp: 1_671_644_944,
      status: "COMPLETED", startTime: 1_671_644_826, endTime: 1_671_644_944, duration: 118)
    #expect(events == [.terminate(expected)])
  }

  @Test func statusFixture() throws {
    let events = try Webhook.parse(try Fixtures.bytes("webhook-status-ringing.json"))
    let expected = CallStatusUpdate(
      callID: "wacid.HBgLMTYzMTU1NTM2MDIVAgARGCAyMDk0", timestamp: 1_671_644_824, status: "RINGING",
      recipientID: "16315553602", bizOpaqueCallbackData: "order-8812")
    #expect(events == [.status(expected)])
  }

  @Test func permissionReplyFixture() throws {
    let events = try Webhook.parse(try Fixtures.bytes("webhook-call-permission-reply.json"))
    let expected = CallPermissionReply(
      from: "16315553602", messageID: "wamid.HBgLMTYzMTU1NTM2MDIVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
      timestamp: 1_671_644_900, contextID: "wamid.HBgLMTYzMTU1NTM2MDIVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
      accepted: true, isPermanent: false, expirationTimestamp: 1_672_249_700, responseSource: "user_action")
    #expect(events == [.permissionReply(expected)])
  }

  @Test func businessInitiatedConnectWithLegacySDPAndNoDirection() throws {
    let body = envelope(
      field: "calls",
      value: #"{"calls":[{"id":"wacid.B","to":"12185552828","from":"13175551399","event":"connect","#
        + #""timestamp":1749196895,"biz_opaque_callback_data":"TRx","connection":{"webrtc":{"sdp":"v=0\r\n"}}}]}"#)
    let events = try Webhook.parse(body)
    guard case .connect(let connect)? = events.first else {
      Issue.record("expected connect, got \(events)")
      return
    }
    #expect(connect.direction == .businessInitiated)
    #expect(connect.sdp == "v=0\r\n")
    #expect(connect.sdpType == nil)
    #expect(connect.timestamp == 1_749_196_895)
    #expect(connect.bizOpaqueCallbackData == "TRx")
  }

  @Test func missingDirectionWithOfferIsUserInitiated() throws {
    let body = envelope(
      field: "calls",
      value: #"{"calls":[{"id":"wacid.U","from":"1","to":"2","event":"connect","timestamp":"1","#
        + #""session":{"sdp_type":"offer","sdp":"v=0"}}]}"#)
    guard case .connect(let connect)? = try Webhook.parse(body).first else {
      Issue.record("expected connect")
      return
    }
    #expect(connect.direction == .userInitiated)
  }

  @Test func failedTerminateCollectsErrorsAndUppercasesStatus() throws {
    let body = envelope(
      field: "calls",
      value: #"{"calls":[{"id":"wacid.F","event":"terminate","timestamp":"5","status":"Failed","#
        + #""errors":[{"code":138019,"title":"setup"}]}],"#
        + #""errors":[{"code":138021,"message":"Media receive timeout","error_data":{"details":"no rtp"}}]}"#)
    let events = try Webhook.parse(body)
    guard case .terminate(let terminate)? = events.first else {
      Issue.record("expected terminate, got \(events)")
      return
    }
    #expect(terminate.status == "FAILED")
    #expect(terminate.failed)
    #expect(terminate.direction == nil)
    #expect(
      terminate.errors == [
        WebhookErrorDetail(code: 138019, message: "setup"),
        WebhookErrorDetail(code: 138021, message: "Media receive timeout", details: "no rtp"),
      ])
  }

  @Test func oneBrokenEntryKeepsTheOthers() throws {
    let body = envelope(
      field: "calls",
      value: #"{"calls":[{"event":"connect"},{"id":"wacid.X"},"#
        + #"{"id":"wacid.T","event":"terminate","timestamp":"7","status":"COMPLETED"},"#
        + #"{"id":"wacid.R","event":"call_recording_available","timestamp":"8"},"#
        + #"{"id":"wacid.Q","event":"terminate","timestamp":"soon"}],"#
        + #""statuses":[{"id":"wamid.M","type":"message","status":"read"},{"type":"call","status":"RINGING"}]}"#)
    let events = try Webhook.parse(body)
    #expect(events.count == 7)
    #expect(events[0] == .unknown(field: "calls", detail: "calls[0]: missing \"id\""))
    #expect(events[1] == .unknown(field: "calls", detail: "calls[1]: call wacid.X has no \"event\""))
    #expect(events[2] == .terminate(CallTerminate(callID: "wacid.T", timestamp: 7, status: "COMPLETED")))
    #expect(
      events[3]
        == .unknown(field: "calls", detail: "call event \"call_recording_available\" for wacid.R is not handled"))
    #expect(events[4] == .unknown(field: "calls", detail: "calls[4]: \"timestamp\" is not a whole number: \"soon\""))
    #expect(events[5] == .unknown(field: "calls", detail: "status of type \"message\" is not handled"))
    #expect(events[6] == .unknown(field: "calls", detail: "statuses[1]: missing \"id\""))
  }

  @Test func otherFieldsAndMessagesAreUnknown() throws {
    let body = Array(
      (#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":["#
        + #"{"field":"message_template_status_update","value":{"event":"APPROVED"}},"#
        + #"{"field":"messages","value":{"messages":[{"id":"wamid.T","from":"1","type":"text","text":{"body":"hi"}}]}},"#
        + #"{"field":"account_settings_update","value":{"type":"phone_number_settings","#
        + #""phone_number_settings":{"phone_number_id":"106","calling":{"status":"ENABLED"}}}}]},"#
        + #"{"id":"2"}],"extra":true}"#).utf8)
    let events = try Webhook.parse(body)
    #expect(
      events == [
        .unknown(
          field: "message_template_status_update",
          detail: "subscription field \"message_template_status_update\" is not handled"),
        .unknown(field: "messages", detail: "message type \"text\" is not handled"),
        .settingsUpdate(AccountSettingsUpdate(phoneNumberID: "106", calling: .object(["status": .string("ENABLED")]))),
        .unknown(field: "entry", detail: "entry[1] has no \"changes\" array"),
      ])
  }

  @Test func unusableBodiesThrow() {
    #expect(throws: WebhookError.self) { try Webhook.parse("not json".bytes) }
    #expect(throws: WebhookError.notAnObject) { try Webhook.parse("[1,2]".bytes) }
    #expect(throws: WebhookError.unexpectedObject("page")) { try Webhook.parse(#"{"object":"page","entry":[]}"#.bytes) }
    #expect(throws: WebhookError.unexpectedObject(nil)) { try Webhook.parse(#"{"entry":[]}"#.bytes) }
    #expect(throws: WebhookError.missingEntries) { try Webhook.parse(#"{"object":"whatsapp_business_account"}"#.bytes) }
    #expect(WebhookError.unexpectedObject("page").description.contains("whatsapp_business_account"))
  }

  private func envelope(field: String, value: String) -> [UInt8] {
    Array(
      (#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":""#
        + field + #"","value":"# + value + "}]}]}").utf8)
  }
}
