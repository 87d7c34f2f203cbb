import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ParleyMedia
import ParleySandbox
import ParleyWhatsApp

/// The emulated calling API's routes (360dialog and Meta layouts) and `/sandbox/...` controls.
struct SandboxRoutes {
  let host: SandboxHost

  func add(to router: Router<BasicRequestContext>) {
    let cloud = host.cloud
    let forward: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
      var request = request
      let body = Array(buffer: try await request.collectBody(upTo: 1 << 20))
      var query: [String: String] = [:]
      for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
      let headers = request.headers
      let response = await cloud.handle(
        method: request.method.rawValue, path: request.uri.path, query: query,
        header: { name in HTTPField.Name(name).flatMap { headers[$0] } }, body: body)
      return JSONReply.bytes(response.body, status: HTTPResponse.Status(code: response.status))
    }
    for path in [
      "/calling/calls", "/calling/settings", "/calling/permissions/{id}", "/messages", "/v1/configs/webhook",
      "/{version}/{pnid}/calls", "/{version}/{pnid}/settings", "/{version}/{pnid}/call_permissions",
      "/{version}/{pnid}/messages",
    ] {
      router.get(RouterPath(path), use: forward)
      router.post(RouterPath(path), use: forward)
    }
    struct CallBody: Decodable {
      var from: String
      var tone: Double?
    }
    router.post("/sandbox/calls") { request, _ -> Response in
      let body = try await JSONReply.decode(CallBody.self, from: request, limit: 4096)
      let app: LegApp = body.tone.map { .tone(frequency: $0) } ?? .probe(LatencyProbe())
      do {
        let (id, _) = try await host.callBusiness(from: body.from, app: app)
        return JSONReply.value(.object(["call_id": .string(id)]), status: .created)
      } catch {
        return JSONReply.error("cannot place the call: \(error)", status: .badRequest)
      }
    }
    router.post("/sandbox/calls/{id}/hangup") { _, context -> Response in
      let id = try context.parameters.require("id")
      guard await cloud.call(id) != nil else { return JSONReply.error("no call \(id)", status: .notFound) }
      await cloud.endCall(id)
      return JSONReply.value(.object(["call_id": .string(id), "state": .string("ended")]))
    }
    router.get("/sandbox/calls") { _, _ -> Response in
      let calls = await cloud.allCalls.map { call -> JSONValue in
        .object([
          "id": .string(call.id), "user": .string(call.user), "state": .string(call.state.rawValue),
          "user_initiated": .bool(call.userInitiated),
        ])
      }
      return JSONReply.value(.object(["calls": .array(calls)]))
    }
    router.get("/sandbox/requests") { _, _ -> Response in
      let requests = await cloud.requests.map { request -> JSONValue in
        .object([
          "method": .string(request.method), "path": .string(request.path),
          "action": request.action.map(JSONValue.string) ?? .null, "status": .number(Double(request.status)),
        ])
      }
      return JSONReply.value(.object(["requests": .array(requests)]))
    }
    struct PhoneBody: Decodable {
      var number: String
      var rejects: Bool?
      var permission: String?
    }
    router.post("/sandbox/phones") { request, _ -> Response in
      let body = try await JSONReply.decode(PhoneBody.self, from: request, limit: 4096)
      do {
        _ = try await host.addPhone(
          number: body.number, app: .probe(LatencyProbe()),
          profile: PhoneProfile(rejects: body.rejects ?? false, permission: body.permission ?? "temporary"))
        return JSONReply.value(.object(["number": .string(body.number)]), status: .created)
      } catch {
        return JSONReply.error("cannot add the phone: \(error)", status: .badRequest)
      }
    }
  }
}
