import Foundation
public import ParleyWhatsApp

extension SandboxCloud {
  static let initialSettings: JSONValue = .object([
    "calling": .object([
      "status": .string("ENABLED"), "call_icon_visibility": .string("DEFAULT"),
      "callback_permission_status": .string("DISABLED"),
      "call_hours": .object([
        "status": .string("DISABLED"), "timezone_id": .string("UTC"),
        "weekly_operating_hours": .array([
          .object(["day_of_week": .string("MONDAY"), "open_time": .string("0900"), "close_time": .string("1700")])
        ]),
      ]),
      "restrictions": .object(["restrictions_list": .array([])]),
    ])
  ])

  public var currentSettings: JSONValue { settings }

  func getSettings(query: [String: String]) -> SandboxResponse {
    ok(settings)
  }

  /// Meta's semantics: each top-level `calling` key given replaces the stored one whole — so a
  /// `call_hours` without `holiday_schedule` deletes the holidays (whatsapp-calling.md §1.3).
  func postSettings(_ body: [UInt8]) -> SandboxResponse {
    guard let value = try? JSONValue.decode(body), let calling = value["calling"]?.objectValue else {
      return graph(400, 100, "The body must be {\"calling\": {...}}")
    }
    let issues = CallingSettingsValidator.validate(value, now: Date())
    guard issues.isEmpty else {
      return graph(400, 100, "Invalid parameter", details: issues.map(\.description).joined(separator: "; "))
    }
    if calling["restrictions"] != nil { return graph(400, 100, "restrictions cannot be set") }
    var stored = settings["calling"]?.objectValue ?? [:]
    for (key, value) in calling { stored[key] = value }
    settings = .object(["calling": .object(stored)])
    return ok(.object(["success": .bool(true)]))
  }

  func permissionState(_ waID: String) -> SandboxResponse {
    let permission = permissions[waID] ?? ("no_permission", nil)
    let sent = permissionRequests[waID, default: []].filter { $0 > now - 86_400 }.count
    let week = permissionRequests[waID, default: []].filter { $0 > now - 7 * 86_400 }.count
    let state = CallPermissionState(
      permission: .init(status: permission.status, expirationTime: permission.expiration),
      actions: [
        .init(
          actionName: "send_call_permission_request", canPerformAction: sent < 1 && week < 2,
          limits: [
            .init(timePeriod: "PT24H", maxAllowed: 1, currentUsage: sent),
            .init(timePeriod: "P7D", maxAllowed: 2, currentUsage: week),
          ]),
        .init(
          actionName: "start_call", canPerformAction: permission.status != "no_permission",
          limits: [.init(timePeriod: "PT24H", maxAllowed: 100, currentUsage: 0)]),
      ])
    guard let data = try? JSONEncoder().encode(state) else { return graph(500, 1, "encoding failed") }
    return SandboxResponse(status: 200, body: Array(data))
  }

  /// A call-permission request message: limited to 1 per 24 h and 2 per 7 days (138009); 138017 when a
  /// permanent permission exists; the phone's reply arrives as a `call_permission_reply` webhook.
  func permissionRequest(_ body: [UInt8]) -> SandboxResponse {
    guard let message = try? JSONDecoder().decode(PermissionRequestMessage.self, from: Data(body)),
      message.type == "interactive", message.interactive.type == "call_permission_request"
    else { return graph(400, 100, "Only interactive call_permission_request messages are emulated") }
    let to = message.to
    if permissions[to]?.status == "permanent" {
      return graph(400, 138017, "A permanent call permission already exists")
    }
    let history = permissionRequests[to, default: []]
    guard history.filter({ $0 > now - 86_400 }).isEmpty, history.filter({ $0 > now - 7 * 86_400 }).count < 2 else {
      return graph(400, 138009, "Permission request limit reached for this user")
    }
    permissionRequests[to, default: []].append(now)
    let messageID = "wamid.sandbox-\(nextID)"
    nextID += 1
    if let profile = phones[to]?.profile {
      let expiry = now + 7 * 86_400
      if profile.grantsPermission { permissions[to] = ("temporary", expiry) }
      let reply = CallPermissionReply(
        from: to, messageID: "wamid.reply-\(nextID)", timestamp: now, contextID: messageID,
        accepted: profile.grantsPermission, isPermanent: false,
        expirationTimestamp: profile.grantsPermission ? expiry : nil, responseSource: "user_action")
      delivery.enqueue(
        WebhookBody.permissionReply(
          reply, wabaID: configuration.wabaID, phoneNumberID: configuration.phoneNumberID,
          displayPhoneNumber: configuration.businessNumber))
    }
    let response = MessageResponse(messages: [.init(id: messageID)])
    guard let data = try? JSONEncoder().encode(response) else { return graph(500, 1, "encoding failed") }
    return SandboxResponse(status: 200, body: Array(data))
  }

  /// 360dialog's `POST /v1/configs/webhook` `{"url", "headers"}`.
  func configureWebhook(_ body: [UInt8]) -> SandboxResponse {
    guard let value = try? JSONValue.decode(body), let url = value["url"]?.stringValue,
      url.hasPrefix("http://") || url.hasPrefix("https://")
    else { return graph(400, 100, "The body must be {\"url\": \"https://...\", \"headers\": {...}}") }
    let headers = (value["headers"]?.objectValue ?? [:]).compactMap { name, value in
      value.stringValue.map { (name: name, value: $0) }
    }
    delivery.configure(url: url, headers: headers)
    return ok(.object(["url": .string(url)]))
  }
}
