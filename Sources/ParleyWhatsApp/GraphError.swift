/// A Graph API error: `{"error":{"message","type","code","error_subcode","error_data":{"details"},
/// "fbtrace_id"}}` with the HTTP status it came with (whatsapp-calling.md §5). 360dialog passes
/// the same shape through.
public struct GraphError: Error, Sendable, Equatable, CustomStringConvertible {
  public var httpStatus: Int
  public var code: Int
  public var subcode: Int?
  /// Meta's own text.
  public var message: String
  public var type: String?
  /// `error_data.details` (why an SDP failed validation, when the next call is allowed, …);
  /// other `error_data` is kept as compact JSON.
  public var details: String?
  public var fbtraceID: String?

  public init(
    httpStatus: Int, code: Int, subcode: Int? = nil, message: String, type: String? = nil, details: String? = nil,
    fbtraceID: String? = nil
  ) {
    self.httpStatus = httpStatus
    self.code = code
    self.subcode = subcode
    self.message = message
    self.type = type
    self.details = details
    self.fbtraceID = fbtraceID
  }

  /// What the code means, from the table in §5; nil for codes not listed there.
  public var meaning: String? { Self.meanings[code] }

  /// What to do about it (360dialog's table for 138000/138001/138006/138012, ours otherwise).
  public var resolution: String? { Self.resolutions[code] }

  /// `WhatsApp error 138006 (HTTP 401): No approved call permission from the user — Trigger call
  /// permission request first`; Meta's message stands in for an unlisted code, and
  /// `error_data.details` follows when present.
  public var description: String {
    var text = "WhatsApp error \(code)"
    if let subcode { text += "/\(subcode)" }
    text += " (HTTP \(httpStatus)): " + (meaning ?? (message.isEmpty ? "no message" : message))
    if let resolution { text += " — " + resolution }
    if let details, !details.isEmpty { text += " (\(details))" }
    return text
  }

  /// The error in Graph's body shape, `{"error":{…}}` (for an emulated API to answer with).
  public var body: JSONValue {
    var error: [String: JSONValue] = ["message": .string(message), "code": .number(Double(code))]
    error["type"] = type.map(JSONValue.string)
    error["error_subcode"] = subcode.map { .number(Double($0)) }
    error["error_data"] = details.map { .object(["details": .string($0)]) }
    error["fbtrace_id"] = fbtraceID.map(JSONValue.string)
    return .object(["error": .object(error)])
  }

  /// Reads a Graph error body; nil when `body` is not one (no `error` object with an integer
  /// `code`).
  public static func parse(status: Int, body: [UInt8]) -> GraphError? {
    guard let json = try? JSONValue.decode(body), let error = json["error"], error.objectValue != nil,
      let code = error["code"]?.integerValue.flatMap({ Int(exactly: $0) })
    else { return nil }
    var details: String?
    if let data = error["error_data"] {
      if let text = data["details"]?.stringValue {
        details = text
      } else if let text = data.stringValue {
        details = text
      } else if !data.isNull {
        details = String(decoding: data.encoded(), as: UTF8.self)
      }
    }
    return GraphError(
      httpStatus: status, code: code, subcode: error["error_subcode"]?.integerValue.flatMap { Int(exactly: $0) },
      message: error["message"]?.stringValue ?? error["error_user_msg"]?.stringValue ?? "",
      type: error["type"]?.stringValue, details: details, fbtraceID: error["fbtrace_id"]?.stringValue)
  }
}
