/// Errors the server reports to its callers: each maps to an HTTP status and a one-line reason.
public enum ServerError: Error, Sendable, Equatable, CustomStringConvertible {
  case badRequest(String)
  case notFound(String)
  case conflict(String)
  case unavailable(String)
  case media(String)
  case configuration(String)

  public var description: String {
    switch self {
    case .badRequest(let reason), .notFound(let reason), .conflict(let reason), .unavailable(let reason),
      .media(let reason), .configuration(let reason):
      reason
    }
  }

  public var httpStatus: Int {
    switch self {
    case .badRequest, .configuration: 400
    case .notFound: 404
    case .conflict: 409
    case .unavailable: 503
    case .media: 422
    }
  }
}
