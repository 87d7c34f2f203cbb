import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import ParleySandbox
import ParleyServer
import ServiceLifecycle
import UnixSignals

struct SandboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sandbox",
    abstract: "An emulated WhatsApp Cloud API (360dialog and Meta layouts) with emulated phones.",
    discussion: """
      Point parley serve at it with PARLEY_API_BASE_URL=http://127.0.0.1:PORT. Webhooks go to --webhook-url \
      (or the URL registered through POST /v1/configs/webhook), signed with --app-secret (Meta) and/or \
      carrying --webhook-header. Controls: POST /sandbox/calls {"from": "15551234567"} (a user calls the \
      business), POST /sandbox/calls/{id}/hangup, POST /sandbox/phones {"number", "rejects", "permission"}, \
      GET /sandbox/calls, GET /sandbox/requests.
      """)

  @Option(help: "Listen port.") var port: Int = 8090
  @Option(help: "The D360-API-KEY it expects.") var apiKey: String = "sandbox-key"
  @Option(help: "The bearer token it expects (Meta layout).") var accessToken: String = "sandbox-token"
  @Option(help: "The phone-number id (Meta layout).") var phoneNumberID: String = "100000000000001"
  @Option(help: "Where to deliver webhooks.") var webhookURL: String?
  @Option(help: "Sign webhooks with this app secret (X-Hub-Signature-256).") var appSecret: String?
  @Option(help: "A header to send with each webhook, \"Name: value\".") var webhookHeader: String?
  @Option(help: "Addresses the phones gather ICE candidates on.") var mediaAddresses: String = "127.0.0.1"

  func run() async throws {
    let logger = Logger(label: "parley-sandbox")
    var headers: [(name: String, value: String)] = []
    if let webhookHeader {
      let parts = webhookHeader.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard parts.count == 2, !parts[0].isEmpty else {
        throw ValidationError("--webhook-header must be \"Name: value\"")
      }
      headers.append((parts[0], parts[1]))
    }
    let configuration = SandboxConfiguration(
      apiKey: apiKey, accessToken: accessToken, phoneNumberID: phoneNumberID, webhookURL: webhookURL,
      appSecret: appSecret, webhookHeaders: headers)
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    let host = try SandboxHost(
      configuration: configuration, addresses: mediaAddresses.split(separator: ",").map(String.init),
      httpClient: client, logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [
          .init(
            service: host.httpService(host: "127.0.0.1", port: port) { port in
              print(
                "WhatsApp sandbox on http://127.0.0.1:\(port) (360dialog: /calling/..., Meta: /v23.0/\(configuration.phoneNumberID)/...)"
              )
            }),
          .init(service: host.deliveryService()),
        ], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
    host.stop()
    try await client.shutdown()
  }
}
