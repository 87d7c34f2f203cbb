import HTTPTypes
import Hummingbird
import NIOCore
import ParleyCall
import ParleyWhatsApp

/// The control API (DESIGN §1): calls, rooms and settings, behind the bearer token.
struct ControlRoutes {
  let controller: CallController
  let participants: RoomParticipants
  let api: CallingAPIClient
  let limit: Int

  struct AcceptBody: Decodable { var app: String? }
  struct PlaceBody: Decodable {
    var to: String
    var app: String?
    var bizOpaqueCallbackData: String?
    enum CodingKeys: String, CodingKey {
      case to, app
      case bizOpaqueCallbackData = "biz_opaque_callback_data"
    }
  }
  struct JoinBody: Decodable { var sdp: String }
  struct RoomBody: Decodable { var room: String }
  struct RecordBody: Decodable {
    var ogg: Bool?
    var wav: Bool?
  }
  struct PlayBody: Decodable {
    var path: String?
    var app: String?
    var loop: Bool?
  }
  struct JoinReply: Encodable {
    var participantID: String
    var sdp: String
    enum CodingKeys: String, CodingKey {
      case participantID = "participant_id"
      case sdp
    }
  }

  func add(to group: RouterGroup<BasicRequestContext>) {
    group.get("calls") { _, _ in JSONReply.encode(["calls": await controller.list()]) }
    group.get("calls/{id}") { _, context in
      let id = try context.parameters.require("id")
      guard let call = await controller.call(id) else { return JSONReply.error(.notFound("no call \(id)")) }
      return JSONReply.encode(call)
    }
    group.post("calls") { request, _ in
      let body = try await JSONReply.decode(PlaceBody.self, from: request, limit: limit)
      return await reply(status: .accepted) {
        try await controller.place(to: body.to, app: body.app, bizOpaqueCallbackData: body.bizOpaqueCallbackData)
      }
    }
    group.post("calls/{id}/accept") { request, context in
      let id = try context.parameters.require("id")
      let body = try await JSONReply.decode(AcceptBody.self, from: request, limit: limit)
      return await reply { try await controller.decide(id, .accept(app: body.app)) }
    }
    group.post("calls/{id}/reject") { _, context in
      let id = try context.parameters.require("id")
      return await reply { try await controller.decide(id, .reject) }
    }
    group.post("calls/{id}/terminate") { _, context in
      let id = try context.parameters.require("id")
      return await reply { try await controller.hangUp(id) }
    }
    group.post("calls/{id}/play") { request, context in
      let id = try context.parameters.require("id")
      let body = try await JSONReply.decode(PlayBody.self, from: request, limit: limit)
      guard let app = body.app ?? body.path.map({ (body.loop ?? false ? "play-loop:" : "play:") + $0 }) else {
        return JSONReply.error(.badRequest("give \"path\" (a WAV or Ogg/Opus file) or \"app\""))
      }
      return await reply { try await controller.play(id, app: app) }
    }
    group.post("calls/{id}/record") { request, context in
      let id = try context.parameters.require("id")
      let body = try await JSONReply.decode(RecordBody.self, from: request, limit: limit)
      return await reply { try await controller.startRecording(id, ogg: body.ogg ?? true, wav: body.wav ?? true) }
    }
    group.post("calls/{id}/room") { request, context in
      let id = try context.parameters.require("id")
      let body = try await JSONReply.decode(RoomBody.self, from: request, limit: limit)
      return await reply { try await controller.moveToRoom(id, room: body.room) }
    }
    group.post("rooms/{room}/participants") { request, context in
      let room = try context.parameters.require("room")
      let body = try await JSONReply.decode(JoinBody.self, from: request, limit: limit)
      do {
        let joined = try participants.join(room: room, offer: body.sdp)
        return JSONReply.encode(JoinReply(participantID: joined.participantID, sdp: joined.answer), status: .created)
      } catch {
        return JSONReply.error(any: error)
      }
    }
    group.delete("rooms/{room}/participants/{pid}") { _, context in
      let room = try context.parameters.require("room")
      let pid = try context.parameters.require("pid")
      do {
        try participants.leave(room: room, participantID: pid)
        return Response(status: .noContent)
      } catch {
        return JSONReply.error(any: error)
      }
    }
    SettingsRoutes(api: api, limit: limit).add(to: group)
  }

  private func reply(status: HTTPResponse.Status = .ok, _ work: () async throws -> CallView) async -> Response {
    do {
      return JSONReply.encode(try await work(), status: status)
    } catch {
      return JSONReply.error(any: error)
    }
  }
}
