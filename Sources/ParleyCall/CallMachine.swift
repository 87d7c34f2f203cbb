/// The life of one WhatsApp call as a pure state machine: inputs (webhooks, API results, media events, the
/// application's decisions, the clock) in, ``CallAction``s out, in the style of postgres-nio's
/// `ConnectionStateMachine` (STYLE.md 3). It reads no clock: `now` is an argument (STYLE.md 1).
///
/// User-initiated (whatsapp-calling.md §3.6): connect webhook → ``CallAction/prepareAnswer(offer:app:)`` →
/// `pre_accept` at once (DESIGN.md §4) → ICE and DTLS → `accept` with the same SDP → media after its 200 OK.
/// Under policy `ask`, the answer is prepared and pre-accepted while the application decides, so ICE and DTLS
/// are done by the time it accepts and `accept` goes out immediately. `pre_accept` makes the caller's phone
/// show "Ringing", which is what it should show while the application decides; media (which would start the
/// caller's timer, §3.6) is only sent after `accept` succeeds.
///
/// Business-initiated (§2.2, §2.3, §4): permission check → ``CallAction/prepareOffer(app:)`` → `connect` →
/// status webhooks and the answer webhook → media once the call is answered (the answer or `ACCEPTED`) and
/// secured, never on a call that has not been picked up (§6, dograh).
///
/// Ending: Parley ends a call with `reject` before `accept` was sent and `terminate` after it. The call is
/// ``CallState/ended`` when that request succeeds or fails, or when the terminate webhook arrives, whichever is
/// first (§2.4: WhatsApp sends a terminate webhook after either). Whatever the inputs, `call.ended`
/// (``CallNotice/ended(reason:durationMilliseconds:whatsappErrorCode:)``) is emitted exactly once, and
/// ``CallAction/releaseMedia`` exactly once if a leg was prepared.
public struct CallMachine: Sendable {
  public let direction: CallDirection
  public let timeouts: CallTimeouts
  /// The app run when the policy or the request names none (`PARLEY_INBOUND_APP`).
  public let defaultApp: String

  public internal(set) var state: CallState = .preparing
  public internal(set) var endReason: CallEndReason?
  public internal(set) var timings: CallTimings
  /// The app the leg runs.
  public internal(set) var app: String?
  /// Business-initiated: the number called.
  public internal(set) var remoteNumber: String?
  /// Business-initiated: the call id from `connect`'s response (§1.1).
  public internal(set) var whatsappCallID: String?
  /// Business-initiated: echoed in webhooks (§1.1).
  public internal(set) var bizOpaqueCallbackData: String?
  /// Inputs that changed nothing: duplicates, stale webhooks, inputs that do not apply in the current state or
  /// arrive after the call ended (§2.7).
  public internal(set) var ignoredInputs = 0

  // Media leg.
  var mediaPrepared = false
  var mediaReleased = false
  var isMediaSecured = false

  // User-initiated.
  var offer: String?
  var offerTimestamp: Int64?
  var awaitingDecision = false
  var answer: String?
  var preAccept = RequestProgress.idle
  var accept = RequestProgress.idle

  // Business-initiated.
  var permissionKnown = false
  var connect = RequestProgress.idle
  var remoteAnswer: String?
  var statusAccepted = false
  var ringingNotified = false
  var newestStatusTimestamp: Int64?

  // Ending.
  var pendingEnd: CallEndReason?
  var endingRequest: APIRequestKind?
  var terminateWhenConnected = false

  // Deadlines (absolute, machine clock).
  var decisionDeadline: Int64?
  var mediaDeadline: Int64?
  var acceptDeadline: Int64?
  var ringDeadline: Int64?

  enum RequestProgress: Sendable, Equatable {
    case idle, sent, succeeded
  }

