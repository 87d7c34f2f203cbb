import AsyncHTTPClient

enum HTTPClientHolder {
  static func make() -> HTTPClient { HTTPClient(eventLoopGroupProvider: .singleton) }
}
