import ParleyWhatsApp
import Synchronization

/// Delivers the cloud's webhooks one at a time, in order, at least once: each is retried (100 ms,
/// 200 ms, … up to 10 tries) until the receiver answers 2xx, and sent twice when the configuration
/// asks for duplicates. Meta's bodies are signed with the app secret; 360dialog's carry the headers
/// it was told to send.
final class WebhookDelivery: Sendable {
  private let state: Mutex<(url: String?, headers: [(name: String, value: String)])>
  private let appSecret: String?
  private let duplicates: Bool
  private let send: @Sendable (String, [UInt8], [(String, String)]) async -> Int
  private let queue: AsyncStream<[UInt8]>.Continuation
  private let stream: AsyncStream<[UInt8]>
  let delivered = Atomic<Int>(0)

  init(
    configuration: SandboxConfiguration, send: @escaping @Sendable (String, [UInt8], [(String, String)]) async -> Int
  ) {
    state = Mutex((configuration.webhookURL, configuration.webhookHeaders))
    appSecret = configuration.appSecret
    duplicates = configuration.duplicateDeliveries
    self.send = send
    (stream, queue) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
  }

  var url: String? { state.withLock { $0.url } }

  func configure(url: String, headers: [(name: String, value: String)]) {
    state.withLock { $0 = (url, headers) }
  }

  func enqueue(_ body: [UInt8]) {
    queue.yield(body)
    if duplicates { queue.yield(body) }
  }

  /// Ends `run()` once what is queued has been delivered.
  func finish() { queue.finish() }

  func run() async {
    for await body in stream {
      let (url, configured) = state.withLock { ($0.url, $0.headers) }
      guard let url else { continue }
      var headers = configured.map { ($0.name, $0.value) }
      headers.append(("Content-Type", "application/json"))
      if let appSecret { headers.append(("X-Hub-Signature-256", WebhookSignature.sign(body, secret: appSecret))) }
      for attempt in 0..<10 {
        let status = await send(url, body, headers)
        if (200..<300).contains(status) {
          delivered.add(1, ordering: .relaxed)
          break
        }
        try? await Task.sleep(for: .milliseconds(100 << min(attempt, 4)))
      }
    }
  }
}
