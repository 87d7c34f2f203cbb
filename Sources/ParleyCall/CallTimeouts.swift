/// The deadlines a ``CallMachine`` enforces, in milliseconds of the caller's monotonic clock.
///
/// WhatsApp shows "Not Answered" 30–60 s after the connect webhook (whatsapp-calling.md §0, §3.6), so the
/// defaults end a call Parley cannot set up well before WhatsApp gives up on it.
public struct CallTimeouts: Sendable, Equatable {
  /// Policy `ask`: the application must decide within this time of the connect webhook; then the call is
  /// rejected with ``CallEndReason/decisionTimeout``.
  public var decisionMilliseconds: Int64
  /// ICE and DTLS must complete within this time of `pre_accept`'s success (user-initiated) or of the
  /// answer / `ACCEPTED` (business-initiated); then ``CallEndReason/mediaTimeout``.
  public var mediaMilliseconds: Int64
  /// User-initiated: `accept` must have succeeded within this time of the connect webhook; then
  /// ``CallEndReason/acceptTimeout``.
  public var acceptDeadlineMilliseconds: Int64
  /// Business-initiated: without an answer or `ACCEPTED` within this time of `connect`'s success, the call
  /// is terminated with ``CallEndReason/notAnswered`` (§7.11: third-party clients use 60 s).
  public var ringMilliseconds: Int64

  public init(
    decisionMilliseconds: Int64 = 25_000, mediaMilliseconds: Int64 = 10_000,
    acceptDeadlineMilliseconds: Int64 = 40_000, ringMilliseconds: Int64 = 60_000
  ) {
    self.decisionMilliseconds = decisionMilliseconds
    self.mediaMilliseconds = mediaMilliseconds
    self.acceptDeadlineMilliseconds = acceptDeadlineMilliseconds
    self.ringMilliseconds = ringMilliseconds
  }
}
