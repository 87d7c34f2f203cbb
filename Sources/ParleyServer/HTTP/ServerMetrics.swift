public import Prometheus

/// Parley's Prometheus metrics (`GET /metrics`): calls by state and outcome, setup time, jitter-buffer
/// delay, loss and concealment per ended call, webhooks and calling-API failures.
public final class ServerMetrics: Sendable {
  public let registry = PrometheusCollectorRegistry()
  private let setup: ValueHistogram
  private let jitterDelay: ValueHistogram
  private let lossRatio: ValueHistogram
  private let concealedRatio: ValueHistogram
  static let states = [
    "preparing", "awaitingDecision", "preAccepting", "connectingMedia", "accepting", "active", "checkingPermission",
    "preparingOffer", "connecting", "ringing", "ending", "ended",
  ]

  public init() {
    setup = registry.makeValueHistogram(
      name: "parley_call_setup_seconds", buckets: [0.025, 0.05, 0.08, 0.1, 0.2, 0.5, 1, 2, 5, 10],
      help: "From the connect webhook (or POST /v1/calls) to media flowing")
    jitterDelay = registry.makeValueHistogram(
      name: "parley_jitter_buffer_delay_seconds", buckets: [0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5],
      help: "Jitter-buffer playout delay at the end of each call")
    lossRatio = registry.makeValueHistogram(
      name: "parley_call_loss_ratio", buckets: [0, 0.001, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5],
      help: "Packets lost over packets expected, per ended call")
    concealedRatio = registry.makeValueHistogram(
      name: "parley_call_concealed_ratio", buckets: [0, 0.001, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5],
      help: "Frames concealed (PLC) over frames played, per ended call")
  }

  func callStarted(_ direction: String) {
    registry.makeCounter(
      name: "parley_calls_total", labels: [("direction", direction)], help: "Calls seen, by direction"
    ).increment()
  }

  func connected(setupMilliseconds: Int64?) {
    if let setupMilliseconds { setup.record(Double(setupMilliseconds) / 1000) }
  }

  func ended(reason: String) {
    registry.makeCounter(
      name: "parley_calls_ended_total", labels: [("reason", reason)], help: "Ended calls, by reason"
    ).increment()
  }

  func mediaEnded(_ stats: MediaStats) {
    guard stats.packetsReceived > 0 else { return }
    jitterDelay.record(Double(stats.jitterDelayMilliseconds) / 1000)
    lossRatio.record(Double(stats.lost) / Double(stats.packetsReceived + max(stats.lost, 0)))
    if stats.played > 0 { concealedRatio.record(Double(stats.concealed) / Double(stats.played)) }
  }

  func webhook(_ kind: String) {
    registry.makeCounter(
      name: "parley_webhook_events_total", labels: [("kind", kind)], help: "Webhook events received, by kind"
    ).increment()
  }

  func apiFailure(_ action: String, code: Int?) {
    registry.makeCounter(
      name: "parley_api_failures_total", labels: [("action", action), ("code", code.map(String.init) ?? "none")],
      help: "Calling-API requests that failed after retries"
    ).increment()
  }

  func webhookRejected(_ reason: String) {
    registry.makeCounter(
      name: "parley_webhooks_rejected_total", labels: [("reason", reason)], help: "Webhook requests refused"
    ).increment()
  }

  /// The text exposition, with the current number of calls in each state.
  func exposition(states: [String: Int]) -> [UInt8] {
    for state in ServerMetrics.states {
      registry.makeGauge(name: "parley_calls", labels: [("state", state)], help: "Calls kept, by state").set(
        to: Double(states[state] ?? 0))
    }
    return registry.emitToBuffer()
  }
}
