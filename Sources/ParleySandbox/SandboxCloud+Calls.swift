import Foundation
public import ParleyWhatsApp

extension SandboxCloud {
  // MARK: - User-initiated calls

  /// A user calls the business: the cloud delivers a `connect` webhook with the phone's offer.
  @discardableResult
  public func placeUserCall(from user: String, phone: any SandboxPhone, offer: String, contactName: String? = nil)
    -> String
  {
    let id = makeCallID()
    calls[id] = SandboxCall(
      id: id, userInitiated: true, user: user, state: .ringing, offer: offer,
      createdAt: Date().timeIntervalSince1970)
    phonesByCall[id] = phone
    let connect = CallConnect(
      callID: id, from: user, to: configuration.businessNumber, direction: .userInitiated, timestamp: now,
      sdpType: "offer", sdp: offer, phoneNumberID: configuration.phoneNumberID, contactName: contactName)
    delivery.enqueue(
      WebhookBody.connect(
        connect, wabaID: configuration.wabaID, phoneNumberID: configuration.phoneNumberID,
        displayPhoneNumber: configuration.businessNumber))
    return id
  }

  /// The user hangs up (or WhatsApp gives up): a terminate webhook, COMPLETED with the duration when
  /// the call was picked up; FAILED with `errorCode` when given.
  public func endCall(_ id: String, errorCode: Int? = nil, errorMessage: String? = nil) {
    guard let call = calls[id], call.state != .ended, call.state != .failed, call.state != .rejected else { return }
    finish(id, as: errorCode == nil ? .ended : .failed, by: "user", errorCode: errorCode, errorMessage: errorMessage)
  }

  /// Ends call `id` as `state`: its phone hangs up, then (after `status`, if any) the terminate webhook.
  func finish(
    _ id: String, as state: SandboxCall.State, by party: String, status: String? = nil, errorCode: Int? = nil,
    errorMessage: String? = nil
  ) {
    guard var call = calls[id] else { return }
    call.state = state
    call.endTime = now
    call.endedBy = party
    calls[id] = call
    phonesByCall.removeValue(forKey: id)?.close()
    if let status { deliverStatus(id, status) }
    deliverTerminate(call, errorCode: errorCode, errorMessage: errorMessage)
  }

  func deliverTerminate(_ call: SandboxCall, errorCode: Int? = nil, errorMessage: String? = nil) {
    let duration = call.startTime.map { Int((call.endTime ?? now) - $0) }
    let terminate = CallTerminate(
      callID: call.id, direction: call.userInitiated ? .userInitiated : .businessInitiated, timestamp: now,
      status: errorCode == nil ? "COMPLETED" : "FAILED", startTime: call.startTime,
      endTime: call.startTime == nil ? nil : (call.endTime ?? now), duration: duration,
      bizOpaqueCallbackData: call.bizOpaqueCallbackData,
      errors: errorCode.map { [WebhookErrorDetail(code: $0, message: errorMessage, details: errorMessage)] } ?? [])
    let business = configuration.businessNumber
    delivery.enqueue(
      WebhookBody.terminate(
        terminate, from: call.userInitiated ? call.user : business, to: call.userInitiated ? business : call.user,
        wabaID: configuration.wabaID, phoneNumberID: configuration.phoneNumberID, displayPhoneNumber: business))
  }

  // MARK: - /calls actions

  func callAction(_ request: CallActionRequest) async -> SandboxResponse {
    guard request.messagingProduct == "whatsapp" else {
      return graph(400, 100, "messaging_product must be \"whatsapp\"")
    }
    // §1.3: while SIP is enabled the Graph calling endpoints cannot be used.
    guard settings["calling"]?["sip"]?["status"]?.stringValue != "ENABLED" else {
      return graph(400, 131055, "Calling API requests are not allowed while SIP is enabled")
    }
    switch request.action {
    case "connect": return connect(request)
    case "pre_accept", "accept":
      guard let id = request.callID, var call = calls[id] else { return graph(400, 100, "Unknown call_id") }
      guard call.userInitiated else { return graph(400, 100, "\(request.action) is for user-initiated calls") }
      guard call.state == .ringing || call.state == .preAccepted else {
        return graph(400, 138007, "The call is no longer ringing (\(call.state.rawValue))")
      }
      guard let session = request.session, session.sdpType == "answer" else {
        return graph(400, 100, "session.sdp_type must be \"answer\"")
      }
      // A second pre_accept may repeat the first (a retry) but not change it: the phone already has it.
      if let earlier = call.preAcceptSDP, earlier != session.sdp {
        return graph(400, 100, "The SDP sent with \(request.action) must match the one sent with pre_accept")
      }
      if call.preAcceptSDP == nil {
        do {
          try phonesByCall[id]?.receiveAnswer(session.sdp)
        } catch {
          return graph(400, 100, "SDP validation error", details: String(describing: error))
        }
      }
      if request.action == "pre_accept" {
        call.preAcceptSDP = session.sdp
        call.state = .preAccepted
      } else {
        call.acceptSDP = session.sdp
        call.state = .accepted
        call.startTime = now
        call.bizOpaqueCallbackData = request.bizOpaqueCallbackData ?? call.bizOpaqueCallbackData
        permissionRequests[call.user] = nil  // §4: a connected call resets the request limits
      }
      calls[id] = call
      return success()
    case "reject":
      guard let id = request.callID, let call = calls[id] else { return graph(400, 100, "Unknown call_id") }
      guard call.userInitiated, call.state == .ringing || call.state == .preAccepted else {
        return graph(400, 100, "Only a ringing user-initiated call can be rejected")
      }
      finish(id, as: .rejected, by: "business")
      return success()
    case "terminate":
      guard let id = request.callID, let call = calls[id] else { return graph(400, 100, "Unknown call_id") }
      guard call.state != .ended, call.state != .rejected, call.state != .failed else {
        return graph(400, 100, "The call has already ended")
      }
      finish(id, as: .ended, by: "business")
      return success()
    default:
      return graph(400, 100, "Unknown action \(request.action)")
    }
  }

