/// Plans the RFC 4733 telephone-event packets that send one DTMF digit (RFC 4733 §2.5.1), as values the engine
/// serializes with ``RTPHeader`` and ``TelephoneEvent/write(into:)``.
///
/// For a digit of duration D (in clock units) and an update interval U (50 ms, 400 units at 8 kHz):
///
/// - every packet carries the event's start as its RTP timestamp, and the first one the marker bit;
/// - an update every U reports the duration so far (U, 2U, … while below D);
/// - the end packet reports D with the E bit and is sent three times (§2.5.1: the repeats guard against loss).
///
/// Each packet says when to send it, relative to the event's start. Sequence numbers come from the stream the
/// packets join: WhatsApp puts telephone-event (PT 126, 8000 Hz) in the audio stream's SSRC and sequence space,
/// and the caller chooses the start timestamp in that stream's clock. One segment only: up to 65535 units
/// (8.19 s at 8 kHz).
public struct DTMFSender: Hashable, Sendable {
  /// The telephone-event clock rate of durations; WhatsApp's is 8000.
  public let clockRate: Int
  /// Tone power in −dBm0, 0…63 (§2.3.4).
  public let volume: UInt8
  /// Units between updates.
  public let updateInterval: UInt16
  /// Times the end packet is sent.
  public let endRepetitions: Int
  /// Microseconds between repeats of the end packet (one audio packet time by default).
  public let endRepeatSpacing: Int64

  /// Throws ``RTPError/valueOutOfRange(field:value:)`` for a volume above 63, a zero update interval or fewer
  /// than one end packet.
  public init(
    clockRate: Int = 8000, volume: UInt8 = 10, updateInterval: UInt16 = 400, endRepetitions: Int = 3,
    endRepeatSpacing: Int64 = 20_000
  ) throws(RTPError) {
    precondition(clockRate > 0, "clockRate must be positive")
    guard volume <= 63 else { throw .valueOutOfRange(field: "volume", value: Int(volume)) }
    guard updateInterval > 0 else { throw .valueOutOfRange(field: "updateInterval", value: 0) }
    guard endRepetitions >= 1 else { throw .valueOutOfRange(field: "endRepetitions", value: endRepetitions) }
    self.clockRate = clockRate
    self.volume = volume
    self.updateInterval = updateInterval
    self.endRepetitions = endRepetitions
    self.endRepeatSpacing = max(0, endRepeatSpacing)
  }

  /// The packets for `digit` pressed for `durationMilliseconds`, starting at `timestamp`. Throws
  /// ``RTPError/valueOutOfRange(field:value:)`` when the duration is under one clock unit or over 65535 units.
  public func plan(
    _ digit: DTMFEvent, startingAt timestamp: RTPTimestamp, durationMilliseconds: Int = 100
  ) throws(RTPError) -> Plan {
    let units = durationMilliseconds * clockRate / 1000
    guard durationMilliseconds > 0, units >= 1, units <= Int(UInt16.max) else {
      throw .valueOutOfRange(field: "durationMilliseconds", value: durationMilliseconds)
    }
    let event = try TelephoneEvent(dtmf: digit, isEnd: false, volume: volume, duration: 0)
    return Plan(sender: self, event: event, timestamp: timestamp, duration: UInt16(units))
  }
}
