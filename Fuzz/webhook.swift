// libFuzzer target: WhatsApp webhook parsing (whatsapp-calling.md §2).
// Built by scripts/fuzz together with Sources/ParleyWhatsApp minus the HMAC files (the parser needs no
// swift-crypto). Every input must either throw a typed error or parse; every connect, terminate and
// status event it yields must survive WebhookBody → Webhook.parse unchanged (up to what the builders
// fill in: the envelope's phone-number id, and errors only on a FAILED terminate, §2.4).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let events = try? Webhook.parse(bytes) else { return 0 }
  for event in events {
    guard let (body, expected) = rebuilt(event) else { continue }
    let again: [WebhookEvent]
    do {
      again = try Webhook.parse(body)
    } catch {
      preconditionFailure("a built body does not parse: \(error)\n\(String(decoding: body, as: UTF8.self))")
    }
    precondition(
      again == [expected],
      "round trip differs:\n  was   \(expected)\n  now   \(again)\n  body  \(String(decoding: body, as: UTF8.self))")
  }
  return 0
}

/// The body WebhookBody builds for `event`, and the event that body must parse to.
func rebuilt(_ event: WebhookEvent) -> ([UInt8], WebhookEvent)? {
  let (waba, display) = ("102290129340398", "16315553601")
  switch event {
  case .connect(var connect):
    let phoneNumberID = connect.phoneNumberID ?? "106540352242922"
    connect.phoneNumberID = phoneNumberID
    let body = WebhookBody.connect(connect, wabaID: waba, phoneNumberID: phoneNumberID, displayPhoneNumber: display)
    return (body, .connect(connect))
  case .terminate(var terminate):
    let body = WebhookBody.terminate(
      terminate, from: "16315553602", to: display, wabaID: waba, phoneNumberID: "106540352242922",
      displayPhoneNumber: display)
    if !terminate.failed { terminate.errors = [] }
    return (body, .terminate(terminate))
  case .status(let status):
    let body = WebhookBody.status(status, wabaID: waba, phoneNumberID: "106540352242922", displayPhoneNumber: display)
    return (body, .status(status))
  default:
    return nil
  }
}
