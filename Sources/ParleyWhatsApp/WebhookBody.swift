/// Builds webhook bodies in Meta's exact envelope (whatsapp-calling.md §2.1–2.5), for the
/// sandbox that plays WhatsApp. Every body reads back through `Webhook.parse`.
public enum WebhookBody {
  /// A `connect` event (§2.2) with `session:{sdp_type, sdp}`.
  public static func connect(
    _ c: CallConnect, wabaID: String, phoneNumberID: String, displayPhoneNumber: String
  ) -> [UInt8] {
    var call: [String: JSONValue] = [
      "id": .string(c.callID), "from": .string(c.from), "to": .string(c.to), "event": .string("connect"),
      "timestamp": .string(String(c.timestamp)), "direction": .string(c.direction.rawValue),
    ]
    if c.sdpType != nil || c.sdp != nil {
      var session: [String: JSONValue] = [:]
      session["sdp_type"] = c.sdpType.map(JSONValue.string)
      session["sdp"] = c.sdp.map(JSONValue.string)
      call["session"] = .object(session)
    }
    call["biz_opaque_callback_data"] = c.bizOpaqueCallbackData.map(JSONValue.string)
    call["deeplink_payload"] = c.deeplinkPayload.map(JSONValue.string)
    call["cta_payload"] = c.ctaPayload.map(JSONValue.string)
    var value = valueBase(phoneNumberID: phoneNumberID, displayPhoneNumber: displayPhoneNumber)
    if let name = c.contactName { value["contacts"] = contacts(waID: c.userWaID, name: name) }
    value["calls"] = .array([.object(call)])
    return envelope(wabaID: wabaID, field: "calls", value: value)
  }

  /// A `terminate` event (§2.4): string `start_time`/`end_time`, integer `duration`, and
  /// `value.errors` only for a failed call.
  public static func terminate(
    _ t: CallTerminate, from: String, to: String, wabaID: String, phoneNumberID: String, displayPhoneNumber: String
  ) -> [UInt8] {
    var call: [String: JSONValue] = [
      "id": .string(t.callID), "from": .string(from), "to": .string(to), "event": .string("terminate"),
      "timestamp": .string(String(t.timestamp)), "status": .string(t.status),
    ]
    call["direction"] = t.direction.map { .string($0.rawValue) }
    call["biz_opaque_callback_data"] = t.bizOpaqueCallbackData.map(JSONValue.string)
    call["start_time"] = t.startTime.map { .string(String($0)) }
    call["end_time"] = t.endTime.map { .string(String($0)) }
    call["duration"] = t.duration.map { .number(Double($0)) }
    var value = valueBase(phoneNumberID: phoneNumberID, displayPhoneNumber: displayPhoneNumber)
    value["calls"] = .array([.object(call)])
    if t.failed, !t.errors.isEmpty { value["errors"] = .array(t.errors.map(\.json)) }
    return envelope(wabaID: wabaID, field: "calls", value: value)
  }

  /// A call status (§2.3) under `value.statuses` with `type:"call"`.
  public static func status(
    _ s: CallStatusUpdate, wabaID: String, phoneNumberID: String, displayPhoneNumber: String
  ) -> [UInt8] {
    var status: [String: JSONValue] = [
      "id": .string(s.callID), "timestamp": .string(String(s.timestamp)), "type": .string("call"),
      "status": .string(s.status),
    ]
    status["recipient_id"] = s.recipientID.map(JSONValue.string)
    status["biz_opaque_callback_data"] = s.bizOpaqueCallbackData.map(JSONValue.string)
    var value = valueBase(phoneNumberID: phoneNumberID, displayPhoneNumber: displayPhoneNumber)
    value["statuses"] = .array([.object(status)])
    return envelope(wabaID: wabaID, field: "calls", value: value)
  }

  /// A `call_permission_reply` message (§2.5) on the `messages` field.
  public static func permissionReply(
    _ r: CallPermissionReply, wabaID: String, phoneNumberID: String, displayPhoneNumber: String
  ) -> [UInt8] {
    var reply: [String: JSONValue] = [
      "response": .string(r.accepted ? "accept" : "reject"), "is_permanent": .bool(r.isPermanent),
    ]
    reply["expiration_timestamp"] = r.expirationTimestamp.map { .string(String($0)) }
    reply["response_source"] = r.responseSource.map(JSONValue.string)
    var message: [String: JSONValue] = [
      "from": .string(r.from), "id": .string(r.messageID), "timestamp": .string(String(r.timestamp)),
      "type": .string("interactive"),
      "interactive": .object(["type": .string("call_permission_reply"), "call_permission_reply": .object(reply)]),
    ]
    message["context"] = r.contextID.map { .object(["from": .string(displayPhoneNumber), "id": .string($0)]) }
    var value = valueBase(phoneNumberID: phoneNumberID, displayPhoneNumber: displayPhoneNumber)
    value["contacts"] = .array([.object(["wa_id": .string(r.from)])])
    value["messages"] = .array([.object(message)])
    return envelope(wabaID: wabaID, field: "messages", value: value)
  }

  private static func valueBase(phoneNumberID: String, displayPhoneNumber: String) -> [String: JSONValue] {
    [
      "messaging_product": .string("whatsapp"),
      "metadata": .object([
        "display_phone_number": .string(displayPhoneNumber), "phone_number_id": .string(phoneNumberID),
      ]),
    ]
  }

  private static func contacts(waID: String, name: String) -> JSONValue {
    .array([.object(["profile": .object(["name": .string(name)]), "wa_id": .string(waID)])])
  }

  private static func envelope(wabaID: String, field: String, value: [String: JSONValue]) -> [UInt8] {
    let change: JSONValue = .object(["field": .string(field), "value": .object(value)])
    let entry: JSONValue = .object(["id": .string(wabaID), "changes": .array([change])])
    return JSONValue.object(["object": .string(Webhook.objectName), "entry": .array([entry])]).encoded()
  }
}
