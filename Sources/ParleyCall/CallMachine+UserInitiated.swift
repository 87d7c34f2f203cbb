/// User-initiated calls (whatsapp-calling.md §2.2, §3.6): offer → answer → `pre_accept` → ICE/DTLS →
/// `accept`.
extension CallMachine {
  /// The connect webhook. A repeated offer (at-least-once delivery, §2.7) is ignored.
  mutating func handleOffered(sdp: String, timestamp: Int64, policy: InboundPolicy, now: Int64) -> [CallAction] {
    guard direction == .userInitiated, offer == nil, pendingEnd == nil else { return ignore() }
    offer = sdp
    offerTimestamp = timestamp
    timings.offerReceived = now
    acceptDeadline = Self.deadline(now, after: timeouts.acceptDeadlineMilliseconds)
    switch policy {
    case .accept(let app):
      self.app = app
      mediaPrepared = true
      return [.prepareAnswer(offer: sdp, app: app)]
    case .reject:
      return beginEnding(.rejectedByPolicy, now: now)
    case .ask:
      app = defaultApp
      mediaPrepared = true
      awaitingDecision = true
      let deadline = Self.deadline(now, after: timeouts.decisionMilliseconds)
      decisionDeadline = deadline
      return [.prepareAnswer(offer: sdp, app: defaultApp), .notify(.incoming(deadline: deadline))]
    }
  }

  /// The answer is ready: `pre_accept` it at once (DESIGN.md §4), also while the application decides.
  mutating func handleAnswerPrepared(sdp: String, now: Int64) -> [CallAction] {
    guard direction == .userInitiated, mediaPrepared, answer == nil, pendingEnd == nil else { return ignore() }
    answer = sdp
    timings.answerPrepared = now
    preAccept = .sent
    timings.preAcceptSent = now
    return [.sendPreAccept(sdp: sdp)]
  }

  /// The leg could not be built: decline (user-initiated) or give up (business-initiated, nothing sent yet).
  mutating func handlePreparationFailed(reason: String, now: Int64) -> [CallAction] {
    guard mediaPrepared, pendingEnd == nil else { return ignore() }
    switch direction {
    case .userInitiated: guard answer == nil else { return ignore() }
    case .businessInitiated: guard connect == .idle else { return ignore() }
    }
    return beginEnding(.mediaFailed(reason), now: now)
  }

  /// The application's decision (policy `ask`); later or repeated decisions are ignored.
  mutating func handleDecided(_ decision: CallDecision, now: Int64) -> [CallAction] {
    guard direction == .userInitiated, awaitingDecision, pendingEnd == nil else { return ignore() }
    awaitingDecision = false
    decisionDeadline = nil
    switch decision {
    case .reject:
      return beginEnding(.rejectedByApp, now: now)
    case .accept(let chosen):
      var actions: [CallAction] = []
      if let chosen, chosen != app {
        app = chosen
        actions.append(.useApp(chosen))
      }
      return actions + acceptIfReady(now: now)
    }
  }

  /// `pre_accept` succeeded: wait for media (or accept at once when media was secured first).
  mutating func handlePreAcceptSucceeded(now: Int64) -> [CallAction] {
    guard preAccept == .sent else { return ignore() }
    preAccept = .succeeded
    timings.preAcceptDone = now
    if !isMediaSecured { mediaDeadline = Self.deadline(now, after: timeouts.mediaMilliseconds) }
    return acceptIfReady(now: now)
  }

  /// `accept` succeeded: media may flow (§1.1: only after the 200 OK).
  mutating func handleAcceptSucceeded(now: Int64) -> [CallAction] {
    guard accept == .sent else { return ignore() }
    accept = .succeeded
    timings.connectedAt = now
    acceptDeadline = nil
    mediaDeadline = nil
    return [.startSending, .notify(.connected)]
  }

  /// Sends `accept` once `pre_accept` succeeded, media is secured and the call is accepted (§3.6 step 4).
  mutating func acceptIfReady(now: Int64) -> [CallAction] {
    guard preAccept == .succeeded, isMediaSecured, !awaitingDecision, accept == .idle, let answer else { return [] }
    accept = .sent
    timings.acceptSent = now
    return [.sendAccept(sdp: answer)]
  }
}
