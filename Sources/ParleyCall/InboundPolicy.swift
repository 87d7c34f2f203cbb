/// What Parley does with a user-initiated call when its connect webhook arrives (`PARLEY_INBOUND_POLICY`,
/// DESIGN.md §1).
public enum InboundPolicy: Sendable, Equatable {
  /// Answer at once and run `app` (`echo`, `play:PATH`, `room:NAME`).
  case accept(app: String)
  /// Decline at once with the `reject` action (whatsapp-calling.md §1.1).
  case reject
  /// Emit `call.incoming` and wait for the business's application to accept or reject through the control
  /// API, before ``CallTimeouts/decisionMilliseconds``.
  case ask
}
