/// What the server must do for a call, in order, as returned by ``CallMachine/handle(_:now:)``.
///
/// Each `send…` action is one calling API request (whatsapp-calling.md §1.1); its outcome comes back as
/// ``CallInput/apiSucceeded(_:callID:)`` or ``CallInput/apiFailed(_:_:)``.
public enum CallAction: Sendable, Equatable {
  /// Build the media leg for `offer` with sending disabled, and Parley's answer; report
  /// ``CallInput/answerPrepared(sdp:)`` or ``CallInput/preparationFailed(reason:)``.
  case prepareAnswer(offer: String, app: String)
  /// Run `app` on the leg instead of the one named when it was prepared (policy `ask`: the application chose
  /// another app when it accepted). The leg is not sending yet.
  case useApp(String)
  /// Tell the business's application.
  case notify(CallNotice)
  /// `pre_accept` with Parley's answer (§3.6 step 2).
  case sendPreAccept(sdp: String)
  /// `accept` with the same SDP as `pre_accept` (§1.1).
  case sendAccept(sdp: String)
  /// `reject` (user-initiated, before `accept`).
  case sendReject
  /// `terminate` (§1.1: also after an RTCP BYE, for billing).
  case sendTerminate
  /// Start sending media on the leg: only after `accept`'s 200 OK (§1.1) or, business-initiated, once the
  /// call is answered and media is secured.
  case startSending
  /// `GET call_permissions` for `to` (§1.2); report ``CallInput/permissionChecked(canCall:)``.
  case checkPermission(to: String)
  /// Build the media leg with sending disabled, and Parley's offer; report ``CallInput/offerPrepared(sdp:)``
  /// or ``CallInput/preparationFailed(reason:)``.
  case prepareOffer(app: String)
  /// `connect` (§1.1).
  case sendConnect(to: String, sdp: String, bizOpaqueCallbackData: String?)
  /// Apply WhatsApp's answer as the remote description (§2.2).
  case applyAnswer(sdp: String)
  /// Close the leg. Emitted exactly once per call that was asked to prepare one, even when the preparation
  /// failed or is still running (the server frees whatever it has built, or builds nothing more).
  case releaseMedia
  /// 138006: the application may send a call permission request to `to` (§2.5, §4).
  case suggestPermissionRequest(to: String)
}
