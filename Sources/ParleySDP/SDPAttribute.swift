/// An `a=` attribute (RFC 8866 §5.13): a property flag (`a=rtcp-mux`) or a value attribute
/// (`a=mid:audio`).
public struct SDPAttribute: Sendable, Hashable {
  /// The name before the first colon.
  public var name: String
  /// The value after the first colon; nil for a flag.
  public var value: String?

  public init(name: String, value: String? = nil) {
    self.name = name
    self.value = value
  }

  /// True for a property attribute without a value.
  public var isFlag: Bool { value == nil }
}

/// Attribute look-ups shared by the session level and media sections.
extension [SDPLine] {
  /// Values of every `a=name:value` line with this name, in order (flags give an empty string).
  func attributeValues(_ name: String) -> [String] {
    compactMap { line in
      guard let attribute = line.attribute, attribute.name == name else { return nil }
      return attribute.value ?? ""
    }
  }

  /// The value of the first `a=name:value` line with this name.
  func attributeValue(_ name: String) -> String? {
    for line in self {
      if let attribute = line.attribute, attribute.name == name { return attribute.value ?? "" }
    }
    return nil
  }

  /// True when an `a=name` or `a=name:value` line is present.
  func hasAttribute(_ name: String) -> Bool {
    contains { $0.attribute?.name == name }
  }
}
