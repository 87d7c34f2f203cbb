/// Who placed the call (whatsapp-calling.md §2.2: `direction` is `USER_INITIATED` or `BUSINESS_INITIATED`).
public enum CallDirection: Sendable, Equatable {
  /// A WhatsApp user called the business: WhatsApp's connect webhook carries the offer, Parley answers
  /// with `pre_accept` and `accept` (§3.6).
  case userInitiated
  /// The business calls a WhatsApp user: Parley offers with `connect`, WhatsApp answers in a connect
  /// webhook and reports progress in status webhooks (§2.2, §2.3).
  case businessInitiated
}
