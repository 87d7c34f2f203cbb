/// What ``JitterBuffer/insert(sequenceNumber:timestamp:arrival:payload:)`` did with a packet.
public enum JitterInsertResult: Sendable, Equatable {
  /// Stored for playout.
  case inserted
  /// The buffer was full: its oldest packet was dropped to make room (counted as overflow). When the new
  /// packet was older than everything buffered, it is the one dropped.
  case overflow
  /// Already buffered or already played: dropped (counted).
  case duplicate
  /// Its frame was already concealed or skipped: dropped (counted).
  case late
  /// Larger than a slot: dropped (counted).
  case oversized
}
