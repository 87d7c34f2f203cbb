import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ParleyWhatsApp

/// `GET /webhook` (Meta's verification handshake) and `POST /webhook` (WhatsApp's calls, statuses and
/// permission replies): authenticated over the raw body, parsed, answered at once and processed after.
struct WebhookRoutes {
  let configuration: ServerConfiguration
  let authenticator: WebhookAuthenticator
  let inbox: AsyncStream<[WebhookEvent]>.Continuation
  let metrics: ServerMetrics
  let logger: Logger

  func add(to router: Router<BasicRequestContext>) {
    router.get("/webhook") { request, _ -> Response in
      let query = request.uri.queryParameters
      guard query["hub.mode"] == "subscribe", let token = configuration.webhookVerifyToken,
        let presented = query["hub.verify_token"],
        constantTimeEquals(Array(presented.utf8), Array(token.utf8)),
        let challenge = query["hub.challenge"]
      else {
        return Response(status: .forbidden)
      }
      return Response(
        status: .ok, headers: [.contentType: "text/plain"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: String(challenge))))
    }
    router.post("/webhook") { request, _ -> Response in
      var request = request
      let body = Array(buffer: try await request.collectBody(upTo: configuration.maxBodyBytes))
      switch authenticator.check(
        body: body,
        header: { name in
          guard let field = HTTPField.Name(name) else { return nil }
          return request.headers[field]
        })
      {
      case .accepted, .notConfigured: break
      case .missing(let reason):
        metrics.webhookRejected("missing_credentials")
        return JSONReply.error(reason, status: .unauthorized)
      case .rejected(let reason):
        metrics.webhookRejected("bad_credentials")
        logger.warning("webhook refused: \(reason)")
        return JSONReply.error(reason, status: .forbidden)
      }
      let events: [WebhookEvent]
      do {
        events = try Webhook.parse(body)
      } catch {
        metrics.webhookRejected("malformed")
        return JSONReply.error("malformed webhook: \(error)", status: .badRequest)
      }
      inbox.yield(events)
      return JSONReply.value(.object(["received": .number(Double(events.count))]))
    }
  }
}
