import Foundation
public import ParleyWhatsApp

/// WhatsApp's cloud as Parley meets it, emulated from whatsapp-calling.md: the calling API in both
/// path layouts (360dialog `/calling/...`, Meta `/{version}/{phone-number-id}/...`) with Meta's
/// validation and error bodies, and the webhooks it delivers (signed, at least once, in order).
public actor SandboxCloud {
  public let configuration: SandboxConfiguration
  let delivery: WebhookDelivery
  var calls: [String: SandboxCall] = [:]
  var phones: [String: (phone: any SandboxPhone, profile: PhoneProfile)] = [:]
  var settings: JSONValue = SandboxCloud.initialSettings
  var permissionRequests: [String: [Int64]] = [:]
  var permissions: [String: (status: String, expiration: Int64?)] = [:]
  var log: [SandboxRequest] = []
  var failures: [String: [GraphError]] = [:]
  var nextID = 1
  var phonesByCall: [String: any SandboxPhone] = [:]

  public init(
    configuration: SandboxConfiguration,
    send: @escaping @Sendable (_ url: String, _ body: [UInt8], _ headers: [(String, String)]) async -> Int
  ) {
    self.configuration = configuration
    self.delivery = WebhookDelivery(configuration: configuration, send: send)
  }

  /// Delivers queued webhooks until cancelled (run it beside the cloud).
  public func runDelivery() async { await delivery.run() }

  /// Stops delivering after what is queued.
  public nonisolated func finishDelivery() { delivery.finish() }

  // MARK: - Test and developer controls

  /// A phone the cloud can ring (business-initiated calls) under `number`.
  public func register(_ phone: any SandboxPhone, number: String, profile: PhoneProfile = PhoneProfile()) {
    phones[number] = (phone, profile)
    permissions[number] = (profile.permission, profile.permission == "temporary" ? now + 7 * 86_400 : nil)
  }

  /// The next `times` requests for `action` (pre_accept, accept, reject, terminate, connect, settings,
  /// permissions, messages) fail with `error`.
  public func failNext(_ action: String, with error: GraphError, times: Int = 1) {
    failures[action, default: []].append(contentsOf: Array(repeating: error, count: times))
  }

  public var requests: [SandboxRequest] { log }
  public func call(_ id: String) -> SandboxCall? { calls[id] }
  public var allCalls: [SandboxCall] { calls.values.sorted { $0.createdAt < $1.createdAt } }
  public var webhookURL: String? { delivery.url }

  var now: Int64 { Int64(Date().timeIntervalSince1970) }

  func makeCallID() -> String {
    defer { nextID += 1 }
    return "wacid.sandbox-\(nextID)-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
  }

  // MARK: - HTTP entry

  /// One request to the emulated API. `header` looks a header up by name (case-insensitively).
  public func handle(
    method: String, path: String, query: [String: String], header: (String) -> String?, body: [UInt8]
  ) async -> SandboxResponse {
    // Segments arrive percent-encoded (a wa_id or BSUID in `/calling/permissions/{id}`).
    let parts = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    let route: Route
    switch (parts.first, parts.count) {
    case ("calling", _), ("messages", 1), ("v1", _):
      guard header("D360-API-KEY") == configuration.apiKey else {
        return record(method, path, nil, body, graph(401, 0, "Invalid D360-API-KEY"))
      }
      route = Route(parts: parts, query: query, layout360: true)
    case (let version?, 3) where version.hasPrefix("v"):
      guard header("Authorization") == "Bearer \(configuration.accessToken)" else {
        return record(method, path, nil, body, graph(401, 190, "Invalid OAuth access token"))
      }
      guard parts[1] == configuration.phoneNumberID else {
        return record(method, path, nil, body, graph(400, 100, "Unknown phone number id \(parts[1])"))
      }
      route = Route(parts: Array(parts.dropFirst(2)), query: query, layout360: false)
    default:
      return record(method, path, nil, body, graph(404, 100, "Unknown path \(path)"))
    }
    let response: SandboxResponse
    var action: String? = nil
    switch (method, route.resource) {
    case ("POST", "calls"):
      let request = try? JSONDecoder().decode(CallActionRequest.self, from: Data(body))
      action = request?.action
      if let request, let failure = takeFailure(request.action) {
        response = failure
      } else if let request {
        response = await callAction(request)
      } else {
        response = graph(400, 100, "The request body is not a call action")
      }
    case ("GET", "settings"): response = takeFailure("settings") ?? getSettings(query: query)
    case ("POST", "settings"): response = takeFailure("settings") ?? postSettings(body)
    case ("GET", "permissions"):
      let user = route.waID ?? query["user_wa_id"] ?? query["recipient"] ?? ""
      response = takeFailure("permissions") ?? permissionState(user)
    case ("POST", "messages"): response = takeFailure("messages") ?? permissionRequest(body)
    case ("POST", "webhook"): response = configureWebhook(body)
    case ("GET", "webhook"):
      response = ok(.object(["url": delivery.url.map(JSONValue.string) ?? .null]))
    default: response = graph(404, 100, "Unsupported \(method) \(path)")
    }
    let callID = (try? JSONDecoder().decode(CallActionRequest.self, from: Data(body)))?.callID
    return record(method, path, action, body, response, callID: callID)
  }

  struct Route {
    var resource: String
    var waID: String?

    init(parts: [String], query: [String: String], layout360: Bool) {
      if layout360 {
        switch parts.count >= 2 ? parts[1] : parts.first ?? "" {
        case "calls": resource = "calls"
        case "settings": resource = "settings"
        case "permissions": resource = "permissions"
        case "messages": resource = "messages"
        case "configs": resource = "webhook"
        default: resource = parts.joined(separator: "/")
        }
        if resource == "permissions", parts.count == 3 { waID = parts[2] }
        if parts == ["messages"] { resource = "messages" }
      } else {
        resource = parts.first == "call_permissions" ? "permissions" : parts.first ?? ""
      }
    }
  }

  private func takeFailure(_ action: String) -> SandboxResponse? {
    guard var queue = failures[action], !queue.isEmpty else { return nil }
    let error = queue.removeFirst()
    failures[action] = queue
    return graph(error.httpStatus, error.code, error.message, details: error.details)
  }

  private func record(
    _ method: String, _ path: String, _ action: String?, _ body: [UInt8], _ response: SandboxResponse,
    callID: String? = nil
  ) -> SandboxResponse {
    log.append(
      SandboxRequest(
        method: method, path: path, action: action, callID: callID, body: String(decoding: body, as: UTF8.self),
        status: response.status))
    if log.count > 5_000 { log.removeFirst(1_000) }
    return response
  }

  // MARK: - Bodies

  func ok(_ value: JSONValue) -> SandboxResponse { SandboxResponse(status: 200, body: value.encoded()) }

  func success() -> SandboxResponse {
    ok(.object(["messaging_product": .string("whatsapp"), "success": .bool(true)]))
  }

  /// Meta's error shape: `{"error":{"message","type","code","error_data":{"details"},"fbtrace_id"}}`.
  func graph(_ status: Int, _ code: Int, _ message: String, details: String? = nil) -> SandboxResponse {
    var error: [String: JSONValue] = [
      "message": .string(message), "type": .string("OAuthException"), "code": .number(Double(code)),
      "fbtrace_id": .string("Sandbox\(nextID)"),
    ]
    if let details { error["error_data"] = .object(["details": .string(details)]) }
    return SandboxResponse(status: status, body: JSONValue.object(["error": .object(error)]).encoded())
  }
}
