/// The format-specific parameters of `a=fmtp:<format> <parameters>` (RFC 8866 §6.15), read as
/// `name=value` pairs separated by `;` (the convention of RFC 7587 §7 for Opus, RFC 4733 for events).
public struct FormatParameters: Sendable, Hashable, CustomStringConvertible {
  public struct Parameter: Sendable, Hashable {
    public var name: String
    /// Nil for a bare item such as `111/111` (RED) or `0-16` (telephone-event).
    public var value: String?

    public init(name: String, value: String?) {
      self.name = name
      self.value = value
    }
  }

  public var parameters: [Parameter]

  public init(_ parameters: [Parameter] = []) {
    self.parameters = parameters
  }

  /// Parses `a=b;c=d` (spaces after `;` tolerated).
  public init(parsing text: some StringProtocol) {
    var parameters: [Parameter] = []
    for item in SDPGrammar.split(Substring(text), on: 0x3B) {
      var trimmed = item.drop { $0 == " " }
      while trimmed.last == " " { trimmed.removeLast() }
      guard !trimmed.isEmpty else { continue }
      if let equals = trimmed.utf8.firstIndex(of: 0x3D) {
        let name = trimmed[trimmed.startIndex..<equals]
        let value = trimmed[trimmed.utf8.index(after: equals)...]
        parameters.append(Parameter(name: String(name), value: String(value)))
      } else {
        parameters.append(Parameter(name: String(trimmed), value: nil))
      }
    }
    self.parameters = parameters
  }

  /// The value of the first parameter with this name (case-insensitive, RFC 7587 §7).
  public subscript(name: String) -> String? {
    parameters.first { SDPGrammar.equalsIgnoringCase($0.name, name) }?.value
  }

  /// `a=b;c=d`.
  public var description: String {
    parameters.map { parameter in parameter.value.map { "\(parameter.name)=\($0)" } ?? parameter.name }
      .joined(separator: ";")
  }
}
