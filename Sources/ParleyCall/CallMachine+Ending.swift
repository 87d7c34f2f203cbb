/// API results, media events, deadlines and the ways a call ends (whatsapp-calling.md §1.1, §2.4, §5).
extension CallMachine {
  mutating func handleAPISucceeded(_ kind: APIRequestKind, callID: String?, now: Int64) -> [CallAction] {
    if let pending = pendingEnd {
      if kind == endingRequest { return finish(pending, now: now, whatsappErrorCode: pending.whatsappErrorCode) }
      if kind == .connect, terminateWhenConnected, connect == .sent {
        // The call now exists on WhatsApp's side: hang it up.
        connect = .succeeded
        whatsappCallID = callID
        terminateWhenConnected = false
        endingRequest = .terminate
        return [.sendTerminate]
      }
      return ignore()
    }
    switch kind {
    case .preAccept: return handlePreAcceptSucceeded(now: now)
    case .accept: return handleAcceptSucceeded(now: now)
    case .connect: return handleConnectSucceeded(callID: callID, now: now)
    case .permission, .reject, .terminate: return ignore()
    }
  }

  /// A failed `pre_accept` declines the call (`reject`: it was never accepted). A failed `accept` terminates it:
  /// its outcome is uncertain after timeouts and retries, and `terminate` ends a call in either case. A failed
  /// `reject` or `terminate` still ends the call: there is nothing else to do (§5).
  mutating func handleAPIFailed(_ kind: APIRequestKind, _ failure: APIFailure, now: Int64) -> [CallAction] {
    if let pending = pendingEnd {
      if kind == endingRequest { return finish(pending, now: now, whatsappErrorCode: pending.whatsappErrorCode) }
      if kind == .connect, terminateWhenConnected, connect == .sent {
        // The call never existed on WhatsApp's side.
        connect = .idle
        terminateWhenConnected = false
        return finish(pending, now: now, whatsappErrorCode: pending.whatsappErrorCode)
      }
      return ignore()
    }
    switch kind {
    case .preAccept:
      guard preAccept == .sent else { return ignore() }
      return beginEnding(.apiError(.preAccept, failure), now: now)
    case .accept:
      guard accept == .sent else { return ignore() }
      return beginEnding(.apiError(.accept, failure), now: now)
    case .connect:
      return handleConnectFailed(failure, now: now)
    case .permission:
      guard direction == .businessInitiated, remoteNumber != nil, !permissionKnown else { return ignore() }
      return prepareOffer()
    case .reject, .terminate:
      return ignore()
    }
  }

  mutating func handleMediaSecured(now: Int64) -> [CallAction] {
    guard mediaPrepared, !isMediaSecured, pendingEnd == nil else { return ignore() }
    isMediaSecured = true
    timings.mediaSecured = now
    mediaDeadline = nil
    switch direction {
    case .userInitiated: return acceptIfReady(now: now)
    case .businessInitiated: return connectIfReady(now: now)
    }
  }

  /// The terminate webhook (§2.4) ends a live call from any state. User-initiated, one strictly older than the
  /// connect webhook is stale (§2.7; timestamps are seconds, so equal ones are normal).
  mutating func handleTerminateWebhook(
    status: String, timestamp: Int64, durationSeconds: Int?, errorCode: Int?, errorMessage: String?, now: Int64
  ) -> [CallAction] {
    if direction == .userInitiated, let offerTimestamp, timestamp < offerTimestamp { return ignore() }
    if let pending = pendingEnd {
      return finish(
        pending, now: now, whatsappErrorCode: pending.whatsappErrorCode ?? errorCode, durationSeconds: durationSeconds)
    }
    let reason: CallEndReason =
      if status.uppercased() == "FAILED" {
        .failed(code: errorCode, message: errorMessage)
      } else {
        isConnected ? .completed : .hungUpByUser
      }
    return finish(reason, now: now, whatsappErrorCode: errorCode, durationSeconds: durationSeconds)
  }

  /// The control API's terminate, or the server's shutdown: terminate live calls, reject undecided ones.
  mutating func handleHangup(reason: CallEndReason, now: Int64) -> [CallAction] {
    guard pendingEnd == nil else { return ignore() }
    return beginEnding(reason, now: now)
  }

  /// The earliest deadline that has passed ends the call.
  mutating func handleTick(now: Int64) -> [CallAction] {
    guard pendingEnd == nil else { return ignore() }
    let deadlines: [(Int64?, CallEndReason)] = [
      (decisionDeadline, .decisionTimeout), (mediaDeadline, .mediaTimeout), (acceptDeadline, .acceptTimeout),
      (ringDeadline, .notAnswered),
    ]
    var due: (at: Int64, reason: CallEndReason)?
    for case (let at?, let reason) in deadlines where at <= now && due.map({ at < $0.at }) ?? true {
      due = (at, reason)
    }
    guard let due else { return ignore() }
    return beginEnding(due.reason, now: now)
  }

  /// Ends the call from Parley's side: `reject` before `accept` was sent, `terminate` after it (or once
  /// business-initiated `connect` is known to have succeeded), then releases the leg at once. With nothing to
  /// send, the call ends now; otherwise it ends on the request's result or the terminate webhook.
  mutating func beginEnding(_ reason: CallEndReason, now: Int64) -> [CallAction] {
    clearDeadlines()
    switch direction {
    case .userInitiated:
      if offer != nil { endingRequest = accept == .idle ? .reject : .terminate }
    case .businessInitiated:
      switch connect {
      case .succeeded: endingRequest = .terminate
      case .sent: terminateWhenConnected = true
      case .idle: break
      }
    }
    guard endingRequest != nil || terminateWhenConnected else {
      return finish(reason, now: now, whatsappErrorCode: reason.whatsappErrorCode)
    }
    pendingEnd = reason
    var actions: [CallAction] = []
    switch endingRequest {
    case .reject: actions.append(.sendReject)
    case .terminate: actions.append(.sendTerminate)
    default: break
    }
    return actions + releaseMediaIfNeeded()
  }

  /// Makes the call ``CallState/ended``: releases the leg if still held and emits `call.ended`.
  mutating func finish(
    _ reason: CallEndReason, now: Int64, whatsappErrorCode: Int?, durationSeconds: Int? = nil
  ) -> [CallAction] {
    let actions = releaseMediaIfNeeded()
    let reported: Int64? =
      if let durationSeconds, durationSeconds >= 0 {
        Int64(durationSeconds).multipliedReportingOverflow(by: 1000).overflow
          ? .max : Int64(durationSeconds) * 1000
      } else {
        timings.connectedAt.map { now.subtractingSaturated($0) }
      }
    clearDeadlines()
    pendingEnd = nil
    endingRequest = nil
    terminateWhenConnected = false
    state = .ended
    endReason = reason
    timings.endedAt = now
    return actions + [
      .notify(.ended(reason: reason, durationMilliseconds: reported, whatsappErrorCode: whatsappErrorCode))
    ]
  }

  mutating func releaseMediaIfNeeded() -> [CallAction] {
    guard mediaPrepared, !mediaReleased else { return [] }
    mediaReleased = true
    return [.releaseMedia]
  }

  mutating func clearDeadlines() {
    decisionDeadline = nil
    mediaDeadline = nil
    acceptDeadline = nil
    ringDeadline = nil
  }
}
