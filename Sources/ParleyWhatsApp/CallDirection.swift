/// Who placed a call (whatsapp-calling.md §2.2, §2.4).
public enum CallDirection: String, Sendable, Equatable, Codable {
  case userInitiated = "USER_INITIATED"
  case businessInitiated = "BUSINESS_INITIATED"

  /// Parses the webhook's `direction`, ignoring case; nil for anything else.
  public init?(webhookValue: String) {
    self.init(rawValue: webhookValue.uppercased())
  }
}
