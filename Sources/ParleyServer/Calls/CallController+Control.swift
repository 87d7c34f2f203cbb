import Foundation
public import ParleyCall
import ParleyMedia
import ParleyWhatsApp

extension CallController {
  /// `POST /v1/calls/{id}/accept` · `/reject`: the business's app decides a call it was asked about.
  public func decide(_ id: String, _ decision: CallDecision) throws(ServerError) -> CallView {
    guard let call = record(id) else { throw .notFound("no call \(id)") }
    if case .accept(let app?) = decision, case .room = try CallApp(parsing: app), try CallApp(parsing: app) != call.app
    {
      throw .conflict("a call joins a room only when it is answered into it (PARLEY_INBOUND_APP=room:NAME)")
    }
    guard !call.isEnded else { throw .conflict("call \(id) has ended (\(call.machine.endReason?.summary ?? ""))") }
    guard call.direction == .userInitiated else {
      throw .conflict("call \(id) is business-initiated: nothing to decide")
    }
    feed(call, .decided(decision))
    return view(call)
  }

  /// `POST /v1/calls/{id}/play` (and the app chosen at accept): what a live call's leg does with its audio.
  public func play(_ id: String, app: String) throws(ServerError) -> CallView {
    guard let call = record(id) else { throw .notFound("no call \(id)") }
    guard !call.isEnded else { throw .conflict("call \(id) has ended") }
    try switchApp(call, to: try CallApp(parsing: app))
    return view(call)
  }

  /// `POST /v1/calls/{id}/record`: records a live call under `PARLEY_DATA_DIR` until it ends — the caller's
  /// Opus as received (`<id>.ogg`) and both directions mixed (`<id>.wav`); `call.recording.ready` follows.
  public func startRecording(_ id: String, ogg: Bool, wav: Bool) throws(ServerError) -> CallView {
    guard let directory = configuration.dataDirectory else {
      throw .conflict("set PARLEY_DATA_DIR to the folder recordings go to")
    }
    guard ogg || wav else { throw .badRequest("ask for \"ogg\", \"wav\" or both") }
    guard let call = record(id) else { throw .notFound("no call \(id)") }
    guard !call.isEnded, let leg = call.leg else { throw .conflict("call \(id) has no live media") }
    let base = directory + "/" + String(call.id.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try leg.startRecording(LegRecording(oggPath: ogg ? base + ".ogg" : nil, wavPath: wav ? base + ".wav" : nil))
    } catch {
      throw .conflict("cannot record call \(id): \(error)")
    }
    call.notes.append("recording to \(base).{\(ogg ? "ogg" : "")\(ogg && wav ? "," : "")\(wav ? "wav" : "")}")
    return view(call)
  }

  /// `POST /v1/calls/{id}/room`: bridges a live call into a mixing room with browser agents and other calls.
  /// A room lives on one media worker: a call joins a room that is new or already on its own worker.
  public func moveToRoom(_ id: String, room name: String) throws(ServerError) -> CallView {
    guard CallApp.isRoomName(name) else { throw .badRequest("room names are 1–64 letters, digits, -, _ or .") }
    guard let call = record(id) else { throw .notFound("no call \(id)") }
    guard !call.isEnded else { throw .conflict("call \(id) has ended") }
    guard let leg = call.leg else { throw .conflict("call \(id) has no media yet") }
    guard case .leg = call.app else { throw .conflict("call \(id) is already in room \(call.app)") }
    let room: Room
    do { room = try media.room(named: name, on: leg.worker) } catch {
      throw .media("cannot open room \(name): \(error)")
    }
    guard room.worker === leg.worker else {
      throw .conflict(
        "room \(name) runs on another media worker than this call; bridge calls into a new room, or answer them into it"
      )
    }
    do { try leg.switchApp(to: .room) } catch { throw .conflict("cannot move the call: \(error)") }
    room.join(leg)
    call.app = .room(name)
    return view(call)
  }

  func switchApp(_ call: CallRecord, to app: CallApp) throws(ServerError) {
    guard app != call.app else { return }
    guard case .leg(let legApp) = app, case .leg = call.app else {
      throw .conflict("a call joins a room only when it is answered (PARLEY_INBOUND_APP=room:NAME)")
    }
    guard let leg = call.leg else { throw .conflict("call \(call.id) has no media yet") }
    do { try leg.switchApp(to: legApp) } catch { throw .badRequest("cannot play: \(error)") }
    call.app = app
  }

  /// `POST /v1/calls/{id}/terminate`.
  public func hangUp(_ id: String) throws(ServerError) -> CallView {
    guard let call = record(id) else { throw .notFound("no call \(id)") }
    guard !call.isEnded else { throw .conflict("call \(id) has already ended") }
    feed(call, .hangup)
    return view(call)
  }

  /// `POST /v1/calls`: a business-initiated call to `to` (digits, E.164 without `+`).
  public func place(to: String, app: String?, bizOpaqueCallbackData: String?) throws(ServerError) -> CallView {
    guard !draining else { throw .unavailable("Parley is shutting down and takes no new calls") }
    let number = to.hasPrefix("+") ? String(to.dropFirst()) : to
    guard (5...20).contains(number.count), number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber) else {
      throw .badRequest("\"to\" must be a phone number in E.164 digits, e.g. 15551234567")
    }
    if let biz = bizOpaqueCallbackData, biz.count > 512 {
      throw .badRequest("biz_opaque_callback_data is limited to 512 characters")
    }
    let appName = app ?? "echo"
    let parsed = try CallApp(parsing: appName)
    let id = "parley-" + String(UInt64.random(in: 1...UInt64.max), radix: 36)
    let call = CallRecord(
      id: id, direction: .businessInitiated,
      machine: CallMachine(
        direction: .businessInitiated, timeouts: configuration.timeouts, defaultApp: appName, now: now), app: parsed,
      createdAtUnix: wallClock())
    call.to = number
    call.bizOpaqueCallbackData = bizOpaqueCallbackData
    call.mark("placed", now)
    calls[id] = call
    metrics.callStarted("business_initiated")
    feed(call, .place(to: number, app: appName, bizOpaqueCallbackData: bizOpaqueCallbackData))
    return view(call)
  }

  /// Stops taking calls, lets live ones run until `deadline` (seconds), then terminates the rest.
  public func drain(seconds: Int) async {
    draining = true
    let until = ContinuousClock.now + .seconds(seconds)
    while liveCount > 0, ContinuousClock.now < until {
      try? await Task.sleep(for: .milliseconds(100))
    }
    for call in calls.values where !call.isEnded { feed(call, .shutdown) }
    // Give the terminate requests a moment to reach WhatsApp.
    let grace = ContinuousClock.now + .seconds(3)
    while liveCount > 0, ContinuousClock.now < grace {
      try? await Task.sleep(for: .milliseconds(50))
    }
    for call in calls.values where call.leg != nil { release(call) }
  }

  public var isDraining: Bool { draining }
}

func wallClock() -> Double { Date().timeIntervalSince1970 }
