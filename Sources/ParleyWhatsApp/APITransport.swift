/// One HTTP request of the calling API (whatsapp-calling.md §1), as plain values so that the
/// client can be tested without a network and the server can send it with any HTTP client.
public struct APIRequest: Sendable, Equatable {
  /// `GET` or `POST`.
  public var method: String
  public var url: String
  public var headers: [APIHeader]
  public var body: [UInt8]?
  /// How long the transport may wait for the answer.
  public var timeoutMilliseconds: Int

  public init(method: String, url: String, headers: [APIHeader], body: [UInt8]? = nil, timeoutMilliseconds: Int) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeoutMilliseconds = timeoutMilliseconds
  }

  /// The first header named `name`, compared case-insensitively.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}

/// An HTTP header.
public struct APIHeader: Sendable, Equatable {
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// An HTTP answer: any status, the whole body.
public struct APIResponse: Sendable, Equatable {
  public var status: Int
  public var body: [UInt8]

  public init(status: Int, body: [UInt8]) {
    self.status = status
    self.body = body
  }
}

/// Sends requests. Throws `CallingAPIError.timeout` or `.transport(_)`; anything else it throws
/// counts as a transport failure. Non-2xx answers are returned, not thrown.
public protocol APITransport: Sendable {
  func send(_ request: APIRequest) async throws -> APIResponse
}
