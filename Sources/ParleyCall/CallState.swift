/// Where a call stands, as shown by `GET /v1/calls` (DESIGN.md §1). The raw values are the wire names.
public enum CallState: String, Sendable, Equatable {
  /// User-initiated: the server builds the media leg and the answer. Also the state before the first input.
  case preparing
  /// Policy `ask`: waiting for the application's accept or reject (the answer may be ready and pre-accepted).
  case awaitingDecision
  /// `pre_accept` is in flight (whatsapp-calling.md §3.6 step 2).
  case preAccepting
  /// Waiting for ICE and DTLS (§3.6 step 3). Business-initiated: the answer (or `ACCEPTED`) has arrived.
  case connectingMedia
  /// `accept` is in flight; media starts on its 200 OK (§1.1, §3.6 steps 4–5).
  case accepting
  /// Connected: Parley is sending media.
  case active
  /// Business-initiated: `GET call_permissions` is in flight (§1.2, §4).
  case checkingPermission
  /// Business-initiated: the server builds the media leg and the offer.
  case preparingOffer
  /// Business-initiated: `connect` is in flight (§1.1).
  case connecting
  /// Business-initiated: `connect` succeeded; the user's phone rings (§2.3).
  case ringing
  /// Parley sent `reject` or `terminate` and waits for its result or the terminate webhook (§2.4).
  case ending
  /// Final.
  case ended
}
