/// Everything that can happen to a call, fed to ``CallMachine/handle(_:now:)``.
///
/// Webhooks arrive at least once and in any order (whatsapp-calling.md §2.7): every input is accepted in every
/// state, and those that no longer apply yield no actions.
public enum CallInput: Sendable, Equatable {
  // MARK: User-initiated

  /// The connect webhook with WhatsApp's offer (§2.2); `timestamp` is the webhook's (Unix seconds).
  case offered(sdp: String, timestamp: Int64, policy: InboundPolicy)
  /// The server built the media leg (sending disabled) and Parley's answer.
  case answerPrepared(sdp: String)
  /// The media leg or its answer/offer could not be built (bad offer, no usable candidate).
  case preparationFailed(reason: String)
  /// The application decided (policy `ask`).
  case decided(CallDecision)

  // MARK: Either direction

  /// A calling API request succeeded; for `.connect`, `callID` is the new WhatsApp call id (§1.1).
  case apiSucceeded(APIRequestKind, callID: String?)
  /// A calling API request failed for good (§5).
  case apiFailed(APIRequestKind, APIFailure)
  /// ICE connected and the DTLS handshake completed.
  case mediaSecured
  /// ICE or DTLS failed.
  case mediaFailed(reason: String)
  /// `event:"terminate"` (§2.4); `status` is `COMPLETED` or `FAILED` in any case; `errorCode` and
  /// `errorMessage` come from the webhook's first `errors` entry.
  case terminateWebhook(
    status: String, timestamp: Int64, durationSeconds: Int?, errorCode: Int?, errorMessage: String?)
  /// A status webhook: `RINGING`, `ACCEPTED` or `REJECTED` (§2.3, business-initiated).
  case statusWebhook(status: String, timestamp: Int64)
  /// The business-initiated connect webhook carrying WhatsApp's answer (§2.2).
  case answerWebhook(sdp: String, timestamp: Int64)
  /// The control API's terminate.
  case hangup
  /// The server's draining deadline passed.
  case shutdown
  /// The server's clock reached ``CallMachine/nextDeadline``.
  case tick

  // MARK: Business-initiated

  /// `POST /v1/calls`: call `to`, running `app` (the default app when `nil`).
  case place(to: String, app: String?, bizOpaqueCallbackData: String?)
  /// `GET call_permissions` answered whether `start_call` can be performed (§1.2).
  case permissionChecked(canCall: Bool)
  /// The server built the media leg (sending disabled) and Parley's offer.
  case offerPrepared(sdp: String)
}
