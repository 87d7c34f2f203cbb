import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ParleyServer
import ParleyWhatsApp
import ServiceLifecycle
import Synchronization
import Testing

/// Events reach PARLEY_EVENTS_URL as signed JSON POSTs, in order.
@Suite struct EventPublisherTests {
  final class Inbox: Sendable {
    let received = Mutex<[(body: [UInt8], signature: String?)]>([])
  }

  @Test func eventsArePostedSignedAndInOrder() async throws {
    let inbox = Inbox()
    let router = Router()
    router.post("/events") { request, _ -> HTTPResponse.Status in
      var request = request
      let body = Array(buffer: try await request.collectBody(upTo: 1 << 20))
      let signature = request.headers[HTTPField.Name("X-Parley-Signature")!]
      inbox.received.withLock { $0.append((body, signature)) }
      return .ok
    }
    let (ports, sink) = AsyncStream<Int>.makeStream()
    let app = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { sink.yield($0.localAddress?.port ?? 0) })
    let logger = Logger(label: "events-test")
    let group = ServiceGroup(services: [app], logger: logger)
    let server = Task { try await group.run() }
    var iterator = ports.makeAsyncIterator()
    let port = try #require(await iterator.next())

    let publisher = EventPublisher(
      url: "http://127.0.0.1:\(port)/events", secret: "event-secret", client: .shared, logger: logger)
    let delivery = Task { await publisher.run() }
    publisher.publish("call.ringing", call: nil, extra: ["n": .number(1)])
    publisher.publish("call.ended", call: nil, extra: ["n": .number(2), "reason": .string("completed")])
    for _ in 0..<200 where inbox.received.withLock({ $0.count }) < 2 { try await Task.sleep(for: .milliseconds(10)) }
    publisher.finish()
    await delivery.value
    await group.triggerGracefulShutdown()
    _ = try? await server.value

    let received = inbox.received.withLock { $0 }
    #expect(received.count == 2)
    for event in received {
      #expect(WebhookSignature.verify(event.signature, body: event.body, secret: "event-secret"))
      #expect(!WebhookSignature.verify(event.signature, body: event.body, secret: "another-secret"))
    }
    let types = try received.map { try JSONValue.decode($0.body)["type"]?.stringValue }
    #expect(types == ["call.ringing", "call.ended"])
    #expect(try JSONValue.decode(received[1].body)["reason"]?.stringValue == "completed")
  }
}
