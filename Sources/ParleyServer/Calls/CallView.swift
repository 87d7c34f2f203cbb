import ParleyCall
import ParleyMedia
import ParleyWhatsApp

/// A call as `GET /v1/calls/{id}` shows it and events carry it.
public struct CallView: Codable, Sendable, Equatable {
  public var id: String
  public var whatsappCallID: String?
  public var direction: String
  public var from: String?
  public var to: String?
  public var state: String
  public var app: String
  public var endReason: String?
  public var createdAt: Double
  /// Milliseconds from the call's first event (connect webhook, or `POST /v1/calls`) to each milestone.
  public var timings: [String: Int64]
  var media: MediaStats?
  public var dtmf: String
  public var srtpProfile: String?
  public var notes: [String]

  enum CodingKeys: String, CodingKey {
    case id
    case whatsappCallID = "whatsapp_call_id"
    case direction, from, to, state, app
    case endReason = "end_reason"
    case createdAt = "created_at"
    case timings = "timings_ms"
    case media, dtmf
    case srtpProfile = "srtp_profile"
    case notes
  }

  public var jitterDelayMilliseconds: Int64? { media?.jitterDelayMilliseconds }
  public var concealed: Int? { media?.concealed }
  public var packetsReceived: Int? { media?.packetsReceived }
  public var played: Int? { media?.played }
}

extension CallController {
  func view(_ call: CallRecord) -> CallView {
    let start = call.milestones["webhook"] ?? call.milestones["placed"] ?? call.machine.timings.createdAt
    var timings = call.milestones.mapValues { $0 - start }
    timings["webhook"] = nil
    timings["placed"] = nil
    return CallView(
      id: call.id, whatsappCallID: call.whatsappCallID,
      direction: call.direction == .userInitiated ? "user_initiated" : "business_initiated", from: call.from,
      to: call.to, state: call.machine.state.rawValue, app: call.app.description,
      endReason: call.machine.endReason?.summary, createdAt: call.createdAtUnix, timings: timings,
      media: call.leg.map { MediaStats($0.snapshot) } ?? call.finalMedia, dtmf: call.dtmf,
      srtpProfile: call.profile, notes: call.notes)
  }

  public func list() -> [CallView] {
    calls.values.sorted { $0.createdAtUnix < $1.createdAtUnix }.map(view)
  }

  public func call(_ id: String) -> CallView? { record(id).map(view) }

  public var liveCount: Int { calls.values.filter { !$0.isEnded }.count }

  public var stateCounts: [String: Int] {
    calls.values.reduce(into: [:]) { counts, call in counts[call.machine.state.rawValue, default: 0] += 1 }
  }
}
