/// An `a=group:<semantics> <mid> ...` line (RFC 5888 §5), e.g. `a=group:BUNDLE audio` (RFC 9143).
public struct MediaGroup: Sendable, Hashable, CustomStringConvertible {
  public var semantics: String
  public var mids: [String]

  public init(semantics: String, mids: [String]) {
    self.semantics = semantics
    self.mids = mids
  }

  /// Parses the value after `a=group:`; nil when it is not a token list.
  public init?(attributeValue: String) {
    let parts = SDPGrammar.split(attributeValue[...], on: 0x20).filter { !$0.isEmpty }
    guard let semantics = parts.first, parts.allSatisfy({ SDPGrammar.isToken($0) }) else { return nil }
    self.init(semantics: String(semantics), mids: parts.dropFirst().map(String.init))
  }

  /// The value after `a=group:`.
  public var description: String { ([semantics] + mids).joined(separator: " ") }
}
