public import ParleyMedia
import ParleySDP
import Synchronization

/// WebRTC participants of mixing rooms (`POST /v1/rooms/{room}/participants`): browser agents and
/// test peers join with an SDP offer and get Parley's answer. No WhatsApp gating: they send at once.
public final class RoomParticipants: Sendable {
  private let media: MediaEngine
  private let participants = Mutex<[String: (room: String, leg: MediaLeg)]>([:])

  public init(media: MediaEngine) { self.media = media }

  public func join(room: String, offer: String) throws(ServerError) -> (participantID: String, answer: String) {
    guard CallApp.isRoomName(room) else { throw .badRequest("room names are 1–64 letters, digits, -, _ or .") }
    let id = "p-" + String(UInt64.random(in: 1...UInt64.max), radix: 36)
    let prepared: (leg: MediaLeg, answer: String, negotiated: NegotiatedAudio)
    do {
      prepared = try media.answer(offer: offer, app: .room(room)) { _ in }
    } catch let error as ServerError {
      throw error
    } catch {
      throw .media(String(describing: error))
    }
    prepared.leg.setSending(true)
    participants.withLock { $0[id] = (room, prepared.leg) }
    return (id, prepared.answer)
  }

  public func leave(room: String, participantID: String) throws(ServerError) {
    let found = participants.withLock { table -> MediaLeg? in
      guard let entry = table[participantID], entry.room == room else { return nil }
      table[participantID] = nil
      return entry.leg
    }
    guard let leg = found else { throw .notFound("no participant \(participantID) in room \(room)") }
    media.existingRoom(named: room)?.leave(leg)
    leg.close()
  }

  /// A participant's media figures as Parley receives them (loss, jitter buffer), nil for an unknown one.
  public func snapshot(participantID: String) -> LegSnapshot? {
    participants.withLock { $0[participantID]?.leg }?.snapshot
  }

  public func count(room: String) -> Int { participants.withLock { $0.values.filter { $0.room == room }.count } }

  public func closeAll() {
    let legs = participants.withLock { table in
      defer { table.removeAll() }
      return Array(table.values)
    }
    for (room, leg) in legs {
      media.existingRoom(named: room)?.leave(leg)
      leg.close()
    }
  }
}
