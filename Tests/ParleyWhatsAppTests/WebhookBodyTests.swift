import ParleyWhatsApp
import Testing

@Suite struct WebhookBodyTests {
  let waba = "102290129340398"
  let pnid = "106540352242922"
  let display = "16315553601"

  @Test func connectRoundTrips() throws {
    for direction in [CallDirection.userInitiated, .businessInitiated] {
      let connect = CallConnect(
        callID: "wacid.C", from: "16315553602", to: display, direction: direction, timestamp: 1_671_644_824,
        sdpType: direction == .userInitiated ? "offer" : "answer",
        sdp: try Fixtures.text("meta-user-initiated-offer.sdp"),
        bizOpaqueCallbackData: "opaque", deeplinkPayload: "deep", ctaPayload: "cta", phoneNumberID: pnid,
        contactName: "Test User")
      let body = WebhookBody.connect(connect, wabaID: waba, phoneNumberID: pnid, displayPhoneNumber: display)
      #expect(try Webhook.parse(body) == [.connect(connect)])
    }
  }

  @Test func connectMatchesMetaShape() throws {
    let connect = CallConnect(
      callID: "wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh", from: "16315553602", to: "16315553601", direction: .userInitiated,
      timestamp: 1_671_644_824, sdpType: "offer", sdp: try Fixtures.text("meta-user-initiated-offer.sdp"),
      phoneNumberID: pnid, contactName: "Test User")
    let built = try JSONValue.decode(
      WebhookBody.connect(connect, wabaID: waba, phoneNumberID: pnid, displayPhoneNumber: display))
    #expect(built == (try JSONValue.decode(try Fixtures.bytes("webhook-connect-user-initiated.json"))))
  }

  @Test func terminateRoundTripsAndMatchesMetaShape() throws {
    let completed = CallTerminate(
      callID: "wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh", direction: .userInitiated, timestamp: 1_671_644_944,
      status: "COMPLETED", startTime: 1_671_644_826, endTime: 1_671_644_944, duration: 118)
    let body = WebhookBody.terminate(
      completed, from: "16315553602", to: display, wabaID: waba, phoneNumberID: pnid, displayPhoneNumber: display)
    #expect(try Webhook.parse(body) == [.terminate(completed)])
    #expect(try JSONValue.decode(body) == (try JSONValue.decode(try Fixtures.bytes("webhook-terminate.json"))))
    let text = String(decoding: body, as: UTF8.self)
    #expect(text.contains(#""duration":118"#) && text.contains(#""start_time":"1671644826""#))
    #expect(!text.contains("errors"))

    let failed = CallTerminate(
      callID: "wacid.F", direction: .businessInitiated, timestamp: 9, status: "FAILED", bizOpaqueCallbackData: "b",
      errors: [WebhookErrorDetail(code: 138021, message: "Media receive timeout", details: "no media")])
    let failedBody = WebhookBody.terminate(
      failed, from: display, to: "16315553602", wabaID: waba, phoneNumberID: pnid, displayPhoneNumber: display)
    #expect(try Webhook.parse(failedBody) == [.terminate(failed)])
  }

  @Test func statusRoundTripsAndMatchesMetaShape() throws {
    let status = CallStatusUpdate(
      callID: "wacid.HBgLMTYzMTU1NTM2MDIVAgARGCAyMDk0", timestamp: 1_671_644_824, status: "RINGING",
      recipientID: "16315553602", bizOpaqueCallbackData: "order-8812")
    let body = WebhookBody.status(status, wabaID: waba, phoneNumberID: pnid, displayPhoneNumber: display)
    #expect(try Webhook.parse(body) == [.status(status)])
    #expect(try JSONValue.decode(body) == (try JSONValue.decode(try Fixtures.bytes("webhook-status-ringing.json"))))
  }

  @Test func permissionReplyRoundTrips() throws {
    let replies = [
      CallPermissionReply(
        from: "16315553602", messageID: "wamid.A", timestamp: 1_671_644_900, contextID: "wamid.R", accepted: true,
        isPermanent: false, expirationTimestamp: 1_672_249_700, responseSource: "user_action"),
      CallPermissionReply(from: "16315553602", messageID: "wamid.B", timestamp: 5, accepted: false),
      CallPermissionReply(
        from: "16315553602", messageID: "wamid.C", timestamp: 6, accepted: true, isPermanent: true,
        responseSource: "automatic"),
    ]
    for reply in replies {
      let body = WebhookBody.permissionReply(reply, wabaID: waba, phoneNumberID: pnid, displayPhoneNumber: display)
      #expect(try Webhook.parse(body) == [.permissionReply(reply)])
    }
  }
}
