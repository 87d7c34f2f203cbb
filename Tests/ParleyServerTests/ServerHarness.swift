import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ParleyMedia
import ParleySandbox
import ParleyServer
import ParleyWhatsApp
import ServiceLifecycle

/// A Parley server whose calling API is the sandbox (in memory, no HTTP), with its call-processing
/// service running, for Hummingbird router-mode tests.
struct ServerHarness {
  static let secret = "harness-secret"
  static let token = "harness-token"
  let server: ParleyServer
  let sandbox: SandboxHost
  let group: ServiceGroup
  let task: Task<Void, any Error>

  static func start(policy: String = "accept", dataDirectory: String? = nil) throws -> ServerHarness {
    var logger = Logger(label: "harness")
    logger.logLevel = .warning
    let sandbox = try SandboxHost(
      configuration: SandboxConfiguration(apiKey: "k"), addresses: ["127.0.0.1"], httpClient: .shared, logger: logger)
    var configuration = try ServerConfiguration.resolve([
      "api_key": "k", "api_base_url": "http://sandbox.invalid", "inbound_policy": policy, "app_secret": secret,
      "webhook_verify_token": "verify-me", "control_token": token, "media_addresses": "127.0.0.1",
      "drain_seconds": "0",
    ])
    configuration.maxBodyBytes = 64 * 1024
    configuration.dataDirectory = dataDirectory
    let server = try ParleyServer(
      configuration: configuration, logger: logger, httpClient: .shared,
      transport: SandboxTransport(cloud: sandbox.cloud))
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [server.coreService()], gracefulShutdownSignals: [], logger: logger))
    return ServerHarness(server: server, sandbox: sandbox, group: group, task: Task { try await group.run() })
  }

  func stop() async {
    await group.triggerGracefulShutdown()
    _ = try? await task.value
    sandbox.stop()
  }

  func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
    try await Application(router: server.makeRouter()).test(.router, body)
  }

  /// A signed POST /webhook.
  static func postWebhook(_ client: some TestClientProtocol, _ body: [UInt8], signature: String? = nil) async throws
    -> HTTPResponse.Status
  {
    var headers: HTTPFields = [.contentType: "application/json"]
    headers[HTTPField.Name("X-Hub-Signature-256")!] = signature ?? WebhookSignature.sign(body, secret: secret)
    return try await client.execute(
      uri: "/webhook", method: .post, headers: headers, body: ByteBuffer(bytes: body)
    ) { $0.status }
  }

  /// Polls until `condition` holds (5 s at most).
  func eventually(_ condition: @Sendable () async -> Bool) async -> Bool {
    for _ in 0..<250 {
      if await condition() { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return false
  }

  /// A phone about to call the business from `number`: its WhatsApp-shaped offer, known to the cloud as `id`.
  func expectCall(id: String, from number: String, app: LegApp) async throws -> (phone: EmulatedPhone, offer: String) {
    let phone = try sandbox.makePhone(number: number, app: app)
    let offer = try phone.makeOffer()
    await sandbox.cloud.expectCall(id: id, from: number, phone: phone, offer: offer)
    return (phone, offer)
  }

  /// The same, with its connect webhook posted; `active` tells whether Parley then connected the call.
  func answeredCall(id: String, from number: String, app: LegApp) async throws -> (phone: EmulatedPhone, active: Bool) {
    let (phone, offer) = try await expectCall(id: id, from: number, app: app)
    _ = try await test { client in
      try await ServerHarness.postWebhook(client, ServerHarness.connectBody(callID: id, offer: offer))
    }
    return (phone, await eventually { await server.controller.call(id)?.state == "active" })
  }

  static func connectBody(callID: String, offer: String, timestamp: Int64 = 1_750_000_000) -> [UInt8] {
    WebhookBody.connect(
      CallConnect(
        callID: callID, from: "15557770002", to: "15550000000", direction: .userInitiated, timestamp: timestamp,
        sdpType: "offer", sdp: offer),
      wabaID: "1", phoneNumberID: "100000000000001", displayPhoneNumber: "15550000000")
  }
}
