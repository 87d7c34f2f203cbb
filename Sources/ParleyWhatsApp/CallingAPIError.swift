/// Why a calling API request failed (whatsapp-calling.md §1, §5).
public enum CallingAPIError: Error, Sendable, Equatable, CustomStringConvertible {
  /// WhatsApp answered with a Graph error.
  case graph(GraphError)
  /// No answer in time.
  case timeout
  /// The request did not complete (connection refused, reset, TLS, …).
  case transport(String)
  /// A status or body that is neither success nor a Graph error.
  case unexpectedResponse(status: Int, body: String)
  /// The provider does not offer this operation, or the request was malformed before sending.
  case unsupported(String)

  /// The Graph error code, if any.
  public var code: Int? {
    if case .graph(let error) = self { return error.code }
    return nil
  }

  /// True when trying again later may succeed: timeouts, transport failures, HTTP 5xx and 429.
  /// Whether it is *safe* to retry depends on the request (see `CallingAPIClient`).
  public var isRetryable: Bool {
    switch self {
    case .timeout, .transport: true
    case .graph(let error): error.httpStatus >= 500 || error.httpStatus == 429
    case .unexpectedResponse(let status, _): status >= 500 || status == 429
    case .unsupported: false
    }
  }

  public var description: String {
    switch self {
    case .graph(let error): error.description
    case .timeout: "WhatsApp API request timed out"
    case .transport(let reason): "WhatsApp API request failed: \(reason)"
    case .unexpectedResponse(let status, let body):
      "WhatsApp API answered HTTP \(status) with an unexpected body: \(body.isEmpty ? "(empty)" : body)"
    case .unsupported(let reason): "unsupported: \(reason)"
    }
  }
}