  public init(direction: CallDirection, timeouts: CallTimeouts = .init(), defaultApp: String = "echo", now: Int64) {
    self.direction = direction
    self.timeouts = timeouts
    self.defaultApp = defaultApp
    self.timings = CallTimings(createdAt: now)
  }

  /// When the server must feed ``CallInput/tick``: the earliest pending deadline, `nil` when none.
  public var nextDeadline: Int64? {
    guard state != .ended, pendingEnd == nil else { return nil }
    return [decisionDeadline, mediaDeadline, acceptDeadline, ringDeadline].compactMap { $0 }.min()
  }

  /// Whether the call has been connected (media flowing).
  public var isConnected: Bool { timings.connectedAt != nil }

  /// Handles one input and returns what the server must do, in order. Never traps.
  public mutating func handle(_ input: CallInput, now: Int64) -> [CallAction] {
    guard state != .ended else { return ignore() }
    let actions: [CallAction]
    switch input {
    case .offered(let sdp, let timestamp, let policy):
      actions = handleOffered(sdp: sdp, timestamp: timestamp, policy: policy, now: now)
    case .answerPrepared(let sdp): actions = handleAnswerPrepared(sdp: sdp, now: now)
    case .preparationFailed(let reason): actions = handlePreparationFailed(reason: reason, now: now)
    case .decided(let decision): actions = handleDecided(decision, now: now)
    case .apiSucceeded(let kind, let callID): actions = handleAPISucceeded(kind, callID: callID, now: now)
    case .apiFailed(let kind, let failure): actions = handleAPIFailed(kind, failure, now: now)
    case .mediaSecured: actions = handleMediaSecured(now: now)
    case .mediaFailed(let reason):
      actions = mediaPrepared && pendingEnd == nil ? beginEnding(.mediaFailed(reason), now: now) : ignore()
    case .terminateWebhook(let status, let timestamp, let durationSeconds, let errorCode, let errorMessage):
      actions = handleTerminateWebhook(
        status: status, timestamp: timestamp, durationSeconds: durationSeconds, errorCode: errorCode,
        errorMessage: errorMessage, now: now)
    case .statusWebhook(let status, let timestamp): actions = handleStatus(status, timestamp: timestamp, now: now)
    case .answerWebhook(let sdp, _): actions = handleAnswerWebhook(sdp: sdp, now: now)
    case .hangup: actions = handleHangup(reason: isConnected ? .completed : .hungUpByBusiness, now: now)
    case .shutdown: actions = handleHangup(reason: .shutdown, now: now)
    case .tick: actions = handleTick(now: now)
    case .place(let to, let app, let data): actions = handlePlace(to: to, app: app, data: data)
    case .permissionChecked(let canCall): actions = handlePermissionChecked(canCall: canCall, now: now)
    case .offerPrepared(let sdp): actions = handleOfferPrepared(sdp: sdp, now: now)
    }
    if state != .ended { state = derivedState() }
    return actions
  }

  /// Counts an input that changes nothing.
  mutating func ignore() -> [CallAction] {
    ignoredInputs += 1
    return []
  }

  /// The state implied by the progress flags of a live call.
  func derivedState() -> CallState {
    if pendingEnd != nil { return .ending }
    if isConnected { return .active }
    switch direction {
    case .userInitiated:
      if accept != .idle { return .accepting }
      if awaitingDecision { return .awaitingDecision }
      if answer == nil { return .preparing }
      return preAccept == .sent ? .preAccepting : .connectingMedia
    case .businessInitiated:
      if remoteNumber == nil { return .preparing }
      if !permissionKnown { return .checkingPermission }
      if connect == .idle { return .preparingOffer }
      if statusAccepted || remoteAnswer != nil { return .connectingMedia }
      return connect == .sent ? .connecting : .ringing
    }
  }

  /// `now + milliseconds`, saturating.
  static func deadline(_ now: Int64, after milliseconds: Int64) -> Int64 {
    now.addingSaturated(milliseconds)
  }
}
