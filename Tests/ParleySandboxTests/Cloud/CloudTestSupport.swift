import ParleySandbox
import ParleyWhatsApp
import Synchronization
import Testing

/// The two path layouts of the calling API: 360dialog (`/calling/...`, `D360-API-KEY`) and Meta
/// (`/{version}/{phone-number-id}/...`, bearer token).
enum Layout: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case dialog360, meta

  var testDescription: String { rawValue }
}

/// A phone without media: records what the cloud hands it and answers offers with a fixed SDP (the
/// cloud does not parse SDP).
final class StubPhone: SandboxPhone {
  static let answerSDP =
    "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 127.0.0.1\r\n"
    + "a=rtpmap:111 opus/48000/2\r\na=setup:active\r\n"
  let receivedAnswers = Mutex<[String]>([])
  let offers = Mutex<[String]>([])
  let closes = Atomic<Int>(0)

  func receiveAnswer(_ sdp: String) throws { receivedAnswers.withLock { $0.append(sdp) } }

  func answer(offer: String) throws -> String {
    offers.withLock { $0.append(offer) }
    return Self.answerSDP
  }

  func close() { closes.add(1, ordering: .relaxed) }

  var answers: [String] { receivedAnswers.withLock { $0 } }
  var closed: Int { closes.load(ordering: .relaxed) }
}

/// An SDP that looks like Parley's (the cloud compares SDPs as strings, it does not parse them).
func sampleSDP(_ tag: String) -> String {
  "v=0\r\no=- \(tag) 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
    + "a=rtpmap:111 opus/48000/2\r\n"
}

/// Every webhook the cloud delivered, in order.
final class WebhookRecorder: Sendable {
  struct Delivery: Sendable {
    var url: String
    var body: [UInt8]
    var headers: [(String, String)]

    func header(_ name: String) -> String? {
      headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
  }

  private let all = Mutex<[Delivery]>([])

  func record(_ url: String, _ body: [UInt8], _ headers: [(String, String)]) -> Int {
    all.withLock { $0.append(Delivery(url: url, body: body, headers: headers)) }
    return 200
  }

  var deliveries: [Delivery] { all.withLock { $0 } }

  /// The events of every delivered body, in delivery order.
  func events() throws -> [WebhookEvent] { try deliveries.flatMap { try Webhook.parse($0.body) } }
}

/// A cloud with a webhook URL and app secret, its delivery running, and clients for both layouts.
struct CloudHarness {
  static let secret = "s"
  static let webhookURL = "http://127.0.0.1:9/webhook"
  let configuration: SandboxConfiguration
  let cloud: SandboxCloud
  let recorder: WebhookRecorder
  let delivery: Task<Void, Never>

  init() {
    let configuration = SandboxConfiguration(webhookURL: Self.webhookURL, appSecret: Self.secret)
    let recorder = WebhookRecorder()
    let cloud = SandboxCloud(configuration: configuration) { url, body, headers in
      recorder.record(url, body, headers)
    }
    self.configuration = configuration
    self.cloud = cloud
    self.recorder = recorder
    delivery = Task { await cloud.runDelivery() }
  }

  /// The real client over `SandboxTransport`, without retries; credentials default to the right ones.
  func client(
    _ layout: Layout, apiKey: String? = nil, token: String? = nil, phoneNumberID: String? = nil
  ) -> CallingAPIClient {
    let provider: CallingProvider =
      switch layout {
      case .dialog360:
        .dialog360(apiKey: apiKey ?? configuration.apiKey, baseURL: CallingProvider.defaultDialog360BaseURL)
      case .meta:
        .meta(
          accessToken: token ?? configuration.accessToken, phoneNumberID: phoneNumberID ?? configuration.phoneNumberID,
          baseURL: CallingProvider.defaultMetaBaseURL, graphVersion: CallingProvider.defaultGraphVersion)
      }
    return CallingAPIClient(provider: provider, transport: SandboxTransport(cloud: cloud), retry: .none)
  }

  /// A `/calls` POST with a hand-written body (for requests the client never sends).
  func rawCallAction(_ layout: Layout, _ body: String) async throws -> APIResponse {
    let url: String
    let header: APIHeader
    switch layout {
    case .dialog360:
      url = "\(CallingProvider.defaultDialog360BaseURL)/calling/calls"
      header = APIHeader(name: "D360-API-KEY", value: configuration.apiKey)
    case .meta:
      let version = CallingProvider.defaultGraphVersion
      url = "\(CallingProvider.defaultMetaBaseURL)/\(version)/\(configuration.phoneNumberID)/calls"
      header = APIHeader(name: "Authorization", value: "Bearer \(configuration.accessToken)")
    }
    let request = APIRequest(
      method: "POST", url: url, headers: [header], body: Array(body.utf8), timeoutMilliseconds: 1000)
    return try await SandboxTransport(cloud: cloud).send(request)
  }

  /// Delivers what is queued, stops delivery, and returns every delivery.
  func drain() async -> [WebhookRecorder.Delivery] {
    cloud.finishDelivery()
    await delivery.value
    return recorder.deliveries
  }

  /// Waits until `count` webhooks were delivered (delivery keeps running).
  func waitForDeliveries(_ count: Int, timeoutMilliseconds: Int = 3000) async -> [WebhookRecorder.Delivery] {
    for _ in 0..<(timeoutMilliseconds / 5) where recorder.deliveries.count < count {
      try? await Task.sleep(for: .milliseconds(5))
    }
    return recorder.deliveries
  }

  /// Waits until the call reaches `state`.
  func waitForCall(_ id: String, state: SandboxCall.State, timeoutMilliseconds: Int = 3000) async -> SandboxCall? {
    for _ in 0..<(timeoutMilliseconds / 5) {
      if let call = await cloud.call(id), call.state == state { return call }
      try? await Task.sleep(for: .milliseconds(5))
    }
    return await cloud.call(id)
  }
}

/// The Graph error `operation` fails with; records an issue when it succeeds or fails otherwise.
@discardableResult
func graphError<T>(
  code: Int, status: Int, sourceLocation: SourceLocation = #_sourceLocation,
  _ operation: () async throws -> T
) async -> GraphError? {
  do {
    _ = try await operation()
    Issue.record("expected WhatsApp error \(code), the request succeeded", sourceLocation: sourceLocation)
    return nil
  } catch {
    guard case .graph(let graph) = error as? CallingAPIError else {
      Issue.record("expected WhatsApp error \(code), got \(error)", sourceLocation: sourceLocation)
      return nil
    }
    #expect(graph.code == code, "\(graph)", sourceLocation: sourceLocation)
    #expect(graph.httpStatus == status, "\(graph)", sourceLocation: sourceLocation)
    return graph
  }
}
