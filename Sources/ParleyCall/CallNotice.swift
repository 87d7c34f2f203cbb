/// What the business's application hears about a call: each notice becomes one event POSTed to
/// `PARLEY_EVENTS_URL` (DESIGN.md §1).
public enum CallNotice: Sendable, Equatable {
  /// `call.incoming` (policy `ask`): decide before `deadline` (the machine's clock, milliseconds).
  case incoming(deadline: Int64)
  /// `call.ringing` (business-initiated `RINGING`, whatsapp-calling.md §2.3).
  case ringing
  /// `call.connected`: Parley is sending media.
  case connected
  /// `call.ended`, emitted exactly once per call. `durationMilliseconds` is WhatsApp's `duration` when the
  /// terminate webhook carried one (§2.4), else the time since the call was connected, else `nil`.
  case ended(reason: CallEndReason, durationMilliseconds: Int64?, whatsappErrorCode: Int?)
}
