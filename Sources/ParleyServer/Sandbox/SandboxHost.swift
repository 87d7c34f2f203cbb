public import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
public import Logging
import NIOCore
import NIOHTTP1
public import ParleyDTLS
public import ParleyMedia
public import ParleyNice
public import ParleySandbox
import ParleyWhatsApp
public import ServiceLifecycle

/// `parley sandbox`: the emulated calling API served over HTTP (both path layouts), its webhooks
/// delivered over HTTP, and emulated phones on Parley's own media engine (ICE-lite, DTLS both roles).
public final class SandboxHost: Sendable {
  public let cloud: SandboxCloud
  public let workers: MediaWorkerPool
  public let loops: NiceLoopPool
  public let context: DTLSContext
  public let addresses: [String]
  /// The phones' network when they ask for one (``PhoneBehaviour/throughNetworkEmulator``).
  public let network = NetworkEmulator()
  let logger: Logger

  public init(configuration: SandboxConfiguration, addresses: [String], httpClient: HTTPClient, logger: Logger) throws {
    self.addresses = addresses
    self.logger = logger
    // One worker per core: one worker ticking 50 phones runs late in bursts and its lateness shows up as
    // jitter at Parley (measured: Parley's jitter buffer at 89 ms with 50 echo calls on one phone worker).
    workers = MediaWorkerPool(count: nil, name: "sandbox-media")
    loops = NiceLoopPool(count: 1, name: "sandbox-net")
    context = try DTLSContext(certificate: try DTLSCertificate.generate(commonName: "whatsapp-sandbox"))
    cloud = SandboxCloud(configuration: configuration) { url, body, headers in
      var request = HTTPClientRequest(url: url)
      request.method = .POST
      for (name, value) in headers { request.headers.add(name: name, value: value) }
      request.body = .bytes(ByteBuffer(bytes: body))
      do {
        let response = try await httpClient.execute(request, timeout: .seconds(5))
        _ = try? await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
      } catch {
        logger.debug("webhook delivery to \(url) failed: \(error)")
        return 0
      }
    }
  }

  public func stop() {
    workers.stop()
    loops.stop()
    network.stop()
  }

  /// A phone that plays `app` (e.g. `.probe(LatencyProbe())` to measure the echo, `.tone(frequency:)`).
  public func makePhone(number: String, app: LegApp, behaviour: PhoneBehaviour = PhoneBehaviour()) throws
    -> EmulatedPhone
  {
    try EmulatedPhone(
      number: number, worker: workers.nextWorker(), loop: loops.nextLoop(), context: context, addresses: addresses,
      app: app, behaviour: behaviour, network: behaviour.throughNetworkEmulator ? network : nil)
  }

  /// A user calls the business from a new phone: its WhatsApp-shaped offer goes out in a connect webhook.
  public func callBusiness(from number: String, app: LegApp, behaviour: PhoneBehaviour = PhoneBehaviour())
    async throws -> (callID: String, phone: EmulatedPhone)
  {
    let phone = try makePhone(number: number, app: app, behaviour: behaviour)
    let offer = try phone.makeOffer()
    let id = await cloud.placeUserCall(from: number, phone: phone, offer: offer, contactName: "Sandbox \(number)")
    return (id, phone)
  }

  /// A phone the business can call (`POST /v1/calls`).
  public func addPhone(number: String, app: LegApp, profile: PhoneProfile = PhoneProfile()) async throws
    -> EmulatedPhone
  {
    let phone = try makePhone(number: number, app: app)
    await cloud.register(phone, number: number, profile: profile)
    return phone
  }

  /// The emulated API plus developer controls under `/sandbox`.
  public func httpService(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
    -> any Service
  {
    let router = Router()
    SandboxRoutes(host: self).add(to: router)
    return Application(
      router: router,
      configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "whatsapp-sandbox"),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) }, logger: logger)
  }

  /// The webhook deliverer, as a service.
  public func deliveryService() -> any Service { Delivery(cloud: cloud) }

  struct Delivery: Service {
    let cloud: SandboxCloud
    func run() async throws {
      await withTaskCancellationOrGracefulShutdownHandler {
        await cloud.runDelivery()
      } onCancelOrGracefulShutdown: {
        cloud.finishDelivery()
      }
    }
  }
}
