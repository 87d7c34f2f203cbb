/// The RFC 4733 telephone-event payload (RFC 4733 §2.3): 4 bytes per event.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     event     |E|R| volume    |          duration             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
public struct TelephoneEvent: Hashable, Sendable, CustomStringConvertible {
  /// The payload size.
  public static let size = 4

  /// The event code (§2.3.1); 0–15 are DTMF (see ``dtmf``).
  public var event: UInt8
  /// The E bit: this packet ends the event (§2.3.2).
  public var isEnd: Bool
  /// The R bit: reserved, sent as 0 and ignored on receipt (§2.3.3); kept so packets round-trip.
  public var reserved: Bool
  /// Power level of the tone in -dBm0, 0...63 (§2.3.4).
  public let volume: UInt8
  /// Duration so far in timestamp units (§2.3.5).
  public var duration: UInt16

  /// Throws ``RTPError/valueOutOfRange(field:value:)`` when `volume` is above 63.
  public init(event: UInt8, isEnd: Bool, reserved: Bool = false, volume: UInt8, duration: UInt16) throws(RTPError) {
    guard volume <= 63 else { throw .valueOutOfRange(field: "volume", value: Int(volume)) }
    self.event = event
    self.isEnd = isEnd
    self.reserved = reserved
    self.volume = volume
    self.duration = duration
  }

  /// A DTMF event.
  public init(dtmf: DTMFEvent, isEnd: Bool, volume: UInt8, duration: UInt16) throws(RTPError) {
    try self.init(event: dtmf.rawValue, isEnd: isEnd, volume: volume, duration: duration)
  }

  /// Parses the first event of a payload; bytes after the first 4 are ignored. Throws
  /// ``RTPError/tooShort(needed:have:)``.
  public init(parsing payload: UnsafeRawBufferPointer) throws(RTPError) {
    guard payload.count >= Self.size else { throw .tooShort(needed: Self.size, have: payload.count) }
    event = payload.u8(at: 0)
    let flags = payload.u8(at: 1)
    isEnd = flags & 0x80 != 0
    reserved = flags & 0x40 != 0
    volume = flags & 0x3F
    duration = payload.u16(at: 2)
  }

  /// Parses the first event of a payload.
  public init(parsing payload: [UInt8]) throws(RTPError) {
    self = try withBytes(payload) { raw throws(RTPError) in try TelephoneEvent(parsing: raw) }
  }

  /// The DTMF digit, if the event is one (codes 0–15).
  public var dtmf: DTMFEvent? { DTMFEvent(rawValue: event) }

  /// Writes the 4 payload bytes at the start of `buffer` and returns 4.
  public func write(into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) -> Int {
    try buffer.require(Self.size)
    buffer.put(event, at: 0)
    buffer.put((isEnd ? 0x80 : 0) | (reserved ? 0x40 : 0) | volume, at: 1)
    buffer.put(duration, at: 2)
    return Self.size
  }

  /// The 4 payload bytes.
  public var bytes: [UInt8] {
    [
      event, (isEnd ? 0x80 : 0) | (reserved ? 0x40 : 0) | volume, UInt8(truncatingIfNeeded: duration >> 8),
      UInt8(truncatingIfNeeded: duration),
    ]
  }

  public var description: String {
    let name = dtmf.map { "DTMF \($0)" } ?? "event \(event)"
    return "\(name) volume -\(volume) duration \(duration)\(isEnd ? " end" : "")"
  }
}
