/// Collects settings issues while walking a JSON value: type and enum checks with paths.
struct SettingsChecker {
  var issues: [SettingsIssue] = []

  mutating func report(_ path: String, _ message: String) {
    issues.append(SettingsIssue(path: path, message: message))
  }

  /// The object at `path`, reporting anything else that is not absent.
  mutating func object(_ value: JSONValue?, _ path: String) -> [String: JSONValue]? {
    guard let value else { return nil }
    guard let members = value.objectValue else {
      report(path, "must be an object")
      return nil
    }
    return members
  }

  mutating func array(_ value: JSONValue?, _ path: String) -> [JSONValue]? {
    guard let value else { return nil }
    guard let elements = value.arrayValue else {
      report(path, "must be an array")
      return nil
    }
    return elements
  }

  mutating func string(_ value: JSONValue?, _ path: String, required: Bool = false) -> String? {
    guard let value else {
      if required { report(path, "is required") }
      return nil
    }
    guard let text = value.stringValue else {
      report(path, "must be a string")
      return nil
    }
    return text
  }

  /// Checks that a present value is one of `allowed`.
  mutating func enumValue(_ value: JSONValue?, _ path: String, _ allowed: [String], required: Bool = false) {
    guard let text = string(value, path, required: required) else { return }
    if !allowed.contains(text) {
      report(path, "\"\(text)\" is not one of \(allowed.joined(separator: ", "))")
    }
  }

  /// A whole number within `range`, reporting anything else that is present.
  mutating func integer(_ value: JSONValue?, _ path: String, _ range: ClosedRange<Int64>) -> Int64? {
    guard let value else { return nil }
    guard case .number = value, let number = value.integerValue else {
      report(path, "must be a whole number")
      return nil
    }
    guard range.contains(number) else {
      report(path, "\(number) is outside \(range.lowerBound)–\(range.upperBound)")
      return nil
    }
    return number
  }

  static let enabledDisabled = ["ENABLED", "DISABLED"]
}
