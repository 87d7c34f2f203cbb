/// Why a webhook body, or one entry of it, could not be read (whatsapp-calling.md §2.1).
///
/// `Webhook.parse` throws only the envelope cases; a broken entry (`invalidEntry`) is reported as
/// `WebhookEvent.unknown` with this error's description, so the other entries still count.
public enum WebhookError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The body is not JSON.
  case notJSON(String)
  /// The body is JSON but not an object.
  case notAnObject
  /// `object` is missing or not `whatsapp_business_account`.
  case unexpectedObject(String?)
  /// The envelope has no `entry` array.
  case missingEntries
  /// One entry (a call, status or message) lacks a field it needs or holds a malformed one.
  case invalidEntry(field: String, index: Int, reason: String)

  public var description: String {
    switch self {
    case .notJSON(let reason): "webhook body is not JSON: \(reason)"
    case .notAnObject: "webhook body is not a JSON object"
    case .unexpectedObject(let object?): "webhook object is \"\(object)\", expected \"whatsapp_business_account\""
    case .unexpectedObject(nil): "webhook has no \"object\", expected \"whatsapp_business_account\""
    case .missingEntries: "webhook has no \"entry\" array"
    case .invalidEntry(let field, let index, let reason): "\(field)[\(index)]: \(reason)"
    }
  }
}
