internal import Foundation

extension CallingAPIClient {
  /// Builds and sends one request, retrying when `idempotent` and the error is retryable.
  /// Returns only 2xx answers.
  func send(_ method: String, _ url: String, body: [UInt8]?, idempotent: Bool) async throws(CallingAPIError)
    -> APIResponse
  {
    var headers = [provider.authHeader]
    if body != nil { headers.append(APIHeader(name: "Content-Type", value: "application/json")) }
    let request = APIRequest(
      method: method, url: url, headers: headers, body: body, timeoutMilliseconds: retry.timeoutMilliseconds)
    let attempts = idempotent ? max(1, retry.attempts) : 1
    var attempt = 1
    while true {
      let failure: CallingAPIError
      do {
        return try await sendOnce(request)
      } catch {
        failure = error
      }
      guard attempt < attempts, failure.isRetryable else { throw failure }
      // A cancelled sleep ends the retries with the last failure.
      do { try await sleep(retry.backoffMilliseconds(afterTry: attempt)) } catch { throw failure }
      attempt += 1
    }
  }

  private func sendOnce(_ request: APIRequest) async throws(CallingAPIError) -> APIResponse {
    let response: APIResponse
    do {
      response = try await transport.send(request)
    } catch let error as CallingAPIError {
      throw error
    } catch {
      throw .transport(String(describing: error))
    }
    guard (200..<300).contains(response.status) else {
      if let graph = GraphError.parse(status: response.status, body: response.body) { throw .graph(graph) }
      throw unexpected(response)
    }
    return response
  }

  /// Accepts `{"success":true}` and any other 2xx body except an explicit `success:false` or
  /// a Graph error.
  func checkSuccess(_ response: APIResponse) throws(CallingAPIError) {
    if let graph = GraphError.parse(status: response.status, body: response.body) { throw .graph(graph) }
    if let json = try? JSONValue.decode(response.body), json["success"]?.boolValue == false {
      throw unexpected(response)
    }
  }

  func unexpected(_ response: APIResponse) -> CallingAPIError {
    let text = String(decoding: response.body.prefix(1024), as: UTF8.self)
    return .unexpectedResponse(status: response.status, body: text)
  }

  func encode(_ value: some Encodable) throws(CallingAPIError) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return [UInt8](try encoder.encode(value))
    } catch {
      throw .unsupported("could not encode the request: \(error)")
    }
  }

  func decode<T: Decodable>(_ type: T.Type, _ response: APIResponse) -> T? {
    try? JSONDecoder().decode(type, from: Data(response.body))
  }
}
