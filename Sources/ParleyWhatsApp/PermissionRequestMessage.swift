/// The free-form interactive `call_permission_request` message (whatsapp-calling.md §2.5),
/// sent with `POST /<PNID>/messages` or 360dialog's `POST /messages`. It works only inside the
/// 24 h customer-service window.
public struct PermissionRequestMessage: Codable, Sendable, Equatable {
  public var messagingProduct: String
  public var recipientType: String
  public var to: String
  public var type: String
  public var interactive: Interactive

  /// `{"type":"call_permission_request","action":{"name":…},"body":{"text":…}?}`.
  public struct Interactive: Codable, Sendable, Equatable {
    public var type: String
    public var action: Action
    public var body: Body?

    public init(type: String = "call_permission_request", action: Action = Action(), body: Body? = nil) {
      self.type = type
      self.action = action
      self.body = body
    }
  }

  public struct Action: Codable, Sendable, Equatable {
    public var name: String

    public init(name: String = "call_permission_request") { self.name = name }
  }

  public struct Body: Codable, Sendable, Equatable {
    public var text: String

    public init(text: String) { self.text = text }
  }

  /// A request to `to`, with optional body text (the only part that can be changed).
  public init(to: String, text: String? = nil) {
    messagingProduct = "whatsapp"
    recipientType = "individual"
    self.to = to
    type = "interactive"
    interactive = Interactive(body: text.map(Body.init(text:)))
  }

  private enum CodingKeys: String, CodingKey {
    case messagingProduct = "messaging_product"
    case recipientType = "recipient_type"
    case to, type, interactive
  }
}

/// The answer to a sent message: `{"messages":[{"id":"wamid.…"}]}`.
public struct MessageResponse: Codable, Sendable, Equatable {
  public var messagingProduct: String?
  public var messages: [MessageID]

  public struct MessageID: Codable, Sendable, Equatable {
    public var id: String

    public init(id: String) { self.id = id }
  }

  public init(messagingProduct: String? = "whatsapp", messages: [MessageID]) {
    self.messagingProduct = messagingProduct
    self.messages = messages
  }

  private enum CodingKeys: String, CodingKey {
    case messagingProduct = "messaging_product"
    case messages
  }
}
