/// The outcome of checking a webhook's credentials (whatsapp-calling.md §2.8).
public enum WebhookAuthResult: Sendable, Equatable {
  /// A configured credential is present and valid.
  case accepted
  /// None of the configured credentials is present; names what was expected.
  case missing(String)
  /// A credential is present but wrong, and none is valid; says which.
  case rejected(String)
  /// Nothing is configured, so nothing was checked.
  case notConfigured
}
