/// The calling API of 360dialog or Meta over an injected transport (whatsapp-calling.md §1).
///
/// Requests that are safe to repeat — GETs, and `pre_accept`/`accept`/`reject`/`terminate` and
/// settings POSTs, which are idempotent for one call id or one settings object — are retried on
/// retryable errors with exponential backoff through the injected `sleep`. `connect`, messages
/// and webhook registration are sent exactly once: a retry could place a second call or spend a
/// permission request.
public struct CallingAPIClient: Sendable {
  public let provider: CallingProvider
  public let transport: any APITransport
  public let retry: RetryPolicy
  let sleep: @Sendable (Int) async throws -> Void

  /// `sleep` waits the given number of milliseconds.
  public init(
    provider: CallingProvider, transport: any APITransport, retry: RetryPolicy = .default,
    sleep: @escaping @Sendable (Int) async throws -> Void = { try await Task.sleep(for: .milliseconds($0)) }
  ) {
    self.provider = provider
    self.transport = transport
    self.retry = retry
    self.sleep = sleep
  }

  /// `pre_accept` a user-initiated call with our SDP answer (§1.1, §3.6).
  public func preAccept(callID: String, sdp: String) async throws(CallingAPIError) {
    try await callAction(
      CallActionRequest(
        callID: callID, action: "pre_accept", session: SessionDescriptionBody(sdpType: "answer", sdp: sdp)))
  }

  /// `accept` a user-initiated call; the SDP must equal the one sent with `pre_accept` (§1.1).
  public func accept(callID: String, sdp: String, bizOpaqueCallbackData: String? = nil) async throws(CallingAPIError) {
    try await callAction(
      CallActionRequest(
        callID: callID, action: "accept", session: SessionDescriptionBody(sdpType: "answer", sdp: sdp),
        bizOpaqueCallbackData: bizOpaqueCallbackData))
  }

  /// `reject` a user-initiated call (§1.1).
  public func reject(callID: String) async throws(CallingAPIError) {
    try await callAction(CallActionRequest(callID: callID, action: "reject"))
  }

  /// `terminate` a call in either direction (§1.1).
  public func terminate(callID: String) async throws(CallingAPIError) {
    try await callAction(CallActionRequest(callID: callID, action: "terminate"))
  }

  /// Starts a business-initiated call with our SDP offer; returns the new call id (§1.1).
  /// Never retried.
  public func connect(to: String, sdp: String, bizOpaqueCallbackData: String? = nil) async throws(CallingAPIError)
    -> String
  {
    let request = CallActionRequest(
      to: to, action: "connect", session: SessionDescriptionBody(sdpType: "offer", sdp: sdp),
      bizOpaqueCallbackData: bizOpaqueCallbackData)
    let response = try await send("POST", provider.callsURL, body: try encode(request), idempotent: false)
    guard let decoded = decode(CallActionResponse.self, response), let id = decoded.calls?.first?.id, !id.isEmpty
    else { throw unexpected(response) }
    return id
  }

  /// The whole `GET …/settings` body (§1.3).
  public func settings() async throws(CallingAPIError) -> JSONValue {
    let response = try await send("GET", provider.settingsURL, body: nil, idempotent: true)
    guard let json = try? JSONValue.decode(response.body) else { throw unexpected(response) }
    return json
  }

  /// POSTs `calling` exactly as given; it must be the `{"calling":{…}}` object (§1.3).
  /// Validate it first with `CallingSettingsValidator`, and merge it with `SettingsMerge` to keep
  /// parts that a POST would otherwise delete.
  public func updateSettings(_ calling: JSONValue) async throws(CallingAPIError) {
    guard calling["calling"]?.objectValue != nil else {
      throw .unsupported("settings must be the {\"calling\":{…}} object")
    }
    let response = try await send("POST", provider.settingsURL, body: calling.encoded(), idempotent: true)
    try checkSuccess(response)
  }

  /// The call permission state of one user (§1.2).
  public func permission(waID: String) async throws(CallingAPIError) -> CallPermissionState {
    let response = try await send("GET", provider.permissionURL(waID: waID), body: nil, idempotent: true)
    guard let state = decode(CallPermissionState.self, response) else { throw unexpected(response) }
    return state
  }

  /// Sends a free-form call permission request message; returns its message id (§2.5).
  /// Never retried: each one counts against 1 per 24 h and 2 per 7 days (§4).
  public func requestPermission(to: String, text: String?) async throws(CallingAPIError) -> String {
    let body = try encode(PermissionRequestMessage(to: to, text: text))
    let response = try await send("POST", provider.messagesURL, body: body, idempotent: false)
    guard let decoded = decode(MessageResponse.self, response), let id = decoded.messages.first?.id, !id.isEmpty
    else { throw unexpected(response) }
    return id
  }

  /// Tells 360dialog where to deliver webhooks and which headers to send (§2.8). Meta has no
  /// such endpoint: the callback URL is entered in the app dashboard.
  public func registerWebhook(url: String, headers: [APIHeader]) async throws(CallingAPIError) {
    guard let endpoint = provider.webhookConfigURL else {
      throw .unsupported("Meta webhooks are configured in the app dashboard, not through the API")
    }
    var headerObject: [String: JSONValue] = [:]
    for header in headers { headerObject[header.name] = .string(header.value) }
    let body = JSONValue.object(["url": .string(url), "headers": .object(headerObject)]).encoded()
    _ = try await send("POST", endpoint, body: body, idempotent: false)
  }

  private func callAction(_ request: CallActionRequest) async throws(CallingAPIError) {
    let response = try await send("POST", provider.callsURL, body: try encode(request), idempotent: true)
    try checkSuccess(response)
  }
}
