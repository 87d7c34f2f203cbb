/// A shared-secret header that 360dialog is told to send with every webhook
/// (`PARLEY_WEBHOOK_AUTH_HEADER`, whatsapp-calling.md §2.8), written `Name: value`.
public struct WebhookHeaderSecret: Sendable, Equatable, CustomStringConvertible {
  /// The header name, as configured (compared case-insensitively by the HTTP layer).
  public var name: String
  /// The secret value.
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }

  /// Parses `Name: value`. The name must be an HTTP token; the value is trimmed and may not be
  /// empty.
  public init(parsing text: String) throws(WebhookHeaderSecretError) {
    guard let colon = text.firstIndex(of: ":") else { throw .missingColon }
    let name = String(text[..<colon]).trimmingSpaces
    let value = String(text[text.index(after: colon)...]).trimmingSpaces
    guard !name.isEmpty else { throw .emptyName }
    guard name.utf8.allSatisfy(Self.isTokenByte) else { throw .invalidName(name) }
    guard !value.isEmpty else { throw .emptyValue(name) }
    self.init(name: name, value: value)
  }

  /// The name with the secret hidden.
  public var description: String { "\(name): ***" }

  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
  }
}

/// Why a `Name: value` header setting could not be read.
public enum WebhookHeaderSecretError: Error, Sendable, Equatable, CustomStringConvertible {
  case missingColon
  case emptyName
  case invalidName(String)
  case emptyValue(String)

  public var description: String {
    switch self {
    case .missingColon: "webhook auth header must be written \"Name: value\""
    case .emptyName: "webhook auth header has an empty name"
    case .invalidName(let name): "webhook auth header name \"\(name)\" is not a valid HTTP header name"
    case .emptyValue(let name): "webhook auth header \"\(name)\" has an empty value"
    }
  }
}
