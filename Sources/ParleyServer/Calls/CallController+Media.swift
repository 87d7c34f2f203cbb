import Foundation
import Logging
import ParleyCall
import ParleyMedia
import ParleyNice
import ParleySDP
import ParleyWhatsApp

extension CallController {
  /// Builds the leg and Parley's answer to WhatsApp's offer (sending stays off until `accept`).
  func prepareAnswer(_ call: CallRecord, offer: String, app: String) {
    do {
      call.app = try CallApp(parsing: app)
      let id = call.id
      let sink = legEventSink
      let prepared = try media.answer(offer: offer, app: call.app) { event in sink.yield((id, event)) }
      call.leg = prepared.leg
      call.answerSDP = prepared.answer
      call.mark("answer_ready", now)
      feed(call, .answerPrepared(sdp: prepared.answer))
    } catch {
      logger.warning("call \(call.id): cannot answer: \(error)")
      call.notes.append("cannot answer: \(error)")
      feed(call, .preparationFailed(reason: String(describing: error)))
    }
  }

  /// Builds the leg and Parley's offer for a business-initiated call.
  func prepareOffer(_ call: CallRecord, app: String) {
    do {
      call.app = try CallApp(parsing: app)
      let id = call.id
      let sink = legEventSink
      let prepared = try media.offer(app: call.app) { event in sink.yield((id, event)) }
      call.leg = prepared.leg
      call.offer = prepared.offer
      feed(call, .offerPrepared(sdp: prepared.offer.sdp))
    } catch {
      call.notes.append("cannot make an offer: \(error)")
      feed(call, .preparationFailed(reason: String(describing: error)))
    }
  }

  func applyAnswer(_ call: CallRecord, sdp: String) {
    guard let leg = call.leg, let offer = call.offer else {
      feed(call, .mediaFailed(reason: "an answer arrived for a call without an offer"))
      return
    }
    do {
      _ = try media.apply(answer: sdp, to: offer, leg: leg)
      call.mark("answer_applied", now)
    } catch {
      call.notes.append("WhatsApp's answer: \(error)")
      feed(call, .mediaFailed(reason: String(describing: error)))
    }
  }

  /// Closes the leg once and keeps its last figures.
  func release(_ call: CallRecord) {
    guard let leg = call.leg else { return }
    call.leg = nil
    leg.close()
    let stats = MediaStats(leg.snapshot)
    call.finalMedia = stats
    metrics.mediaEnded(stats)
  }

  func checkPermission(_ call: CallRecord, to: String) {
    let api = self.api
    let id = call.id
    Task {
      do {
        let state = try await api.permission(waID: to)
        await self.apiOutcome(id, .permissionChecked(canCall: state.canStartCall))
      } catch {
        // The permission endpoint is rate limited and optional: try the call; WhatsApp answers 138006 if not.
        await self.apiOutcome(id, .permissionChecked(canCall: true))
      }
    }
  }

  func connect(_ call: CallRecord, to: String, sdp: String, biz: String?) {
    call.mark("connect_posted", now)
    let api = self.api
    let id = call.id
    Task {
      do {
        let whatsappID = try await api.connect(to: to, sdp: sdp, bizOpaqueCallbackData: biz)
        await self.connected(id, whatsappID: whatsappID)
      } catch {
        await self.apiOutcome(id, .apiFailed(.connect, APIFailure(error)))
      }
    }
  }

  private func connected(_ id: String, whatsappID: String) {
    guard let call = calls[id] else { return }
    call.whatsappCallID = whatsappID
    whatsappIDs[whatsappID] = id
    call.mark("connect_done", now)
    feed(call, .apiSucceeded(.connect, callID: whatsappID))
    for input in early.removeValue(forKey: whatsappID) ?? [] { feed(call, input) }
  }

  /// Events from a leg's network thread or worker, in order.
  func legEvent(_ id: String, _ event: TransportLeg.Event) {
    guard let call = calls[id] else { return }
    switch event {
    case .ice(let state):
      if state == .connected || state == .ready { call.mark("ice_connected", now) }
    case .selectedPair(let local, let remote): call.selectedPair = "\(local) ↔ \(remote)"
    case .secured(let profile):
      call.mark("dtls_done", now)
      call.profile = String(describing: profile)
      if !call.isEnded { feed(call, .mediaSecured) }
    case .failed(let reason):
      call.notes.append("media: \(reason)")
      if !call.isEnded { feed(call, .mediaFailed(reason: reason)) }
    case .dtmf(let digit, let duration):
      call.dtmf.append(digit)
      events.publish(
        "call.dtmf", call: view(call),
        extra: ["digit": .string(String(digit)), "duration_ms": .number(Double(duration))])
    case .recordingReady(let recording):
      var extra: [String: JSONValue] = [:]
      if let ogg = recording.oggPath { extra["ogg_path"] = .string(ogg) }
      if let wav = recording.wavPath { extra["wav_path"] = .string(wav) }
      events.publish("call.recording.ready", call: view(call), extra: extra)
    case .closed, .playbackFinished: break
    }
  }
}
