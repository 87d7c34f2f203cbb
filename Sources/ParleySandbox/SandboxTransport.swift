import Foundation
public import ParleyWhatsApp

/// The calling-API transport straight into a ``SandboxCloud``, without HTTP: for tests of the client
/// and the server against the emulated API.
public struct SandboxTransport: APITransport {
  public let cloud: SandboxCloud

  public init(cloud: SandboxCloud) { self.cloud = cloud }

  public func send(_ request: APIRequest) async throws -> APIResponse {
    guard let schemeEnd = request.url.range(of: "://") else { throw CallingAPIError.transport("bad URL") }
    let rest = request.url[schemeEnd.upperBound...]
    let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
    let target = rest[pathStart...]
    let (path, queryText) =
      if let question = target.firstIndex(of: "?") {
        (String(target[..<question]), String(target[target.index(after: question)...]))
      } else { (String(target), "") }
    var query: [String: String] = [:]
    for pair in queryText.split(separator: "&") {
      // Values arrive percent-encoded (`user_wa_id=%2B1555…`); the HTTP routes hand them over decoded.
      let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
      if parts.count == 2 { query[parts[0]] = parts[1] }
    }
    let headers = request.headers
    let response = await cloud.handle(
      method: request.method, path: path, query: query,
      header: { name in headers.first { $0.name.lowercased() == name.lowercased() }?.value },
      body: request.body ?? [])
    return APIResponse(status: response.status, body: response.body)
  }
}
