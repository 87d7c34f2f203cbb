/// One event out of a webhook body (whatsapp-calling.md §2).
///
/// Anything Parley does not act on — other subscription fields, other call events
/// (`call_created`, `call_recording_available`, …), other message types, and entries too broken
/// to read — becomes `.unknown` with a readable `detail`, so one odd entry never loses the others.
public enum WebhookEvent: Sendable, Equatable {
  case connect(CallConnect)
  case terminate(CallTerminate)
  case status(CallStatusUpdate)
  case permissionReply(CallPermissionReply)
  case settingsUpdate(AccountSettingsUpdate)
  case unknown(field: String, detail: String)

  /// The call id for call events.
  public var callID: String? {
    switch self {
    case .connect(let event): event.callID
    case .terminate(let event): event.callID
    case .status(let event): event.callID
    default: nil
    }
  }
}
