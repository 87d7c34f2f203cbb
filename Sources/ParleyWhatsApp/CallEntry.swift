/// Reads the entries inside a webhook `value` (whatsapp-calling.md §2.2–2.5).
enum CallEntry {
  /// One `calls[]` element: `connect`, `terminate`, or another event as `.unknown`.
  static func parse(_ call: JSONValue, index: Int, context: ValueContext) throws(WebhookError) -> WebhookEvent {
    let fail = { (reason: String) in WebhookError.invalidEntry(field: "calls", index: index, reason: reason) }
    guard call.objectValue != nil else { throw fail("not an object") }
    guard let id = nonEmptyString(call["id"]) else { throw fail("missing \"id\"") }
    guard let event = nonEmptyString(call["event"]) else { throw fail("call \(id) has no \"event\"") }
    let timestamp = try integer(call["timestamp"], "timestamp", fail) ?? 0
    let bizOpaque = call["biz_opaque_callback_data"]?.stringValue
    let direction = call["direction"]?.stringValue.flatMap(CallDirection.init(webhookValue:))
    switch event.lowercased() {
    case "connect":
      let session = call["session"]
      let sdpType = session?["sdp_type"]?.stringValue
      let sdp = session?["sdp"]?.stringValue ?? call["connection"]?["webrtc"]?["sdp"]?.stringValue
      let from = call["from"]?.stringValue ?? call["from_user_id"]?.stringValue ?? ""
      let to = call["to"]?.stringValue ?? call["to_user_id"]?.stringValue ?? ""
      let resolved = direction ?? (sdpType?.lowercased() == "offer" ? .userInitiated : .businessInitiated)
      let user = resolved == .userInitiated ? from : to
      return .connect(
        CallConnect(
          callID: id, from: from, to: to, direction: resolved, timestamp: timestamp, sdpType: sdpType, sdp: sdp,
          bizOpaqueCallbackData: bizOpaque, deeplinkPayload: call["deeplink_payload"]?.stringValue,
          ctaPayload: call["cta_payload"]?.stringValue, phoneNumberID: context.phoneNumberID,
          contactName: context.name(of: user)))
    case "terminate":
      let ownErrors = (call["errors"]?.arrayValue ?? []).compactMap(WebhookErrorDetail.init(json:))
      let duration = try integer(call["duration"], "duration", fail).flatMap { Int(exactly: $0) }
      return .terminate(
        CallTerminate(
          callID: id, direction: direction, timestamp: timestamp, status: call["status"]?.stringValue ?? "",
          startTime: try integer(call["start_time"], "start_time", fail),
          endTime: try integer(call["end_time"], "end_time", fail), duration: duration,
          bizOpaqueCallbackData: bizOpaque, errors: ownErrors + context.errors))
    default:
      return .unknown(field: "calls", detail: "call event \"\(event)\" for \(id) is not handled")
    }
  }

  /// One `statuses[]` element of the `calls` field (§2.3).
  static func parseStatus(_ status: JSONValue, index: Int) throws(WebhookError) -> WebhookEvent {
    let fail = { (reason: String) in WebhookError.invalidEntry(field: "statuses", index: index, reason: reason) }
    guard status.objectValue != nil else { throw fail("not an object") }
    let type = status["type"]?.stringValue ?? ""
    guard type.lowercased() == "call" else {
      return .unknown(field: "calls", detail: "status of type \"\(type)\" is not handled")
    }
    guard let id = nonEmptyString(status["id"]) else { throw fail("missing \"id\"") }
    guard let value = nonEmptyString(status["status"]) else { throw fail("status for \(id) has no \"status\"") }
    return .status(
      CallStatusUpdate(
        callID: id, timestamp: try integer(status["timestamp"], "timestamp", fail) ?? 0, status: value,
        recipientID: status["recipient_id"]?.stringValue ?? status["recipient_user_id"]?.stringValue,
        bizOpaqueCallbackData: status["biz_opaque_callback_data"]?.stringValue))
  }

  /// One `messages[]` element; only `interactive.type:"call_permission_reply"` is read (§2.5).
  static func parseMessage(_ message: JSONValue, index: Int) throws(WebhookError) -> WebhookEvent {
    let fail = { (reason: String) in WebhookError.invalidEntry(field: "messages", index: index, reason: reason) }
    guard message.objectValue != nil else { throw fail("not an object") }
    let type = message["type"]?.stringValue ?? ""
    let interactiveType = message["interactive"]?["type"]?.stringValue ?? ""
    guard type == "interactive", interactiveType == "call_permission_reply" else {
      let kind = type == "interactive" ? "interactive \"\(interactiveType)\"" : "\"\(type)\""
      return .unknown(field: "messages", detail: "message type \(kind) is not handled")
    }
    guard let id = nonEmptyString(message["id"]) else { throw fail("missing \"id\"") }
    guard let from = nonEmptyString(message["from"]) ?? nonEmptyString(message["from_user_id"]) else {
      throw fail("message \(id) has no \"from\"")
    }
    let reply = message["interactive"]?["call_permission_reply"]
    guard let reply, reply.objectValue != nil else { throw fail("message \(id) has no \"call_permission_reply\"") }
    return .permissionReply(
      CallPermissionReply(
        from: from, messageID: id, timestamp: try integer(message["timestamp"], "timestamp", fail) ?? 0,
        contextID: message["context"]?["id"]?.stringValue,
        accepted: reply["response"]?.stringValue?.lowercased() == "accept",
        isPermanent: reply["is_permanent"]?.boolValue ?? (reply["is_permanent"]?.stringValue == "true"),
        expirationTimestamp: try integer(reply["expiration_timestamp"], "expiration_timestamp", fail),
        responseSource: reply["response_source"]?.stringValue))
  }

  /// A string that is not empty.
  static func nonEmptyString(_ value: JSONValue?) -> String? {
    guard let text = value?.stringValue, !text.isEmpty else { return nil }
    return text
  }

  /// An optional integer field, as a string of digits or a number (§2.1); malformed values throw.
  static func integer(
    _ value: JSONValue?, _ name: String, _ fail: (String) -> WebhookError
  ) throws(WebhookError) -> Int64? {
    guard let value, !value.isNull else { return nil }
    guard let number = value.integerValue else {
      throw fail("\"\(name)\" is not a whole number: \(String(decoding: value.encoded().prefix(40), as: UTF8.self))")
    }
    return number
  }
}
