/// The target delay (NetEq's `DelayManager`): each arriving packet's delay relative to the fastest recent
/// one goes into a forgetting histogram, and the target is the configured quantile of it, clamped to the
/// configured minimum and maximum.
///
/// On a clean network every packet is about as fast as the fastest, so the target sits near zero (the
/// first 5 ms bucket); with 40 ms of jitter it rises to about 38 ms within a couple of seconds, and it
/// comes down again as the slow packets are forgotten.
struct DelayEstimator {
  static let bucketWidth: Int64 = 5_000

  private var window = TransitWindow()
  private var histogram: RelativeDelayHistogram
  private let configuration: JitterBufferConfiguration
  /// The current target delay, in microseconds.
  private(set) var targetDelay: Int64

  init(configuration: JitterBufferConfiguration) {
    self.configuration = configuration
    histogram = RelativeDelayHistogram(
      bucketWidth: Self.bucketWidth, limit: configuration.maximumDelay, forgetting: configuration.forgetting,
      initial: configuration.initialDelay)
    targetDelay = 0
    targetDelay = clamped(configuration.initialDelay)
  }

  /// The smallest recent transit time (arrival − media time), `nil` before the first packet.
  var minimumTransit: Int64? { window.minimum }

  /// Records a packet that arrived at `arrival` with transit time `transit` (both in microseconds).
  mutating func observe(transit: Int64, arrival: Int64) {
    let fastest = window.observe(transit: transit, arrival: arrival)
    histogram.add(transit &- fastest)
    targetDelay = clamped(histogram.quantile(configuration.quantile))
  }

  /// Forgets the fastest recent packet (the sender's timestamps jumped), keeping the delay histogram.
  mutating func restartTransitWindow() { window.reset() }

  mutating func reset() {
    window.reset()
    histogram.reset(initial: configuration.initialDelay)
    targetDelay = clamped(configuration.initialDelay)
  }

  private func clamped(_ delay: Int64) -> Int64 {
    min(max(delay, configuration.minimumDelay), configuration.maximumDelay)
  }
}
