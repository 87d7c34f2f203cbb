import Logging
import ParleyCall
import ParleyMedia
public import ParleyWhatsApp

extension CallController {
  /// Acts on one accepted webhook body's events (already authenticated and parsed; the HTTP reply
  /// has gone out). Duplicates and reordering are settled by call id and timestamp.
  public func process(_ events: [WebhookEvent]) {
    for event in events {
      metrics.webhook(event.kindName)
      switch event {
      case .connect(let connect): handleConnect(connect)
      case .terminate(let terminate): handleTerminate(terminate)
      case .status(let status):
        route(status.callID, .statusWebhook(status: status.status, timestamp: status.timestamp))
      case .permissionReply(let reply):
        var extra: [String: JSONValue] = [
          "from": .string(reply.from), "accepted": .bool(reply.accepted), "permanent": .bool(reply.isPermanent),
        ]
        if let expiry = reply.expirationTimestamp { extra["expiration_time"] = .number(Double(expiry)) }
        if let source = reply.responseSource { extra["response_source"] = .string(source) }
        self.events.publish("permission.reply", call: nil, extra: extra)
      case .settingsUpdate(let update):
        logger.info("calling settings changed for \(update.phoneNumberID ?? "this number")")
        self.events.publish("settings.updated", call: nil, extra: ["calling": update.calling ?? .null])
      case .unknown(let field, let detail):
        logger.info("webhook ignored: \(field): \(detail)")
      }
    }
  }

  private func handleConnect(_ connect: CallConnect) {
    switch connect.direction {
    case .businessInitiated:
      guard let sdp = connect.sdp else {
        logger.warning("business-initiated connect \(connect.callID) without an answer SDP")
        return
      }
      route(connect.callID, .answerWebhook(sdp: sdp, timestamp: connect.timestamp))
    case .userInitiated:
      switch registry.admitConnect(callID: connect.callID, timestamp: connect.timestamp) {
      case .duplicate:
        logger.info("call \(connect.callID): repeated connect webhook ignored")
        return
      case .alreadyTerminated:
        logger.info("call \(connect.callID): connect after its terminate ignored")
        return
      case .new: break
      }
      guard let sdp = connect.sdp else {
        logger.warning("call \(connect.callID): connect without an SDP offer")
        return
      }
      let app = (try? CallApp(parsing: defaultApp)) ?? .leg(.echo)
      let call = CallRecord(
        id: connect.callID, direction: .userInitiated,
        machine: CallMachine(
          direction: .userInitiated, timeouts: configuration.timeouts, defaultApp: defaultApp, now: now), app: app,
        createdAtUnix: wallClock())
      call.whatsappCallID = connect.callID
      call.from = connect.from
      call.to = connect.to
      call.bizOpaqueCallbackData = connect.bizOpaqueCallbackData
      call.mark("webhook", now)
      calls[call.id] = call
      metrics.callStarted("user_initiated")
      let policy: InboundPolicy = draining ? .reject : configuration.inboundPolicy
      feed(call, .offered(sdp: sdp, timestamp: connect.timestamp, policy: policy))
    }
  }

  private func handleTerminate(_ terminate: CallTerminate) {
    _ = registry.noteTerminate(callID: terminate.callID, timestamp: terminate.timestamp)
    let error = terminate.errors.first
    route(
      terminate.callID,
      .terminateWebhook(
        status: terminate.status, timestamp: terminate.timestamp, durationSeconds: terminate.duration,
        errorCode: error?.code, errorMessage: error?.details ?? error?.message))
  }

  /// Feeds a webhook's input to its call; inputs for a business-initiated call whose `connect`
  /// response has not come back yet wait for it.
  private func route(_ whatsappID: String, _ input: CallInput) {
    if let call = record(whatsappID) {
      feed(call, input)
    } else if calls.values.contains(where: { $0.machine.state == .connecting && $0.whatsappCallID == nil }) {
      early[whatsappID, default: []].append(input)
    } else {
      logger.info("webhook for unknown call \(whatsappID) ignored")
    }
  }

  var defaultApp: String {
    if case .accept(let app) = configuration.inboundPolicy { return app }
    return "echo"
  }
}

extension WebhookEvent {
  var kindName: String {
    switch self {
    case .connect: "connect"
    case .terminate: "terminate"
    case .status: "status"
    case .permissionReply: "permission_reply"
    case .settingsUpdate: "settings_update"
    case .unknown: "unknown"
    }
  }
}
