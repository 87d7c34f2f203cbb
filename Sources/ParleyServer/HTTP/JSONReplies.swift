import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ParleyWhatsApp

/// JSON in and out of routes, and the error body every failure shares: `{"error": "…"}`.
enum JSONReply {
  static func encode(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
    return bytes(Array(data), status: status)
  }

  static func value(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
    bytes(value.encoded(), status: status)
  }

  static func bytes(_ body: [UInt8], status: HTTPResponse.Status) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
  }

  static func error(_ message: String, status: HTTPResponse.Status, extra: [String: JSONValue] = [:]) -> Response {
    var object = extra
    object["error"] = .string(message)
    return value(.object(object), status: status)
  }

  static func error(_ error: ServerError) -> Response {
    self.error(error.description, status: HTTPResponse.Status(code: error.httpStatus))
  }

  static func error(_ error: CallingAPIError) -> Response {
    var extra: [String: JSONValue] = [:]
    if let code = error.code { extra["whatsapp_error_code"] = .number(Double(code)) }
    return self.error("calling API: \(error)", status: .badGateway, extra: extra)
  }

  static func error(any error: any Error) -> Response {
    switch error {
    case let error as ServerError: self.error(error)
    case let error as CallingAPIError: self.error(error)
    default: self.error(String(describing: error), status: .internalServerError)
    }
  }

  /// Decodes a JSON request body of at most `limit` bytes; an empty body decodes from `{}`.
  static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
    var request = request
    let buffer = try await request.collectBody(upTo: limit)
    let bytes = buffer.readableBytes == 0 ? Array("{}".utf8) : Array(buffer: buffer)
    do {
      return try JSONDecoder().decode(T.self, from: Data(bytes))
    } catch {
      throw HTTPError(.badRequest, message: "bad JSON body: \(JSONReply.describe(error))")
    }
  }

  static func describe(_ error: any Error) -> String {
    switch error as? DecodingError {
    case .keyNotFound(let key, _)?: "missing field \"\(key.stringValue)\""
    case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
      "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
    case .dataCorrupted?: "not valid JSON"
    default: String(describing: error)
    }
  }
}

/// `Authorization: Bearer $PARLEY_CONTROL_TOKEN` on the control API (constant-time compare).
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
  let token: String?

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    guard let token else { return try await next(request, context) }
    let presented = request.headers[.authorization] ?? ""
    guard constantTimeEquals(Array(presented.utf8), Array("Bearer \(token)".utf8)) else {
      return JSONReply.error("missing or wrong bearer token", status: .unauthorized)
    }
    return try await next(request, context)
  }
}

func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
  var difference = UInt8(a.count == b.count ? 0 : 1)
  for index in 0..<max(a.count, b.count) {
    difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
  }
  return difference == 0
}
