/// Reads WhatsApp webhook bodies (whatsapp-calling.md §2).
///
/// The envelope is `{"object":"whatsapp_business_account","entry":[{"id","changes":[{"field",
/// "value"}]}]}` (§2.1). Only a body that is not such an envelope throws; inside it, every entry
/// becomes an event, and whatever is unknown or broken becomes `.unknown(field:detail:)`.
/// Unknown keys are ignored. Delivery is at least once and unordered (§2.7): callers dedupe.
public enum Webhook {
  /// The `object` of every WhatsApp Business webhook.
  public static let objectName = "whatsapp_business_account"

  /// The events of one webhook body, in body order.
  public static func parse(_ body: [UInt8]) throws(WebhookError) -> [WebhookEvent] {
    let json: JSONValue
    do { json = try JSONValue.decode(body) } catch { throw .notJSON(error.reason) }
    guard let root = json.objectValue else { throw .notAnObject }
    guard let object = root["object"]?.stringValue, object == objectName else {
      throw .unexpectedObject(root["object"].map { $0.stringValue ?? String(decoding: $0.encoded(), as: UTF8.self) })
    }
    guard let entries = root["entry"]?.arrayValue else { throw .missingEntries }
    var events: [WebhookEvent] = []
    for (index, entry) in entries.enumerated() {
      guard let changes = entry["changes"]?.arrayValue else {
        events.append(.unknown(field: "entry", detail: "entry[\(index)] has no \"changes\" array"))
        continue
      }
      for change in changes {
        events += parseChange(change)
      }
    }
    return events
  }

  /// One `changes[]` element.
  static func parseChange(_ change: JSONValue) -> [WebhookEvent] {
    let field = change["field"]?.stringValue ?? ""
    guard let value = change["value"], value.objectValue != nil else {
      return [.unknown(field: field, detail: "change has no \"value\" object")]
    }
    switch field {
    case "calls": return parseCalls(value)
    case "messages": return parseMessages(value)
    case "account_settings_update": return [parseSettingsUpdate(value)]
    default: return [.unknown(field: field, detail: "subscription field \"\(field)\" is not handled")]
    }
  }

  /// `field:"calls"`: `value.calls[]` (§2.2, §2.4, §2.6) and `value.statuses[]` (§2.3).
  static func parseCalls(_ value: JSONValue) -> [WebhookEvent] {
    let context = ValueContext(value)
    let calls = value["calls"]?.arrayValue
    let statuses = value["statuses"]?.arrayValue
    if calls == nil, statuses == nil {
      let codes = context.errors.map { "\($0.code)" }.joined(separator: ", ")
      let detail = codes.isEmpty ? "value has neither \"calls\" nor \"statuses\"" : "errors \(codes)"
      return [.unknown(field: "calls", detail: detail)]
    }
    var events: [WebhookEvent] = []
    for (index, call) in (calls ?? []).enumerated() {
      do throws(WebhookError) {
        events.append(try CallEntry.parse(call, index: index, context: context))
      } catch {
        events.append(.unknown(field: "calls", detail: error.description))
      }
    }
    for (index, status) in (statuses ?? []).enumerated() {
      do throws(WebhookError) {
        events.append(try CallEntry.parseStatus(status, index: index))
      } catch {
        events.append(.unknown(field: "calls", detail: error.description))
      }
    }
    return events
  }

  /// `field:"messages"`: only interactive `call_permission_reply` messages are read (§2.5).
  static func parseMessages(_ value: JSONValue) -> [WebhookEvent] {
    guard let messages = value["messages"]?.arrayValue else {
      let keys = (value.objectValue?.keys.sorted() ?? []).filter { $0 != "messaging_product" && $0 != "metadata" }
      return [.unknown(field: "messages", detail: "no \"messages\" (has \(keys.joined(separator: ", ")))")]
    }
    var events: [WebhookEvent] = []
    for (index, message) in messages.enumerated() {
      do throws(WebhookError) {
        events.append(try CallEntry.parseMessage(message, index: index))
      } catch {
        events.append(.unknown(field: "messages", detail: error.description))
      }
    }
    return events
  }

  /// `field:"account_settings_update"` (§2.6).
  static func parseSettingsUpdate(_ value: JSONValue) -> WebhookEvent {
    let settings = value["phone_number_settings"]
    let phoneNumberID =
      settings?["phone_number_id"]?.stringValue ?? ValueContext(value).phoneNumberID
    return .settingsUpdate(AccountSettingsUpdate(phoneNumberID: phoneNumberID, calling: settings?["calling"]))
  }
}

/// What a `value` says about all its entries: the business number and the users' profiles.
struct ValueContext {
  var phoneNumberID: String?
  var contacts: [(waID: String?, name: String?)]
  var errors: [WebhookErrorDetail]

  init(_ value: JSONValue) {
    phoneNumberID = value["metadata"]?["phone_number_id"]?.stringValue
    contacts = (value["contacts"]?.arrayValue ?? []).map { contact in
      (contact["wa_id"]?.stringValue, contact["profile"]?["name"]?.stringValue)
    }
    errors = (value["errors"]?.arrayValue ?? []).compactMap(WebhookErrorDetail.init(json:))
  }

  /// The profile name of `waID`, or of the only contact when none matches.
  func name(of waID: String) -> String? {
    if let match = contacts.first(where: { $0.waID == waID }) { return match.name }
    return contacts.count == 1 ? contacts[0].name : nil
  }
}
