/// What the caller does for one tick (one frame of output), as ``JitterBuffer/nextDecision(now:)``
/// says it.
public enum PlayoutDecision: Sendable, Equatable {
  /// Decode this packet (``JitterBuffer/withPayload(_:_:)``). The buffer has let go of it: the slot is
  /// readable until the next `insert`, `nextDecision` or `reset`. When the buffer drains a backlog it
  /// discards the oldest packet and plays the one after it, still as `.play` (counted as dropped).
  case play(PacketSlot)
  /// The expected packet is missing and the next is not here either: conceal one frame (Opus PLC,
  /// `decodeLoss`). The timeline moves on; the packet is late if it comes after all.
  case conceal
  /// The expected packet is missing but the one after it is here: decode that packet's in-band FEC
  /// (`decodeFEC(fromNext:)`) for this frame, or conceal if FEC was not negotiated. The buffer keeps
  /// `next`; it is played on a following tick.
  case recoverWithFEC(next: PacketSlot)
  /// Conceal one extra frame without moving the timeline: the buffer holds less than its target (the
  /// network got slower, or the sender's clock is slower than ours), so the audio waits one frame for the
  /// packets. Decode as for ``conceal``.
  case stretch
  /// Nothing to play: before the first packet, in a silence (DTX) gap, or long after the last packet.
  /// The caller outputs silence or comfort noise.
  case wait
}

/// A packet the buffer holds, named by a decision. Reading it after the slot was reused traps.
public struct PacketSlot: Sendable, Equatable {
  /// The packet's RTP sequence number.
  public let sequenceNumber: UInt16
  /// The packet's RTP timestamp.
  public let timestamp: UInt32
  /// The payload's length in bytes.
  public let length: Int
  /// When the packet arrived (µs, the timeline of `insert`'s `arrival`).
  public let arrival: Int64
  let index: Int
  let generation: UInt32
}
