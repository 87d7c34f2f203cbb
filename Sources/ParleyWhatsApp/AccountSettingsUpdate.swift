/// The `account_settings_update` webhook: calling settings of a number changed
/// (whatsapp-calling.md §2.6).
public struct AccountSettingsUpdate: Sendable, Equatable {
  /// `phone_number_settings.phone_number_id`, or the envelope's `metadata.phone_number_id`.
  public var phoneNumberID: String?
  /// `phone_number_settings.calling` as sent.
  public var calling: JSONValue?

  public init(phoneNumberID: String? = nil, calling: JSONValue? = nil) {
    self.phoneNumberID = phoneNumberID
    self.calling = calling
  }
}
