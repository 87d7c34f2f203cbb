public import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
public import ParleyWhatsApp

/// Events to the business's application (`PARLEY_EVENTS_URL`): JSON POSTs signed with
/// `X-Parley-Signature: sha256=<hex HMAC-SHA256(body, PARLEY_EVENTS_SECRET)>`, delivered in order,
/// retried a few times, never in the way of a call. Also kept in memory (the last 500) for tests
/// and `parley demo`.
public final class EventPublisher: Sendable {
  private let url: String?
  private let secret: String?
  private let client: HTTPClient?
  private let logger: Logger
  private let queue: AsyncStream<[UInt8]>.Continuation
  private let stream: AsyncStream<[UInt8]>
  private let recent = Recent()

  public init(url: String?, secret: String?, client: HTTPClient?, logger: Logger) {
    self.url = url
    self.secret = secret
    self.client = client
    self.logger = logger
    (stream, queue) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
  }

  /// Queues an event: `{"type", "created_at", "call": {...}, ...extra}`.
  public func publish(_ type: String, call: CallView?, extra: [String: JSONValue] = [:]) {
    var object = extra
    object["type"] = .string(type)
    object["created_at"] = .number(Date().timeIntervalSince1970)
    if let call, let data = try? JSONEncoder().encode(call), let value = try? JSONValue.decode(Array(data)) {
      object["call"] = value
    }
    let body = JSONValue.object(object).encoded()
    recent.append(type: type, body: body)
    if url != nil { queue.yield(body) }
  }

  /// The most recent events (type and body), oldest first.
  public var recentEvents: [(type: String, body: [UInt8])] { recent.all }

  /// Delivers queued events until cancelled.
  public func run() async {
    guard let url, let client else { return }
    for await body in stream {
      var request = HTTPClientRequest(url: url)
      request.method = .POST
      request.headers.add(name: "Content-Type", value: "application/json")
      if let secret {
        request.headers.add(name: "X-Parley-Signature", value: WebhookSignature.sign(body, secret: secret))
      }
      request.body = .bytes(ByteBuffer(bytes: body))
      for attempt in 1...3 {
        do {
          let response = try await client.execute(request, timeout: .seconds(5))
          _ = try? await response.body.collect(upTo: 64 * 1024)
          if (200..<300).contains(response.status.code) { break }
          logger.warning("event delivery: HTTP \(response.status.code) (attempt \(attempt))")
        } catch {
          logger.warning("event delivery failed (attempt \(attempt)): \(error)")
        }
        try? await Task.sleep(for: .milliseconds(200 * attempt))
      }
    }
  }

  public func finish() { queue.finish() }
}

private final class Recent: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [(type: String, body: [UInt8])] = []

  func append(type: String, body: [UInt8]) {
    lock.lock()
    defer { lock.unlock() }
    items.append((type, body))
    if items.count > 500 { items.removeFirst(items.count - 500) }
  }

  var all: [(type: String, body: [UInt8])] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}
