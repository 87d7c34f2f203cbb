import Foundation
import ParleyWhatsApp
import Testing

@Suite struct CallingAPIClientTests {
  static let dialog = CallingProvider.dialog360(apiKey: "KEY", baseURL: "https://waba-v2.360dialog.io/")
  static let meta = CallingProvider.meta(
    accessToken: "TOKEN", phoneNumberID: "106540352242922", baseURL: CallingProvider.defaultMetaBaseURL,
    graphVersion: CallingProvider.defaultGraphVersion)
  static let success = #"{"messaging_product":"whatsapp","success":true}"#
  static let sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"

  func client(_ provider: CallingProvider, _ transport: ScriptedTransport, sleeper: SleepRecorder = SleepRecorder())
    -> CallingAPIClient
  {
    CallingAPIClient(provider: provider, transport: transport, sleep: sleeper.sleep)
  }

  @Test(arguments: [
    (
      CallingAPIClientTests.dialog, "https://waba-v2.360dialog.io/calling/calls",
      APIHeader(name: "D360-API-KEY", value: "KEY")
    ),
    (
      CallingAPIClientTests.meta, "https://graph.facebook.com/v23.0/106540352242922/calls",
      APIHeader(name: "Authorization", value: "Bearer TOKEN")
    ),
  ])
  func callActions(provider: CallingProvider, url: String, auth: APIHeader) async throws {
    let transport = ScriptedTransport(Array(repeating: .respond(200, Self.success), count: 4))
    let api = client(provider, transport)
    try await api.preAccept(callID: "wacid.1", sdp: Self.sdp)
    try await api.accept(callID: "wacid.1", sdp: Self.sdp, bizOpaqueCallbackData: "ctx")
    try await api.reject(callID: "wacid.2")
    try await api.terminate(callID: "wacid.1")
    let requests = await transport.requests
    #expect(requests.count == 4)
    for request in requests {
      #expect(request.method == "POST")
      #expect(request.url == url)
      #expect(request.headers == [auth, APIHeader(name: "Content-Type", value: "application/json")])
      #expect(request.timeoutMilliseconds == 5000)
    }
    let session: JSONValue = .object(["sdp_type": .string("answer"), "sdp": .string(Self.sdp)])
    #expect(
      requests[0].body.json
        == .object([
          "messaging_product": .string("whatsapp"), "call_id": .string("wacid.1"), "action": .string("pre_accept"),
          "session": session,
        ]))
    #expect(
      requests[1].body.json
        == .object([
          "messaging_product": .string("whatsapp"), "call_id": .string("wacid.1"), "action": .string("accept"),
          "session": session, "biz_opaque_callback_data": .string("ctx"),
        ]))
    #expect(
      String(decoding: requests[2].body ?? [], as: UTF8.self)
        == #"{"action":"reject","call_id":"wacid.2","messaging_product":"whatsapp"}"#)
    #expect(requests[3].body.json?["action"] == .string("terminate"))
  }

  @Test func connectReturnsTheCallID() async throws {
    let transport = ScriptedTransport([.respond(200, #"{"messaging_product":"whatsapp","calls":[{"id":"wacid.NEW"}]}"#)]
    )
    let id = try await client(Self.meta, transport).connect(
      to: "16315553602", sdp: Self.sdp, bizOpaqueCallbackData: "o")
    #expect(id == "wacid.NEW")
    let request = try #require(await transport.requests.first)
    #expect(request.url == "https://graph.facebook.com/v23.0/106540352242922/calls")
    #expect(
      request.body.json
        == .object([
          "messaging_product": .string("whatsapp"), "to": .string("16315553602"), "action": .string("connect"),
          "session": .object(["sdp_type": .string("offer"), "sdp": .string(Self.sdp)]),
          "biz_opaque_callback_data": .string("o"),
        ]))
  }

  @Test func requestDecodingIsLenient() throws {
    let request = try JSONDecoder().decode(
      CallActionRequest.self, from: Data(#"{"action":"reject","call_id":"c"}"#.utf8))
    #expect(request == CallActionRequest(callID: "c", action: "reject"))
  }

  @Test func connectWithoutCallIDIsUnexpected() async {
    let transport = ScriptedTransport([.respond(200, Self.success)])
    await #expect(throws: CallingAPIError.unexpectedResponse(status: 200, body: Self.success)) {
      try await client(Self.dialog, transport).connect(to: "1", sdp: Self.sdp)
    }
  }

  @Test func settingsGetAndPost() async throws {
    let current = #"{"calling":{"status":"ENABLED"},"id":"106"}"#
    for (provider, url) in [
      (Self.dialog, "https://waba-v2.360dialog.io/calling/settings"),
      (Self.meta, "https://graph.facebook.com/v23.0/106540352242922/settings"),
    ] {
      let transport = ScriptedTransport([.respond(200, current), .respond(200, #"{"success":true}"#)])
      let api = client(provider, transport)
      #expect(try await api.settings() == (try JSONValue.decode(current.bytes)))
      let desired: JSONValue = .object(["calling": .object(["status": .string("DISABLED")])])
      try await api.updateSettings(desired)
      let requests = await transport.requests
      #expect(requests.map(\.method) == ["GET", "POST"])
      #expect(requests.map(\.url) == [url, url])
      #expect(requests[0].body == nil)
      #expect(requests[0].headers.count == 1)
      #expect(requests[1].body == desired.encoded())
    }
  }

  @Test func updateSettingsNeedsTheCallingObject() async {
    let transport = ScriptedTransport([])
    await #expect(throws: CallingAPIError.self) {
      try await client(Self.dialog, transport).updateSettings(.object(["status": .string("ENABLED")]))
    }
    #expect(await transport.requests.isEmpty)
  }

  @Test func permissionState() async throws {
    let body = #"""
      {"messaging_product":"whatsapp","permission":{"status":"temporary","expiration_time":1745343479},
       "actions":[{"action_name":"send_call_permission_request","can_perform_action":true,
         "limits":[{"time_period":"PT24H","max_allowed":1,"current_usage":0},
                   {"time_period":"P7D","max_allowed":2,"current_usage":1}]},
        {"action_name":"start_call","can_perform_action":false,
         "limits":[{"time_period":"PT24H","max_allowed":5,"current_usage":5,"limit_expiration_time":1745622600}]}]}
      """#
    for (provider, url) in [
      (Self.dialog, "https://waba-v2.360dialog.io/calling/permissions/16315553602"),
      (Self.meta, "https://graph.facebook.com/v23.0/106540352242922/call_permissions?user_wa_id=16315553602"),
    ] {
      let transport = ScriptedTransport([.respond(200, body)])
      let state = try await client(provider, transport).permission(waID: "16315553602")
      #expect(await transport.requests.map(\.url) == [url])
      #expect(state.permission == .init(status: "temporary", expirationTime: 1_745_343_479))
      #expect(state.canRequestPermission)
      #expect(!state.canStartCall)
      #expect(state.actions[1].limits?.first?.limitExpirationTime == 1_745_622_600)
    }
    let none = try JSONValue.decode(#"{"permission":{"status":"no_permission"}}"#.bytes)
    let transport = ScriptedTransport([.respond(200, String(decoding: none.encoded(), as: UTF8.self))])
    let state = try await client(Self.dialog, transport).permission(waID: "1")
    #expect(!state.canStartCall && state.canRequestPermission && state.actions.isEmpty)
  }

  @Test func requestPermission() async throws {
    for (provider, url) in [
      (Self.dialog, "https://waba-v2.360dialog.io/messages"),
      (Self.meta, "https://graph.facebook.com/v23.0/106540352242922/messages"),
    ] {
      let transport = ScriptedTransport([
        .respond(200, #"{"messaging_product":"whatsapp","messages":[{"id":"wamid.P"}]}"#)
      ])
      let id = try await client(provider, transport).requestPermission(to: "16315553602", text: "May we call you?")
      #expect(id == "wamid.P")
      let request = try #require(await transport.requests.first)
      #expect(request.url == url)
      #expect(
        request.body.json
          == .object([
            "messaging_product": .string("whatsapp"), "recipient_type": .string("individual"),
            "to": .string("16315553602"), "type": .string("interactive"),
            "interactive": .object([
              "type": .string("call_permission_request"),
              "action": .object(["name": .string("call_permission_request")]),
              "body": .object(["text": .string("May we call you?")]),
            ]),
          ]))
    }
    let transport = ScriptedTransport([.respond(200, #"{"messages":[{"id":"wamid.Q"}]}"#)])
    _ = try await client(Self.dialog, transport).requestPermission(to: "1", text: nil)
    #expect(await transport.requests.first?.body.json?["interactive"]?["body"] == nil)
  }

  @Test func registerWebhook() async throws {
    let transport = ScriptedTransport([.respond(200, #"{"url":"https://parley.example.com/webhook"}"#)])
    try await client(Self.dialog, transport).registerWebhook(
      url: "https://parley.example.com/webhook", headers: [APIHeader(name: "X-Parley-Auth", value: "s")])
    let request = try #require(await transport.requests.first)
    #expect(request.url == "https://waba-v2.360dialog.io/v1/configs/webhook")
    #expect(request.headers.first == APIHeader(name: "D360-API-KEY", value: "KEY"))
    #expect(
      String(decoding: request.body ?? [], as: UTF8.self)
        == #"{"headers":{"X-Parley-Auth":"s"},"url":"https://parley.example.com/webhook"}"#)
    let metaTransport = ScriptedTransport([])
    await #expect {
      try await client(Self.meta, metaTransport).registerWebhook(url: "https://x", headers: [])
    } throws: { error in
      if case .unsupported = error as? CallingAPIError { return true }
      return false
    }
    #expect(await metaTransport.requests.isEmpty)
  }

  @Test func baseURLAndPathEscaping() async throws {
    let provider = CallingProvider.meta(
      accessToken: "T", phoneNumberID: "1", baseURL: "http://127.0.0.1:9000//", graphVersion: "v17.0")
    let transport = ScriptedTransport([.respond(200, #"{"permission":{"status":"permanent"}}"#)])
    let state = try await client(provider, transport).permission(waID: "US.13 49")
    #expect(
      await transport.requests.first?.url == "http://127.0.0.1:9000/v17.0/1/call_permissions?user_wa_id=US.13%2049")
    #expect(state.canStartCall && !state.canRequestPermission)
  }
}
