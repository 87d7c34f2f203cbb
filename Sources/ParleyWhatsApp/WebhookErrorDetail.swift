/// An error object inside a webhook: `{"code","message","error_data":{"details"}}`
/// (whatsapp-calling.md §2.4, codes in §5).
public struct WebhookErrorDetail: Sendable, Equatable, Codable {
  public var code: Int
  /// `message`, or `title` when there is no message.
  public var message: String?
  /// `error_data.details`.
  public var details: String?

  public init(code: Int, message: String? = nil, details: String? = nil) {
    self.code = code
    self.message = message
    self.details = details
  }

  private enum CodingKeys: String, CodingKey {
    case code, message, title
    case errorData = "error_data"
  }

  private enum ErrorDataKeys: String, CodingKey { case details }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    code = try container.decode(Int.self, forKey: .code)
    message =
      try container.decodeIfPresent(String.self, forKey: .message)
      ?? container.decodeIfPresent(String.self, forKey: .title)
    if container.contains(.errorData), try !container.decodeNil(forKey: .errorData) {
      let data = try container.nestedContainer(keyedBy: ErrorDataKeys.self, forKey: .errorData)
      details = try data.decodeIfPresent(String.self, forKey: .details)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(code, forKey: .code)
    try container.encodeIfPresent(message, forKey: .message)
    if let details {
      var data = container.nestedContainer(keyedBy: ErrorDataKeys.self, forKey: .errorData)
      try data.encode(details, forKey: .details)
    }
  }

  /// Reads one error object leniently; nil when it has no integer `code`.
  init?(json: JSONValue) {
    guard let code = json["code"]?.integerValue, let small = Int(exactly: code) else { return nil }
    self.code = small
    message = json["message"]?.stringValue ?? json["title"]?.stringValue
    details = json["error_data"]?["details"]?.stringValue
  }

  /// The webhook form of this error.
  var json: JSONValue {
    var members: [String: JSONValue] = ["code": .number(Double(code))]
    if let message { members["message"] = .string(message) }
    if let details { members["error_data"] = .object(["details": .string(details)]) }
    return .object(members)
  }
}
