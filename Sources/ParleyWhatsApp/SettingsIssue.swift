/// One problem found in a calling settings body (whatsapp-calling.md §1.3).
public struct SettingsIssue: Sendable, Equatable, CustomStringConvertible {
  /// Where, e.g. `calling.call_hours.weekly_operating_hours[2].open_time`.
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}