  /// Business-initiated: permission check, the phone's answer, then RINGING, the connect webhook with
  /// the answer, and ACCEPTED (or REJECTED and terminate) after the user's pick-up delay.
  private func connect(_ request: CallActionRequest) -> SandboxResponse {
    guard let to = request.to else { return graph(400, 100, "connect needs \"to\"") }
    guard let session = request.session, session.sdpType == "offer" else {
      return graph(400, 100, "connect needs session.sdp_type \"offer\"")
    }
    guard let entry = phones[to] else {
      return graph(400, 138001, "Receiver is uncallable", details: "\(to) is not a sandbox phone")
    }
    let (phone, profile) = (entry.phone, entry.profile)
    guard settings["calling"]?["status"]?.stringValue != "DISABLED" else {
      return graph(401, 138000, "Calling is not enabled for this phone number")
    }
    guard permission(of: to).status != "no_permission" else {
      return graph(401, 138006, "No approved call permission from the recipient")
    }
    let answer: String
    do {
      answer = try phone.answer(offer: session.sdp)
    } catch {
      return graph(400, 100, "SDP validation error", details: String(describing: error))
    }
    let id = makeCallID()
    calls[id] = SandboxCall(
      id: id, userInitiated: false, user: to, state: .ringing, offer: session.sdp, answer: answer,
      bizOpaqueCallbackData: request.bizOpaqueCallbackData, createdAt: Date().timeIntervalSince1970)
    phonesByCall[id] = phone
    deliverStatus(id, "RINGING")
    Task { [profile] in
      try? await Task.sleep(for: .milliseconds(profile.pickUpAfterMilliseconds))
      await self.pickUp(id, answer: answer, rejects: profile.rejects)
    }
    return ok(
      .object([
        "messaging_product": .string("whatsapp"), "calls": .array([.object(["id": .string(id)])]),
      ]))
  }

  private func pickUp(_ id: String, answer: String, rejects: Bool) {
    guard var call = calls[id], call.state == .ringing else { return }
    if rejects {
      finish(id, as: .rejected, by: "user", status: "REJECTED")
      return
    }
    call.state = .accepted
    call.startTime = now
    calls[id] = call
    permissionRequests[call.user] = nil  // §4: a connected call resets the request limits
    let business = configuration.businessNumber
    let connect = CallConnect(
      callID: id, from: business, to: call.user, direction: .businessInitiated, timestamp: now, sdpType: "answer",
      sdp: answer, bizOpaqueCallbackData: call.bizOpaqueCallbackData, phoneNumberID: configuration.phoneNumberID)
    delivery.enqueue(
      WebhookBody.connect(
        connect, wabaID: configuration.wabaID, phoneNumberID: configuration.phoneNumberID,
        displayPhoneNumber: business))
    deliverStatus(id, "ACCEPTED")
  }

  func deliverStatus(_ id: String, _ status: String) {
    guard let call = calls[id] else { return }
    let update = CallStatusUpdate(
      callID: id, timestamp: now, status: status, recipientID: call.user,
      bizOpaqueCallbackData: call.bizOpaqueCallbackData)
    delivery.enqueue(
      WebhookBody.status(
        update, wabaID: configuration.wabaID, phoneNumberID: configuration.phoneNumberID,
        displayPhoneNumber: configuration.businessNumber))
  }
}

extension SandboxCloud {
  /// A user-initiated call whose connect webhook someone else delivers (a test playing WhatsApp with an
  /// independent phone): the cloud only learns the call, so `pre_accept`/`accept` reach `phone`.
  public func expectCall(id: String, from user: String, phone: any SandboxPhone, offer: String) {
    calls[id] = SandboxCall(
      id: id, userInitiated: true, user: user, state: .ringing, offer: offer, createdAt: Date().timeIntervalSince1970)
    phonesByCall[id] = phone
  }
}
