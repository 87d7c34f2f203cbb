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

  /// Meta's semantics (whatsapp-calling.md §1.3): `call_hours` is replaced whole — so one without
  /// `holiday_schedule` deletes the holidays; the other parts merge member by member (arrays replace),
  /// so `sip:{status:"DISABLED"}` keeps the servers while `servers:[]` deletes them.
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
    for (key, value) in calling {
      if key == "call_hours" {
        stored[key] = value
      } else {
        stored[key] = stored[key].map { SettingsMerge.merge(current: $0, desired: value) } ?? value
      }
    }
    settings = .object(["calling": .object(stored)])
    return ok(.object(["success": .bool(true)]))
  }

  /// The user's permission now: a temporary one past its expiration is gone, without a webhook (§2.5).
  func permission(of user: String) -> (status: String, expiration: Int64?) {
    guard let held = permissions[user] else { return ("no_permission", nil) }
    if held.status == "temporary", let expiration = held.expiration, expiration <= now { return ("no_permission", nil) }
    return held
  }

  /// Unix seconds of the permission requests to `user` within the last `seconds`, oldest first.
  func requestsSent(to user: String, within seconds: Int64) -> [Int64] {
    permissionRequests[user, default: []].filter { $0 > now - seconds }
  }

  /// §1.2: `limit_expiration_time` appears once a limit is reached; a permanent permission allows no
  /// request (138017).
  func permissionState(_ waID: String) -> SandboxResponse {
    let held = permission(of: waID)
    let (day, week) = (requestsSent(to: waID, within: 86_400), requestsSent(to: waID, within: 7 * 86_400))
    let canRequest = day.count < 1 && week.count < 2 && held.status != "permanent"
    let state = CallPermissionState(
      permission: .init(status: held.status, expirationTime: held.expiration),
      actions: [
        .init(
          actionName: "send_call_permission_request", canPerformAction: canRequest,
          limits: [
            .init(
              timePeriod: "PT24H", maxAllowed: 1, currentUsage: day.count,
              limitExpirationTime: day.count >= 1 ? day[day.count - 1] + 86_400 : nil),
            .init(
              timePeriod: "P7D", maxAllowed: 2, currentUsage: week.count,
              limitExpirationTime: week.count >= 2 ? week[week.count - 2] + 7 * 86_400 : nil),
          ]),
        .init(
          actionName: "start_call", canPerformAction: held.status != "no_permission",
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
    guard requestsSent(to: to, within: 86_400).isEmpty, requestsSent(to: to, within: 7 * 86_400).count < 2 else {
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
