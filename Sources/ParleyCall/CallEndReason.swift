/// Why a call ended, reported in `call.ended` (DESIGN.md §1) and as a metrics label (``summary``).
public enum CallEndReason: Sendable, Equatable {
  /// The call was connected and ended normally: a `COMPLETED` terminate webhook, or Parley's own hangup
  /// after the call was connected (whatsapp-calling.md §2.4).
  case completed
  /// Policy `reject`.
  case rejectedByPolicy
  /// Policy `ask`, and the application rejected.
  case rejectedByApp
  /// Business-initiated: a `REJECTED` status webhook (§2.3).
  case rejectedByUser
  /// Business-initiated: no answer within ``CallTimeouts/ringMilliseconds``.
  case notAnswered
  /// Policy `ask`: no decision within ``CallTimeouts/decisionMilliseconds``.
  case decisionTimeout
  /// ICE and DTLS did not complete within ``CallTimeouts/mediaMilliseconds``.
  case mediaTimeout
  /// User-initiated: `accept` had not succeeded within ``CallTimeouts/acceptDeadlineMilliseconds`` of the
  /// connect webhook (§3.6: WhatsApp gives up at 30–60 s).
  case acceptTimeout
  /// The media leg could not be built or failed (bad offer, no usable candidate, ICE or DTLS failure).
  case mediaFailed(String)
  /// A calling API request failed for good (§5).
  case apiError(APIRequestKind, APIFailure)
  /// A `FAILED` terminate webhook, with its first error (§2.4).
  case failed(code: Int?, message: String?)
  /// The business hung up (control API) before the call was connected.
  case hungUpByBusiness
  /// The WhatsApp user (or WhatsApp) ended the call before it was connected: a `COMPLETED` terminate webhook.
  case hungUpByUser
  /// Business-initiated: the user has not granted call permission (§4, error 138006).
  case noPermission
  /// The server was draining and its deadline passed.
  case shutdown

  /// A short snake_case name for events and metrics labels (a bounded set: no codes or messages).
  public var summary: String {
    switch self {
    case .completed: "completed"
    case .rejectedByPolicy: "rejected_by_policy"
    case .rejectedByApp: "rejected_by_app"
    case .rejectedByUser: "rejected_by_user"
    case .notAnswered: "not_answered"
    case .decisionTimeout: "decision_timeout"
    case .mediaTimeout: "media_timeout"
    case .acceptTimeout: "accept_timeout"
    case .mediaFailed: "media_failed"
    case .apiError: "api_error"
    case .failed: "failed"
    case .hungUpByBusiness: "hung_up_by_business"
    case .hungUpByUser: "hung_up_by_user"
    case .noPermission: "no_permission"
    case .shutdown: "shutdown"
    }
  }

  /// The WhatsApp error code this reason carries, if any (§5).
  var whatsappErrorCode: Int? {
    switch self {
    case .apiError(_, let failure): failure.code
    case .failed(let code, _): code
    default: nil
    }
  }
}
