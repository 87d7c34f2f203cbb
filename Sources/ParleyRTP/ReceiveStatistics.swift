/// What a receiver knows about one RTP source, for the report block of its RTCP receiver reports: the sequence
/// tracking of RFC 3550 Appendix A.1, loss and fraction lost of A.3, interarrival jitter of A.8, and LSR/DLSR from
/// the source's last sender report (§6.4.1).
///
/// Pure: arrival times and "now" are arguments, in microseconds of the caller's monotonic clock.
///
/// ```swift
/// var statistics = ReceiveStatistics(ssrc: remote, clockRate: 48_000)
/// statistics.receive(sequenceNumber: header.sequenceNumber, timestamp: header.timestamp, arrival: arrival)
/// statistics.receiveSenderReport(ntpTimestamp: NTPTimestamp(rawValue: info.ntpTimestamp), arrival: arrival)
/// let block = statistics.makeReportBlock(now: now)  // once per report interval
/// ```
public struct ReceiveStatistics: Hashable, Sendable {
  /// Largest forward jump accepted as loss rather than as a jump (A.1 `MAX_DROPOUT`).
  public static let maximumDropout = 3000
  /// Largest backward jump accepted as reordering rather than as a jump (A.1 `MAX_MISORDER`).
  public static let maximumMisorder = 100
  /// The RFC's suggested probation (A.1 `MIN_SEQUENTIAL`).
  public static let suggestedProbation = 2

  /// The source these statistics describe.
  public let ssrc: SSRC
  /// The source's RTP clock rate, for jitter in timestamp units.
  public let clockRate: Int
  private let probationLength: Int

  // A.1 source state. `hasStarted` is false until the first packet.
  private var hasStarted = false
  private var probation = 0
  private var maximumSequence: UInt16 = 0
  /// Completed wraps of the sequence number (the RFC keeps them shifted left by 16).
  private var cycles: Int64 = 0
  private var baseSequence: UInt16 = 0
  /// The sequence number after a big jump; a packet with it restarts the source (A.1 `bad_seq`).
  private var badSequence: UInt16?
  /// Packets counted since the source was (re)initialized; duplicates count too (A.3).
  public private(set) var received: Int64 = 0
  private var expectedPrior: Int64 = 0
  private var receivedPrior: Int64 = 0

  // A.8 jitter state: the last relative transit time and the jitter × 16.
  private var lastTransit: UInt32?
  private var scaledJitter: UInt32 = 0

  // The last sender report: its compact NTP timestamp and when it arrived.
  private var lastSenderReport: UInt32 = 0
  private var lastSenderReportArrival: Int64?

  /// - Parameters:
  ///   - probation: sequential packets required before a source counts (A.1); 0 counts the first packet. Use
  ///     ``suggestedProbation`` where unauthenticated sources appear; SRTP already vouches for its packets.
  public init(ssrc: SSRC, clockRate: Int, probation: Int = 0) {
    precondition(clockRate > 0 && clockRate <= 1_000_000, "clockRate must be in 1...1000000")
    precondition(probation >= 0, "probation cannot be negative")
    self.ssrc = ssrc
    self.clockRate = clockRate
    probationLength = probation
  }

  /// Whether a packet has been counted (the source passed probation).
  public var isValid: Bool { hasStarted && probation == 0 }

  /// Cycles in the high 16 bits, the highest sequence number in the low 16 (A.1, A.3).
  public var extendedHighestSequenceNumber: UInt32 {
    UInt32(truncatingIfNeeded: extendedMaximum)
  }

  /// Packets expected since the source was (re)initialized: extended highest − base + 1 (A.3).
  public var expected: Int64 { isValid ? extendedMaximum - Int64(baseSequence) + 1 : 0 }

  /// Expected − received, clamped to the signed 24 bits of the report block (A.3); negative with duplicates.
  public var cumulativeLost: Int32 {
    let range = RTCPReportBlock.cumulativeLostRange
    return Int32(min(max(expected - received, Int64(range.lowerBound)), Int64(range.upperBound)))
  }

  /// Interarrival jitter in timestamp units (A.8).
  public var jitter: UInt32 { scaledJitter >> 4 }

