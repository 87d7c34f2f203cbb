/// Turns received RFC 4733 telephone-event packets into DTMF key presses: one ``Event/began(_:)`` and one
/// ``Event/ended(_:durationMilliseconds:)`` per digit, however many packets carried it (RFC 4733 §2.5.2).
///
/// An event is identified by its RTP timestamp, the event's start (§2.3): WhatsApp sends telephone-event/8000 on
/// PT 126 in the audio stream's SSRC and sequence space. The rules:
///
/// - The first packet of a new timestamp begins the event, marker or not (the marked first packet may be lost).
/// - Updates of the same timestamp extend the duration; the first packet with the E bit ends it. The sender
///   repeats the end packet (normally three times, §2.5.1): the repeats, and any late packet of an event that is
///   over, are ignored.
/// - A new timestamp while an event is active ends the active one with the last duration seen (its end packets were
///   lost) — except a *segment* of a long event: the same digit, no marker, after a segment that ran near the
///   16-bit duration limit (about 8 s at 8 kHz), continues the event and adds the durations.
/// - ``handleTimeout(now:)`` ends an event whose packets stopped (all end packets lost), ``timeout`` after the
///   last one.
///
/// Events other than the 16 DTMF digits (codes 16 and above) are ignored. Pure: arrival times and "now" are
/// arguments, in microseconds of the caller's monotonic clock.
public struct DTMFReceiver: Hashable, Sendable {
  /// A key press, as the application sees it.
  public enum Event: Hashable, Sendable {
    case began(DTMFEvent)
    /// The digit ended after the given duration (from the packets' duration field).
    case ended(DTMFEvent, durationMilliseconds: Int)
  }

  /// The telephone-event clock rate; WhatsApp's is 8000.
  public let clockRate: Int
  /// How long after an active event's last packet ``handleTimeout(now:)`` ends it, in microseconds.
  public let timeout: Int64

  /// A segment that reached this duration may be continued by the next one (RFC 4733 long-duration events: the
  /// sender starts a new segment before the 16-bit duration overflows).
  static let segmentContinuationThreshold: UInt16 = 0xFFFF - 0x2000

  private struct Active: Hashable, Sendable {
    var start: RTPTimestamp
    var digit: DTMFEvent
    var duration: UInt16
    /// Timestamp units of earlier segments of the same long event.
    var earlierSegments: Int
    var lastArrival: Int64
  }

  private var active: Active?
  /// The start of the most recent event, active or over: packets not newer than it belong to the past.
  private var lastStart: RTPTimestamp?

  /// - Parameters:
  ///   - timeout: microseconds without packets after which an active event ends; the default allows for six lost
  ///     updates at the usual 50 ms spacing.
  public init(clockRate: Int = 8000, timeout: Int64 = 300_000) {
    precondition(clockRate > 0, "clockRate must be positive")
    precondition(timeout > 0, "timeout must be positive")
    self.clockRate = clockRate
    self.timeout = timeout
  }

  /// The digit being pressed, if any.
  public var activeDigit: DTMFEvent? { active?.digit }

  /// When ``handleTimeout(now:)`` should be called next (microseconds), or `nil` while no event is active.
  public var timeoutDeadline: Int64? { active.map { $0.lastArrival + timeout } }

  /// Handles one telephone-event packet: its RTP timestamp and marker bit, its payload, and its arrival time
  /// (microseconds). Returns what the packet changed, in order (at most three events).
  public mutating func receive(
    timestamp: RTPTimestamp, marker: Bool, payload: TelephoneEvent, arrival: Int64
  ) -> Events {
    var events = Events()
    guard let digit = payload.dtmf else { return events }
    if var current = active, current.start == timestamp {
      guard current.digit == digit else { return events }  // a different event at the same start: inconsistent
      current.duration = max(current.duration, payload.duration)
      current.lastArrival = arrival
      if payload.isEnd {
        active = nil
        events.append(.ended(digit, durationMilliseconds: milliseconds(current)))
      } else {
        active = current
      }
      return events
    }
    if let lastStart, !timestamp.isNewer(than: lastStart) { return events }  // repeats and late packets
    lastStart = timestamp
    var next = Active(
      start: timestamp, digit: digit, duration: payload.duration, earlierSegments: 0, lastArrival: arrival)
    if let current = active {
      if current.digit == digit, !marker, current.duration >= Self.segmentContinuationThreshold {
        next.earlierSegments = current.earlierSegments + Int(current.duration)
      } else {
        events.append(.ended(current.digit, durationMilliseconds: milliseconds(current)))
      }
    }
    if next.earlierSegments == 0 { events.append(.began(digit)) }
    if payload.isEnd {
      active = nil
      events.append(.ended(digit, durationMilliseconds: milliseconds(next)))
    } else {
      active = next
    }
    return events
  }

  /// Ends the active event if its last packet arrived ``timeout`` or more before `now` (microseconds).
  public mutating func handleTimeout(now: Int64) -> Event? {
    guard let current = active, now - current.lastArrival >= timeout else { return nil }
    active = nil
    return .ended(current.digit, durationMilliseconds: milliseconds(current))
  }

  private func milliseconds(_ event: Active) -> Int {
    (event.earlierSegments + Int(event.duration)) * 1000 / clockRate
  }
}
