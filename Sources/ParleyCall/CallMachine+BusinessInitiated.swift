/// Business-initiated calls (whatsapp-calling.md §1.1, §1.2, §2.2, §2.3, §4): permission → offer → `connect`
/// → status and answer webhooks → media.
extension CallMachine {
  mutating func handlePlace(to: String, app: String?, data: String?) -> [CallAction] {
    guard direction == .businessInitiated, remoteNumber == nil, pendingEnd == nil else { return ignore() }
    remoteNumber = to
    self.app = app ?? defaultApp
    bizOpaqueCallbackData = data
    return [.checkPermission(to: to)]
  }

  /// `GET call_permissions` answered (§1.2). Without permission, `connect` would fail with 138006 (§4).
  mutating func handlePermissionChecked(canCall: Bool, now: Int64) -> [CallAction] {
    guard direction == .businessInitiated, let remoteNumber, !permissionKnown, pendingEnd == nil else {
      return ignore()
    }
    guard canCall else {
      return [.suggestPermissionRequest(to: remoteNumber)]
        + finish(.noPermission, now: now, whatsappErrorCode: nil)
    }
    return prepareOffer()
  }

  /// The permission check is advisory: when the request itself fails (613 rate limit, 5xx), `connect` is tried
  /// anyway and its own 138006 is authoritative.
  mutating func prepareOffer() -> [CallAction] {
    permissionKnown = true
    mediaPrepared = true
    return [.prepareOffer(app: app ?? defaultApp)]
  }

  mutating func handleOfferPrepared(sdp: String, now: Int64) -> [CallAction] {
    guard direction == .businessInitiated, let remoteNumber, mediaPrepared, connect == .idle, pendingEnd == nil
    else { return ignore() }
    connect = .sent
    timings.offerPrepared = now
    timings.connectSent = now
    return [.sendConnect(to: remoteNumber, sdp: sdp, bizOpaqueCallbackData: bizOpaqueCallbackData)]
  }

  /// `connect` succeeded: the call exists and rings until answered (§2.3).
  mutating func handleConnectSucceeded(callID: String?, now: Int64) -> [CallAction] {
    guard connect == .sent else { return ignore() }
    connect = .succeeded
    whatsappCallID = callID
    if !statusAccepted, remoteAnswer == nil {
      ringDeadline = Self.deadline(now, after: timeouts.ringMilliseconds)
    }
    return []
  }

  /// `connect` failed: nothing exists on WhatsApp's side to terminate (§5; 138006 → permission request, §4).
  mutating func handleConnectFailed(_ failure: APIFailure, now: Int64) -> [CallAction] {
    guard connect == .sent else { return ignore() }
    connect = .idle
    if failure.code == APIFailure.noPermissionCode, let remoteNumber {
      return [.suggestPermissionRequest(to: remoteNumber)]
        + finish(.noPermission, now: now, whatsappErrorCode: APIFailure.noPermissionCode)
    }
    return finish(.apiError(.connect, failure), now: now, whatsappErrorCode: failure.code)
  }

  /// Status webhooks (§2.3). Older than the newest seen (timestamps are seconds: equal is not stale), repeated,
  /// or `RINGING` after the answer: ignored. `REJECTED` ends the call; WhatsApp's terminate webhook follows.
  mutating func handleStatus(_ status: String, timestamp: Int64, now: Int64) -> [CallAction] {
    guard direction == .businessInitiated, connect != .idle, pendingEnd == nil else { return ignore() }
    if let newest = newestStatusTimestamp, timestamp < newest { return ignore() }
    switch status.uppercased() {
    case "RINGING":
      guard !ringingNotified, !statusAccepted, remoteAnswer == nil, !isConnected else { return ignore() }
      newestStatusTimestamp = timestamp
      ringingNotified = true
      timings.ringing = now
      return [.notify(.ringing)]
    case "ACCEPTED":
      guard !statusAccepted else { return ignore() }
      newestStatusTimestamp = timestamp
      statusAccepted = true
      answered(now: now)
      return connectIfReady(now: now)
    case "REJECTED":
      guard !isConnected else { return ignore() }
      newestStatusTimestamp = timestamp
      return finish(.rejectedByUser, now: now, whatsappErrorCode: nil)
    default:
      return ignore()
    }
  }

  /// WhatsApp's answer (§2.2): apply it; it means the user picked up (Meta sends `ACCEPTED` mostly for
  /// auditing, after the call is established). It may overtake `connect`'s response.
  mutating func handleAnswerWebhook(sdp: String, now: Int64) -> [CallAction] {
    guard direction == .businessInitiated, connect != .idle, remoteAnswer == nil, pendingEnd == nil else {
      return ignore()
    }
    remoteAnswer = sdp
    timings.answerReceived = now
    answered(now: now)
    return [.applyAnswer(sdp: sdp)] + connectIfReady(now: now)
  }

  /// The user answered: stop the ring timer, start the media timer.
  mutating func answered(now: Int64) {
    ringDeadline = nil
    if !isMediaSecured, mediaDeadline == nil {
      mediaDeadline = Self.deadline(now, after: timeouts.mediaMilliseconds)
    }
  }

  /// Media flows once the call is answered and secured; there is no `accept` in this direction (§2.2).
  mutating func connectIfReady(now: Int64) -> [CallAction] {
    guard direction == .businessInitiated, isMediaSecured, statusAccepted || remoteAnswer != nil, !isConnected
    else { return [] }
    timings.connectedAt = now
    mediaDeadline = nil
    ringDeadline = nil
    return [.startSending, .notify(.connected)]
  }
}