  /// Records an RTP packet of this source that arrived at `arrival` (microseconds). Returns whether it counts: false
  /// during probation and for a packet far from the expected sequence (until a second one confirms a restart).
  @discardableResult
  public mutating func receive(sequenceNumber: SequenceNumber, timestamp: RTPTimestamp, arrival: Int64) -> Bool {
    guard updateSequence(sequenceNumber.rawValue) else { return false }
    updateJitter(timestamp: timestamp, arrival: arrival)
    return true
  }

  /// Records a sender report of this source: its NTP timestamp, and its arrival (microseconds) for DLSR.
  public mutating func receiveSenderReport(ntpTimestamp: NTPTimestamp, arrival: Int64) {
    lastSenderReport = ntpTimestamp.compact
    lastSenderReportArrival = arrival
  }

  /// The report block for a receiver (or sender) report sent at `now` (microseconds), and the start of a new report
  /// interval for the fraction lost (A.3). `nil` before the first counted packet.
  public mutating func makeReportBlock(now: Int64) -> RTCPReportBlock? {
    guard isValid else { return nil }
    let expected = self.expected
    let expectedInterval = expected - expectedPrior
    let receivedInterval = received - receivedPrior
    expectedPrior = expected
    receivedPrior = received
    let lostInterval = expectedInterval - receivedInterval
    let fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : min((lostInterval << 8) / expectedInterval, 255)
    var delay: UInt32 = 0
    if let arrival = lastSenderReportArrival { delay = NTPTimestamp.compactUnits(microseconds: now - arrival) }
    return RTCPReportBlock(
      ssrc: ssrc, fractionLost: UInt8(fraction), cumulativeLost: cumulativeLost,
      extendedHighestSequenceNumber: extendedHighestSequenceNumber, jitter: jitter,
      lastSenderReport: lastSenderReport, delaySinceLastSenderReport: delay)
  }

  private var extendedMaximum: Int64 { cycles << 16 + Int64(maximumSequence) }

  /// A.1 `init_seq`.
  private mutating func initSequence(_ sequence: UInt16) {
    baseSequence = sequence
    maximumSequence = sequence
    badSequence = nil
    cycles = 0
    received = 0
    receivedPrior = 0
    expectedPrior = 0
  }

  /// A.1 `update_seq`: whether the packet counts.
  private mutating func updateSequence(_ sequence: UInt16) -> Bool {
    if !hasStarted {
      hasStarted = true
      if probationLength == 0 {
        initSequence(sequence)
        received = 1
        return true
      }
      initSequence(sequence)
      maximumSequence = sequence &- 1
      probation = probationLength
    }
    let forward = Int(sequence &- maximumSequence)
    if probation > 0 {
      // Packets must be in sequence to leave probation.
      guard sequence == maximumSequence &+ 1 else {
        probation = probationLength - 1
        maximumSequence = sequence
        return false
      }
      probation -= 1
      maximumSequence = sequence
      guard probation == 0 else { return false }
      initSequence(sequence)
      received += 1
      return true
    }
    if forward < Self.maximumDropout {
      // In order, with a permissible gap.
      if sequence < maximumSequence { cycles += 1 }
      maximumSequence = sequence
    } else if forward <= 65_536 - Self.maximumMisorder {
      // A very large jump: accept it only when the next packet confirms it (the sender restarted).
      guard sequence == badSequence else {
        badSequence = sequence &+ 1
        return false
      }
      initSequence(sequence)
    }
    // Otherwise: a duplicate or a reordered packet, counted as received (A.3).
    received += 1
    return true
  }

  /// A.8: J += (|D| − J) / 16 in the RFC's integer form, on J × 16.
  private mutating func updateJitter(timestamp: RTPTimestamp, arrival: Int64) {
    let transit = arrivalInTimestampUnits(arrival) &- timestamp.rawValue
    defer { lastTransit = transit }
    guard let lastTransit else { return }
    let difference = Int32(bitPattern: transit &- lastTransit).magnitude
    let updated = Int64(scaledJitter) + Int64(difference) - Int64((scaledJitter &+ 8) >> 4)
    scaledJitter = UInt32(clamping: updated)
  }

  /// The arrival time in the source's clock, modulo 2^32 (only differences matter).
  private func arrivalInTimestampUnits(_ arrival: Int64) -> UInt32 {
    let (seconds, microseconds) = arrival.quotientAndRemainder(dividingBy: 1_000_000)
    let units = seconds &* Int64(clockRate) &+ microseconds * Int64(clockRate) / 1_000_000
    return UInt32(truncatingIfNeeded: units)
  }
}
