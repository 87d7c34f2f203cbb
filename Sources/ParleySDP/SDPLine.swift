/// One `<type>=<value>` line of a session description (RFC 8866 §5), kept verbatim.
///
/// The parser keeps every line in order, so attributes Parley does not understand survive a
/// parse/serialize round trip. Serialization writes `type`, `=`, `value` and CRLF.
public struct SDPLine: Sendable, Hashable, CustomStringConvertible {
  /// The type letter, `a`...`z`.
  public var type: Character
  /// Everything after `=`, without the line terminator.
  public var value: String

  public init(type: Character, value: String) {
    self.type = type
    self.value = value
  }

  /// An `a=name` flag or `a=name:value` attribute line (RFC 8866 §5.13).
  public static func attribute(_ name: String, _ value: String? = nil) -> SDPLine {
    SDPLine(type: "a", value: value.map { "\(name):\($0)" } ?? name)
  }

  /// The attribute carried by an `a=` line, or nil for other types.
  public var attribute: SDPAttribute? {
    guard type == "a" else { return nil }
    let (name, value) = SDPGrammar.splitAttribute(value[...])
    return SDPAttribute(name: String(name), value: value.map(String.init))
  }

  /// `type=value`, without the line terminator.
  public var description: String { "\(type)=\(value)" }
}
