public import AsyncHTTPClient
import NIOCore
import NIOHTTP1
public import ParleyWhatsApp

/// The calling API's transport over AsyncHTTPClient: one request, one response, a deadline; the
/// client above decides about retries.
public struct AsyncHTTPTransport: APITransport {
  public let client: HTTPClient
  /// Largest response body read (Graph responses are small).
  public var maxResponseBytes = 1 << 20

  public init(client: HTTPClient) { self.client = client }

  public func send(_ request: APIRequest) async throws -> APIResponse {
    var outbound = HTTPClientRequest(url: request.url)
    outbound.method = HTTPMethod(rawValue: request.method)
    for header in request.headers { outbound.headers.add(name: header.name, value: header.value) }
    if let body = request.body { outbound.body = .bytes(ByteBuffer(bytes: body)) }
    do {
      let response = try await client.execute(outbound, timeout: .milliseconds(Int64(request.timeoutMilliseconds)))
      let body = try await response.body.collect(upTo: maxResponseBytes)
      return APIResponse(status: Int(response.status.code), body: Array(buffer: body))
    } catch let error as HTTPClientError
      where error == .deadlineExceeded || error == .readTimeout
      || error == .connectTimeout
    {
      throw CallingAPIError.timeout
    } catch let error as CallingAPIError {
      throw error
    } catch {
      throw CallingAPIError.transport(String(describing: error))
    }
  }
}
