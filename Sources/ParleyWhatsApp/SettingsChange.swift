/// One leaf that differs between two settings bodies (whatsapp-calling.md §1.3).
public struct SettingsChange: Sendable, Equatable, CustomStringConvertible {
  /// E.g. `calling.call_hours.timezone_id` or `calling.call_hours.weekly_operating_hours[1].open_time`.
  public var path: String
  /// Nil when the leaf is added.
  public var old: JSONValue?
  /// Nil when the leaf is removed.
  public var new: JSONValue?

  public init(path: String, old: JSONValue?, new: JSONValue?) {
    self.path = path
    self.old = old
    self.new = new
  }

  /// `calling.call_hours.timezone_id: "America/Manaus" → "Asia/Singapore"`.
  public var description: String {
    "\(path): \(Self.show(old)) → \(Self.show(new))"
  }

  private static func show(_ value: JSONValue?) -> String {
    guard let value else { return "(absent)" }
    return String(decoding: value.encoded(), as: UTF8.self)
  }
}
