/// min, p50, p90, p99, max of a set of measurements.
struct Distribution: Codable, Sendable {
  var count: Int
  var min: Double
  var p50: Double
  var p90: Double
  var p99: Double
  var max: Double

  init?(_ values: [Double]) {
    let sorted = values.filter(\.isFinite).sorted()
    guard let first = sorted.first, let last = sorted.last else { return nil }
    func quantile(_ q: Double) -> Double {
      sorted[Swift.min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))]
    }
    count = sorted.count
    min = first
    p50 = quantile(0.5)
    p90 = quantile(0.9)
    p99 = quantile(0.99)
    max = last
  }
}

extension Duration {
  /// This duration in seconds, with its fraction.
  var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
