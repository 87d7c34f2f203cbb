/// A JSON value: what webhooks, settings and Graph errors are made of (whatsapp-calling.md §1.3, §2).
///
/// Numbers are `Double`; integers up to 2^53 (every timestamp and id WhatsApp sends as a number)
/// are exact. Objects keep their keys unordered; `encoded()` writes them sorted.
public enum JSONValue: Codable, Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  /// The member `key` of an object; nil for a missing key or a value that is not an object.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The string, if this is a string.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The members, if this is an object.
  public var objectValue: [String: JSONValue]? {
    if case .object(let value) = self { return value }
    return nil
  }

  /// The elements, if this is an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// The number, if this is a number.
  public var doubleValue: Double? {
    if case .number(let value) = self { return value }
    return nil
  }

  /// The boolean, if this is a boolean.
  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// True for `.null`.
  public var isNull: Bool { self == .null }

  /// An integer from a whole number, or from a string of decimal digits (WhatsApp writes unix
  /// timestamps as strings, §2.1). Nil for fractions, anything else, and values beyond ±2^53 in
  /// either form: only those survive being written back as a JSON number (found by Fuzz/webhook.swift:
  /// a `"duration":"99999999999999999"` parsed, then changed when WebhookBody wrote it).
  public var integerValue: Int64? {
    switch self {
    case .number(let value):
      guard value.rounded() == value, abs(value) <= 9_007_199_254_740_992 else { return nil }
      return Int64(value)
    case .string(let text):
      guard let number = Int64(text.trimmingSpaces), number.magnitude <= 9_007_199_254_740_992 else { return nil }
      return number
    default:
      return nil
    }
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line ends.
  var trimmingSpaces: String {
    let isSpace = { (c: Character) in c == " " || c == "\t" || c == "\r" || c == "\n" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
