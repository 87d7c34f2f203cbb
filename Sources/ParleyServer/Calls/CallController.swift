import Foundation
public import Logging
public import ParleyCall
import ParleyMedia
import ParleyNice
import ParleySDP
public import ParleyWhatsApp

/// Executes the call state machines: webhooks and control requests become ``CallInput``s, and each
/// machine's ``CallAction``s become calling-API requests, media legs and events. Owns no protocol
/// logic of its own (DESIGN §2: the machines decide, the edge executes).
public actor CallController {
  let configuration: ServerConfiguration
  let api: CallingAPIClient
  let media: MediaEngine
  let events: EventPublisher
  let metrics: ServerMetrics
  let logger: Logger
  var calls: [String: CallRecord] = [:]
  /// WhatsApp call id → Parley id, for business-initiated calls.
  var whatsappIDs: [String: String] = [:]
  /// Webhooks for a business-initiated call that arrived before `connect`'s response named it.
  var early: [String: [CallInput]] = [:]
  var registry = CallRegistry()
  var draining = false
  /// Ended calls kept for `GET /v1/calls` (the most recent ones).
  var endedOrder: [String] = []
  let keepEnded = 200
  private let epoch = ContinuousClock.now
  private var ticker: Task<Void, Never>?
  let legEvents: AsyncStream<(String, TransportLeg.Event)>
  let legEventSink: AsyncStream<(String, TransportLeg.Event)>.Continuation

  public init(
    configuration: ServerConfiguration, api: CallingAPIClient, media: MediaEngine, events: EventPublisher,
    metrics: ServerMetrics, logger: Logger
  ) {
    self.configuration = configuration
    self.api = api
    self.media = media
    self.events = events
    self.metrics = metrics
    self.logger = logger
    (legEvents, legEventSink) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
  }

  /// Starts the deadline ticker and the leg-event consumer; runs until cancelled.
  public func run() async {
    await withTaskGroup(of: Void.self) { group in
      group.addTask { [self] in
        for await (id, event) in legEvents { await legEvent(id, event) }
      }
      group.addTask { [self] in
        while !Task.isCancelled {
          try? await Task.sleep(for: .milliseconds(50))
          await tickDeadlines()
        }
      }
      await group.waitForAll()
    }
  }

  /// Monotonic milliseconds since the controller started.
  var now: Int64 {
    let elapsed = epoch.duration(to: .now)
    return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
  }

  func record(_ id: String) -> CallRecord? {
    if let call = calls[id] { return call }
    if let local = whatsappIDs[id] { return calls[local] }
    return nil
  }

  // MARK: - Driving machines

  /// Feeds `input` to the call's machine and executes what it asks for.
  func feed(_ call: CallRecord, _ input: CallInput) {
    let before = call.machine.state
    let actions = call.machine.handle(input, now: now)
    if call.machine.state != before {
      logger.debug("call \(call.id): \(before.rawValue) → \(call.machine.state.rawValue)")
    }
    for action in actions { execute(action, for: call) }
    if call.isEnded, call.leg != nil { release(call) }
  }

  func tickDeadlines() {
    let now = self.now
    for call in calls.values where !call.isEnded {
      if let deadline = call.machine.nextDeadline, deadline <= now { feed(call, .tick) }
    }
  }

  private func execute(_ action: CallAction, for call: CallRecord) {
    switch action {
    case .prepareAnswer(let offer, let app): prepareAnswer(call, offer: offer, app: app)
    case .notify(let notice): notify(call, notice)
    case .sendPreAccept(let sdp):
      call.mark("pre_accept_posted", now)
      request(call, .preAccept) { api, id in try await api.preAccept(callID: id, sdp: sdp) }
    case .sendAccept(let sdp):
      call.mark("accept_posted", now)
      let biz = call.bizOpaqueCallbackData
      request(call, .accept) { api, id in try await api.accept(callID: id, sdp: sdp, bizOpaqueCallbackData: biz) }
    case .sendReject:
      request(call, .reject) { api, id in try await api.reject(callID: id) }
    case .sendTerminate:
      request(call, .terminate) { api, id in try await api.terminate(callID: id) }
    case .startSending:
      call.mark("media_started", now)
      call.leg?.setSending(true)
    case .checkPermission(let to): checkPermission(call, to: to)
    case .prepareOffer(let app): prepareOffer(call, app: app)
    case .sendConnect(let to, let sdp, let biz): connect(call, to: to, sdp: sdp, biz: biz)
    case .applyAnswer(let sdp): applyAnswer(call, sdp: sdp)
    case .releaseMedia: release(call)
    case .useApp(let app):
      // The leg was built for the default app before the business's app decided: switch it before media flows.
      do {
        try switchApp(call, to: CallApp(parsing: app))
      } catch {
        call.notes.append("accept asked for \(app), the call keeps \(call.app): \(error)")
      }
    case .suggestPermissionRequest(let to):
      call.notes.append("no call permission from \(to): send a permission request (parley permission request \(to))")
      events.publish("call.permission_required", call: view(call), extra: ["to": .string(to)])
    }
  }

  /// Runs one calling-API request off the actor and feeds its outcome back.
  private func request(
    _ call: CallRecord, _ kind: APIRequestKind,
    _ body: @escaping @Sendable (CallingAPIClient, String) async throws -> Void
  ) {
    guard let whatsappID = call.whatsappCallID else {
      feed(
        call, .apiFailed(kind, APIFailure(code: nil, httpStatus: nil, message: "no WhatsApp call id", isTimeout: false))
      )
      return
    }
    let api = self.api
    let id = call.id
    Task {
      do {
        try await body(api, whatsappID)
        await self.apiOutcome(id, .apiSucceeded(kind, callID: nil))
      } catch {
        await self.apiOutcome(id, .apiFailed(kind, APIFailure(error)))
      }
    }
  }

  func apiOutcome(_ id: String, _ input: CallInput) {
    guard let call = record(id) else { return }
    if case .apiSucceeded(let kind, _) = input { call.mark("\(kind.rawValue)_done", now) }
    if case .apiFailed(let kind, let failure) = input {
      logger.warning("call \(id): \(kind.rawValue) failed: \(failure.message)")
      metrics.apiFailure(kind.rawValue, code: failure.code)
    }
    feed(call, input)
  }

  private func notify(_ call: CallRecord, _ notice: CallNotice) {
    switch notice {
    case .incoming(let deadline):
      let seconds = Double(max(0, deadline - now)) / 1000
      events.publish(
        "call.incoming", call: view(call),
        extra: ["answer_deadline": .number((Date().timeIntervalSince1970 + seconds).rounded())])
    case .ringing: events.publish("call.ringing", call: view(call))
    case .connected:
      call.mark("connected", now)
      metrics.connected(setupMilliseconds: call.machine.timings.setupMilliseconds)
      events.publish("call.connected", call: view(call))
    case .ended(let reason, let duration, let code):
      var extra: [String: JSONValue] = ["reason": .string(reason.summary)]
      if let duration { extra["duration_ms"] = .number(Double(duration)) }
      if let code { extra["whatsapp_error_code"] = .number(Double(code)) }
      metrics.ended(reason: reason.summary)
      events.publish("call.ended", call: view(call), extra: extra)
      remember(call)
    }
  }

  private func remember(_ call: CallRecord) {
    endedOrder.append(call.id)
    while endedOrder.count > keepEnded {
      let old = endedOrder.removeFirst()
      if let gone = calls.removeValue(forKey: old), let whatsappID = gone.whatsappCallID, whatsappID != old {
        whatsappIDs[whatsappID] = nil
      }
    }
  }
}

extension APIFailure {
  init(_ error: any Error) {
    switch error as? CallingAPIError {
    case .graph(let graph)?:
      self.init(code: graph.code, httpStatus: graph.httpStatus, message: graph.description, isTimeout: false)
    case .timeout?: self.init(code: nil, httpStatus: nil, message: "the calling API timed out", isTimeout: true)
    case .unexpectedResponse(let status, let body)?:
      self.init(code: nil, httpStatus: status, message: "HTTP \(status): \(body.prefix(200))", isTimeout: false)
    case let other?: self.init(code: nil, httpStatus: nil, message: other.description, isTimeout: false)
    case nil: self.init(code: nil, httpStatus: nil, message: String(describing: error), isTimeout: false)
    }
  }
}
