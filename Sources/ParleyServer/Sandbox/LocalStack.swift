public import AsyncHTTPClient
import Foundation
public import Logging
public import ParleySandbox
import ParleyWhatsApp
import ServiceLifecycle

/// `parley serve` and the sandbox in one process on loopback, for `parley demo`, the end-to-end
/// tests and `parley bench`: the sandbox's API and webhooks go over real HTTP, media over real UDP.
public final class LocalStack: Sendable {
  public let sandbox: SandboxHost
  public let server: ParleyServer
  public let sandboxPort: Int
  public let serverPort: Int
  public let httpClient: HTTPClient
  private let tasks: [Task<Void, any Error>]
  private let groups: [ServiceGroup]

  /// Starts the sandbox, then Parley pointed at it (360dialog layout, header-authenticated webhooks,
  /// webhook URL registered through the API as a user would).
  public static func start(
    addresses: [String], policy: String = "ask", app: String = "echo", logger: Logger,
    configure: (inout ServerConfiguration) -> Void = { _ in }
  ) async throws -> LocalStack {
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    let secret = String(UInt64.random(in: 1...UInt64.max), radix: 36)
    let sandboxConfiguration = SandboxConfiguration(apiKey: "sandbox-\(secret)")
    let sandbox = try SandboxHost(
      configuration: sandboxConfiguration, addresses: addresses, httpClient: client, logger: logger)
    let (sandboxGroup, sandboxTask, sandboxPort) = try await launch(logger: logger) { onRunning in
      [sandbox.httpService(host: "127.0.0.1", port: 0, onRunning: onRunning), sandbox.deliveryService()]
    }

    let settings = [
      "provider": "360dialog", "api_key": sandboxConfiguration.apiKey,
      "api_base_url": "http://127.0.0.1:\(sandboxPort)", "http_port": "0",
      "media_addresses": addresses.joined(separator: ","), "inbound_policy": policy, "inbound_app": app,
      "webhook_auth_header": "X-Parley-Sandbox: \(secret)", "drain_seconds": "2",
    ]
    var configuration = try ServerConfiguration.resolve(settings)
    configure(&configuration)
    let server = try ParleyServer(configuration: configuration, logger: logger, httpClient: client)
    let (serverGroup, serverTask, serverPort) = try await launch(logger: logger) { onRunning in
      [server.httpService(onRunning: onRunning), server.coreService()]
    }
    try await server.api.registerWebhook(
      url: "http://127.0.0.1:\(serverPort)/webhook", headers: [APIHeader(name: "X-Parley-Sandbox", value: secret)])
    return LocalStack(
      sandbox: sandbox, server: server, sandboxPort: sandboxPort, serverPort: serverPort, httpClient: client,
      tasks: [sandboxTask, serverTask], groups: [sandboxGroup, serverGroup])
  }

  private init(
    sandbox: SandboxHost, server: ParleyServer, sandboxPort: Int, serverPort: Int, httpClient: HTTPClient,
    tasks: [Task<Void, any Error>], groups: [ServiceGroup]
  ) {
    self.sandbox = sandbox
    self.server = server
    self.sandboxPort = sandboxPort
    self.serverPort = serverPort
    self.httpClient = httpClient
    self.tasks = tasks
    self.groups = groups
  }

  /// Runs the services `make` builds (given a callback for the HTTP port) until the group is shut down.
  private static func launch(
    logger: Logger, _ make: (@escaping @Sendable (Int) async -> Void) -> [any Service]
  ) async throws -> (ServiceGroup, Task<Void, any Error>, Int) {
    let (ports, sink) = AsyncStream<Int>.makeStream()
    let services = make { port in sink.yield(port) }
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: services.map { .init(service: $0) }, gracefulShutdownSignals: [], logger: logger))
    let task = Task { try await group.run() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else { throw ServerError.unavailable("no HTTP port") }
    return (group, task, port)
  }

  /// Graceful shutdown: Parley drains and terminates live calls, then the sandbox stops.
  public func stop() async {
    for (group, task) in zip(groups, tasks).reversed() {
      await group.triggerGracefulShutdown()
      _ = try? await task.value
    }
    sandbox.stop()
    try? await httpClient.shutdown()
  }
}
