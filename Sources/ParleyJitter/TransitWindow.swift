/// The fastest recent packet: the smallest transit time (arrival time − media time) seen over about the
/// last two seconds of arrivals.
///
/// A packet's *relative delay* is its transit minus this minimum: how much later than the fastest recent
/// packet it came (NetEq's relative arrival delay). The window slides, so a changed route or the
/// sender's clock drift moves the reference with it. It is kept as a few parts (a quarter second each)
/// with their own minimum, so it never stores more than a few numbers.
struct TransitWindow {
  static let partCount = 8
  static let partDuration: Int64 = 250_000

  /// Each part's number (arrival time / part duration), `Int64.min` when empty.
  private var partNumbers: [Int64]
  private var partMinimums: [Int64]
  /// The newest part number seen; arrivals are never placed before it.
  private var latestPart = Int64.min
  /// The minimum over the window at the last observation; kept when arrivals stop.
  private(set) var minimum: Int64?

  init() {
    partNumbers = Array(repeating: .min, count: Self.partCount)
    partMinimums = Array(repeating: .max, count: Self.partCount)
  }

  /// Adds a packet's transit time and returns the window's minimum, this packet included.
  mutating func observe(transit: Int64, arrival: Int64) -> Int64 {
    let part = max(floorDivide(arrival, Self.partDuration), latestPart)
    latestPart = part
    let index = Int(part % Int64(Self.partCount))
    if partNumbers[index] != part {
      partNumbers[index] = part
      partMinimums[index] = transit
    } else if transit < partMinimums[index] {
      partMinimums[index] = transit
    }
    var lowest = Int64.max
    for index in 0..<Self.partCount where partNumbers[index] > part - Int64(Self.partCount) {
      lowest = min(lowest, partMinimums[index])
    }
    minimum = lowest
    return lowest
  }

  mutating func reset() { self = TransitWindow() }

  private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return value % divisor < 0 ? quotient - 1 : quotient
  }
}
