public import AsyncHTTPClient
import Foundation
public import Hummingbird
public import Logging
import NIOCore
import NIOPosix
import ParleyMedia
public import ParleyWhatsApp
public import ServiceLifecycle
import UnixSignals

/// `parley serve`: the webhook receiver, the control API and the media workers, wired together.
public final class ParleyServer: Sendable {
  public let configuration: ServerConfiguration
  public let controller: CallController
  public let media: MediaEngine
  public let events: EventPublisher
  public let metrics: ServerMetrics
  public let api: CallingAPIClient
  public let participants: RoomParticipants
  let httpClient: HTTPClient
  let ownsClient: Bool
  let logger: Logger
  let inbox: AsyncStream<[WebhookEvent]>
  let inboxSink: AsyncStream<[WebhookEvent]>.Continuation

  /// - Parameter transport: the calling API's transport; AsyncHTTPClient when nil (tests pass the sandbox's).
  public init(
    configuration: ServerConfiguration, logger: Logger, httpClient: HTTPClient? = nil,
    transport: (any APITransport)? = nil
  ) throws {
    self.configuration = configuration
    self.logger = logger
    self.ownsClient = httpClient == nil
    let client = httpClient ?? HTTPClient(eventLoopGroupProvider: .singleton)
    self.httpClient = client
    self.media = try MediaEngine(
      addresses: configuration.mediaAddresses, publicAddress: configuration.publicAddress,
      opusComplexity: configuration.opusComplexity)
    self.metrics = ServerMetrics()
    self.events = EventPublisher(
      url: configuration.eventsURL, secret: configuration.eventsSecret, client: client, logger: logger)
    // Five attempts over about three seconds: a webhook answered 200 is acted on through a brief outage.
    self.api = CallingAPIClient(
      provider: configuration.provider, transport: transport ?? AsyncHTTPTransport(client: client),
      retry: RetryPolicy(
        attempts: 5, initialBackoffMilliseconds: 100, multiplier: 2, maxBackoffMilliseconds: 1_600,
        timeoutMilliseconds: 5_000))
    self.controller = CallController(
      configuration: configuration, api: api, media: media, events: events, metrics: metrics, logger: logger)
    self.participants = RoomParticipants(media: media)
    (inbox, inboxSink) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
  }

  /// The Hummingbird routes of DESIGN.md §1.
  /// Public for tests in Hummingbird's router mode.
  public func makeRouter() -> Router<BasicRequestContext> {
    let router = Router()
    let authenticator = WebhookAuthenticator(appSecret: configuration.appSecret, header: configuration.webhookHeader)
    WebhookRoutes(
      configuration: configuration, authenticator: authenticator, inbox: inboxSink, metrics: metrics, logger: logger
    ).add(to: router)
    let v1 = router.group("v1").add(middleware: BearerAuthMiddleware(token: configuration.controlToken))
    ControlRoutes(controller: controller, participants: participants, api: api, limit: configuration.maxBodyBytes)
      .add(to: v1)
    let controller = self.controller
    let metrics = self.metrics
    router.get("/metrics") { _, _ -> Response in
      let body = metrics.exposition(states: await controller.stateCounts)
      return Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
    router.get("/health") { _, _ in JSONReply.value(.object(["status": .string("ok")])) }
    router.get("/ready") { _, _ -> Response in
      await controller.isDraining
        ? JSONReply.value(.object(["ready": .bool(false)]), status: .serviceUnavailable)
        : JSONReply.value(.object(["ready": .bool(true)]))
    }
    return router
  }

  /// The HTTP service; `onRunning` learns the bound port (useful with port 0).
  public func httpService(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> any Service {
    Application(
      router: makeRouter(),
      configuration: ApplicationConfiguration(
        address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "parley"),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
      logger: logger)
  }

  /// The call-handling service: processes webhooks and deadlines; on graceful shutdown it stops taking
  /// calls, lets live ones run up to `drainSeconds`, then terminates them through the calling API.
  public func coreService() -> any Service { CoreService(server: self) }

  /// Runs both until SIGTERM/SIGINT (the HTTP server outlives the drain: webhooks keep arriving).
  public func run() async throws {
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [.init(service: httpService()), .init(service: coreService())],
        gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
    try await shutdownClient()
  }

  func shutdownClient() async throws {
    if ownsClient { try await httpClient.shutdown() }
  }

  struct CoreService: Service {
    let server: ParleyServer

    func run() async throws {
      let server = self.server
      await withTaskGroup(of: Void.self) { group in
        group.addTask { await server.controller.run() }
        group.addTask { await server.events.run() }
        group.addTask {
          for await batch in server.inbox { await server.controller.process(batch) }
        }
        try? await gracefulShutdown()
        server.logger.info("shutting down: draining calls for up to \(server.configuration.drainSeconds) s")
        await server.controller.drain(seconds: server.configuration.drainSeconds)
        server.participants.closeAll()
        server.inboxSink.finish()
        server.events.finish()
        group.cancelAll()
      }
      server.media.stop()
    }
  }
}
