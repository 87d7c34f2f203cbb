import Foundation

/// How a ``VirtualLink`` treats the packets sent into it. Durations are microseconds.
public struct LinkConditions: Sendable, Equatable {
  /// Extra delay added to each packet on top of ``baseDelay``.
  public enum Jitter: Sendable, Equatable {
    case none
    /// Uniform in `0...maximum`.
    case uniform(maximum: Int64)
    /// Exponential with this mean, cut at `maximum` (a queue that is mostly short, sometimes long).
    case exponential(mean: Int64, maximum: Int64)
  }

  /// Loss in bursts (a two-state Gilbert model): a burst starts before a packet with `startProbability`,
  /// and every packet in a burst is lost; a burst lasts `meanLength` packets on average.
  public struct BurstLoss: Sendable, Equatable {
    public var startProbability: Double
    public var meanLength: Double

    public init(startProbability: Double, meanLength: Double) {
      precondition(meanLength >= 1)
      self.startProbability = startProbability
      self.meanLength = meanLength
    }
  }

  public var baseDelay: Int64
  public var jitter: Jitter
  /// The probability that a packet is lost, on its own.
  public var loss: Double
  public var burstLoss: BurstLoss?
  /// The probability that a delivered packet arrives twice (the copy gets its own jitter).
  public var duplication: Double
  /// Whether a packet never overtakes an earlier one (a FIFO queue); otherwise jitter reorders them.
  public var preservesOrder: Bool

  public init(
    baseDelay: Int64 = 30_000, jitter: Jitter = .none, loss: Double = 0, burstLoss: BurstLoss? = nil,
    duplication: Double = 0, preservesOrder: Bool = false
  ) {
    self.baseDelay = baseDelay
    self.jitter = jitter
    self.loss = loss
    self.burstLoss = burstLoss
    self.duplication = duplication
    self.preservesOrder = preservesOrder
  }

  /// A fixed 30 ms delay, nothing lost, nothing reordered.
  public static let clean = LinkConditions()
}

/// Conditions that change over time, on the sender's clock: e.g. clean for 10 s, then 40 ms of jitter and
/// 5 % loss for 20 s, then clean again.
public struct LinkSchedule: Sendable, Equatable {
  private var changes: [Change]

  private struct Change: Sendable, Equatable {
    var time: Int64
    var conditions: LinkConditions
  }

  /// The same conditions throughout.
  public init(_ conditions: LinkConditions = .clean) {
    changes = [Change(time: .min, conditions: conditions)]
  }

  /// This schedule, with `conditions` from `time` on (microseconds of sender time, after every earlier
  /// change).
  public func changing(to conditions: LinkConditions, at time: Int64) -> LinkSchedule {
    precondition(time > changes[changes.count - 1].time, "changes come in time order")
    var schedule = self
    schedule.changes.append(Change(time: time, conditions: conditions))
    return schedule
  }

  /// The conditions in force at `time` (sender time).
  public func conditions(at time: Int64) -> LinkConditions {
    var current = changes[0].conditions
    for change in changes where change.time <= time { current = change.conditions }
    return current
  }
}

/// A seeded, deterministic network path in simulated time: packets sent at sender times arrive at
/// receiver times after a base delay and jitter, or are lost, reordered or duplicated, following a
/// ``LinkSchedule``.
///
/// The sender's clock may drift: with `clockDrift` ppm, a sender's 20 ms last 20 ms × (1 + ppm / 10⁶) of
/// receiver time, so a positive drift is a sender slower than the receiver. Sender time 0 is receiver
/// time 0.
public struct VirtualLink<Packet> {
  public var schedule: LinkSchedule
  /// Sender clock drift in parts per million (positive: the sender's clock runs slow).
  public let clockDrift: Double
  /// Counts of what happened to the packets so far.
  public private(set) var statistics = Statistics()

  public struct Statistics: Sendable, Equatable {
    public var sent = 0
    public var lost = 0
    public var duplicated = 0
    public var delivered = 0
  }

  fileprivate struct InFlight {
    var arrival: Int64
    var packet: Packet
  }

  private var random: SeededGenerator
  /// Packets on the way, sorted by arrival time, then by sending order.
  private var inFlight: [InFlight] = []
  private var inBurst = false
  private var lastArrival = Int64.min

  public init(seed: UInt64, schedule: LinkSchedule = LinkSchedule(), clockDrift: Double = 0) {
    self.schedule = schedule
    self.clockDrift = clockDrift
    random = SeededGenerator(seed: seed)
  }

  /// The receiver's time at the sender's time `senderTime`.
  public func receiverTime(ofSenderTime senderTime: Int64) -> Int64 {
    senderTime + Int64((Double(senderTime) * clockDrift / 1_000_000).rounded())
  }

  /// The number of packets still on the way.
  public var inFlightCount: Int { inFlight.count }

  /// Sends `packet` at `senderTime` (microseconds on the sender's clock).
  public mutating func send(_ packet: Packet, at senderTime: Int64) {
    statistics.sent += 1
    let conditions = schedule.conditions(at: senderTime)
    if isLost(conditions) {
      statistics.lost += 1
      return
    }
    let departure = receiverTime(ofSenderTime: senderTime)
    enqueue(packet, arrival: departure + conditions.baseDelay + jitter(conditions), conditions)
    if conditions.duplication > 0 && random.nextUnit() < conditions.duplication {
      statistics.duplicated += 1
      enqueue(packet, arrival: departure + conditions.baseDelay + jitter(conditions), conditions)
    }
  }

  /// Hands over, in arrival order, every packet that has arrived by `receiverTime`, with its arrival time.
  public mutating func deliver(until receiverTime: Int64, _ body: (Packet, Int64) throws -> Void) rethrows {
    var delivered = 0
    defer {
      inFlight.removeFirst(delivered)
      statistics.delivered += delivered
    }
    while delivered < inFlight.count && inFlight[delivered].arrival <= receiverTime {
      let item = inFlight[delivered]
      delivered += 1
      try body(item.packet, item.arrival)
    }
  }

  private mutating func isLost(_ conditions: LinkConditions) -> Bool {
    if let burst = conditions.burstLoss {
      if inBurst || random.nextUnit() < burst.startProbability {
        inBurst = random.nextUnit() < 1 - 1 / burst.meanLength
        return true
      }
    } else {
      inBurst = false
    }
    return conditions.loss > 0 && random.nextUnit() < conditions.loss
  }

  private mutating func jitter(_ conditions: LinkConditions) -> Int64 {
    switch conditions.jitter {
    case .none:
      return 0
    case .uniform(let maximum):
      return Int64(random.nextUnit() * Double(maximum + 1))
    case .exponential(let mean, let maximum):
      let value = -Double(mean) * log(1 - random.nextUnit())
      return min(Int64(value), maximum)
    }
  }

  private mutating func enqueue(_ packet: Packet, arrival: Int64, _ conditions: LinkConditions) {
    let arrival = conditions.preservesOrder ? max(arrival, lastArrival) : arrival
    lastArrival = max(lastArrival, arrival)
    var index = inFlight.count
    while index > 0 && inFlight[index - 1].arrival > arrival { index -= 1 }
    inFlight.insert(InFlight(arrival: arrival, packet: packet), at: index)
  }
}

extension VirtualLink: Sendable where Packet: Sendable {}
extension VirtualLink.InFlight: Sendable where Packet: Sendable {}
