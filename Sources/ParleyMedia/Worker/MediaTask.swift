/// Something a ``MediaWorker`` runs: a leg, a room, a player. Called only on its worker's thread.
public protocol MediaTask: AnyObject {
  /// Handles whatever arrived since the last call (e.g. datagrams in the leg's ring) and any timer
  /// that is due. Called on every wake-up of the worker, and before each tick.
  func service(now: Int64)
  /// One 20 ms media tick: jitter pop → decode → mix → encode → protect → send.
  func tick(now: Int64)
  /// The earliest time (µs, monotonic) the task needs ``service(now:)`` again regardless of ticks
  /// (e.g. a DTLS retransmission), or nil. A deadline at or before the last service is ignored.
  var nextDeadline: Int64? { get }
}
