/// Extends 16-bit RTP sequence numbers to 64 bits (RFC 3550 Appendix A.1 keeps the same count of cycles).
///
/// The first number unwraps to itself. Each later number is placed at the shortest distance from the highest
/// number seen so far: up to 32767 ahead is newer (crossing 65535 → 0 adds a cycle), up to 32768 behind is older
/// (a late packet from before the wrap keeps the previous cycle). A packet older than the first can unwrap to a
/// negative value.
public struct SequenceNumberUnwrapper: Hashable, Sendable {
  /// The highest unwrapped value so far, `nil` before the first packet.
  public private(set) var highest: Int64?

  public init() {}

  /// The 64-bit value of `sequenceNumber`; advances ``highest`` when it is newer.
  public mutating func unwrap(_ sequenceNumber: SequenceNumber) -> Int64 {
    let value = peek(sequenceNumber)
    if let highest, value <= highest { return value }
    highest = value
    return value
  }

  /// The 64-bit value `sequenceNumber` would unwrap to, without recording it.
  public func peek(_ sequenceNumber: SequenceNumber) -> Int64 {
    guard let highest else { return Int64(sequenceNumber.rawValue) }
    let delta = Int16(bitPattern: sequenceNumber.rawValue &- UInt16(truncatingIfNeeded: highest))
    return highest &+ Int64(delta)
  }
}

/// Extends 32-bit RTP timestamps to 64 bits, like ``SequenceNumberUnwrapper``: up to 2^31 - 1 ahead of the
/// highest timestamp seen is newer, up to 2^31 behind is older.
public struct TimestampUnwrapper: Hashable, Sendable {
  /// The highest unwrapped value so far, `nil` before the first timestamp.
  public private(set) var highest: Int64?

  public init() {}

  /// The 64-bit value of `timestamp`; advances ``highest`` when it is newer.
  public mutating func unwrap(_ timestamp: RTPTimestamp) -> Int64 {
    let value = peek(timestamp)
    if let highest, value <= highest { return value }
    highest = value
    return value
  }

  /// The 64-bit value `timestamp` would unwrap to, without recording it.
  public func peek(_ timestamp: RTPTimestamp) -> Int64 {
    guard let highest else { return Int64(timestamp.rawValue) }
    let delta = Int32(bitPattern: timestamp.rawValue &- UInt32(truncatingIfNeeded: highest))
    return highest &+ Int64(delta)
  }
}
