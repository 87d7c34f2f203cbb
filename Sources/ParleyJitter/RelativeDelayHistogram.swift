/// A histogram of relative delays that forgets (NetEq's `Histogram`): each new sample scales every
/// bucket by the forgetting factor and adds the rest of the weight to its own bucket, so the mass always
/// sums to one and old behaviour fades after about `1 / (1 − forgetting)` packets.
///
/// Early on, the factor is `n / (n + 1)` for the n-th sample (a plain average), so the seed value
/// given at init counts as one sample and a fresh histogram learns at once.
struct RelativeDelayHistogram {
  let bucketWidth: Int64
  let forgetting: Double
  private var buckets: [Double]
  private var sampleCount = 1

  /// A histogram from 0 to `limit` (the last bucket takes everything above), seeded with `initial`.
  init(bucketWidth: Int64, limit: Int64, forgetting: Double, initial: Int64) {
    self.bucketWidth = bucketWidth
    self.forgetting = forgetting
    buckets = Array(repeating: 0, count: Int(limit / bucketWidth) + 1)
    buckets[bucket(of: initial)] = 1
  }

  mutating func add(_ delay: Int64) {
    let factor = min(forgetting, Double(sampleCount) / Double(sampleCount + 1))
    sampleCount += 1
    for index in buckets.indices { buckets[index] *= factor }
    buckets[bucket(of: delay)] += 1 - factor
  }

  /// The delay below which `quantile` of the mass lies, interpolated within its bucket.
  func quantile(_ quantile: Double) -> Int64 {
    var total = 0.0
    for weight in buckets { total += weight }
    let wanted = quantile * total
    var below = 0.0
    for (index, weight) in buckets.enumerated() where weight > 0 {
      if below + weight >= wanted {
        let fraction = min(max((wanted - below) / weight, 0), 1)
        return Int64(index) * bucketWidth + Int64(fraction * Double(bucketWidth))
      }
      below += weight
    }
    return Int64(buckets.count) * bucketWidth
  }

  mutating func reset(initial: Int64) {
    for index in buckets.indices { buckets[index] = 0 }
    buckets[bucket(of: initial)] = 1
    sampleCount = 1
  }

  private func bucket(of delay: Int64) -> Int {
    Int(min(max(delay, 0) / bucketWidth, Int64(buckets.count - 1)))
  }
}
