/// The answer to a call action: `{"messaging_product","success"}` or, for `connect`,
/// `{"messaging_product","calls":[{"id"}]}` (whatsapp-calling.md §1.1).
public struct CallActionResponse: Codable, Sendable, Equatable {
  public var messagingProduct: String?
  public var success: Bool?
  public var calls: [CallIDBody]?

  public init(messagingProduct: String? = "whatsapp", success: Bool? = nil, calls: [CallIDBody]? = nil) {
    self.messagingProduct = messagingProduct
    self.success = success
    self.calls = calls
  }

  private enum CodingKeys: String, CodingKey {
    case messagingProduct = "messaging_product"
    case success, calls
  }
}

/// `{"id":"wacid.…"}`.
public struct CallIDBody: Codable, Sendable, Equatable {
  public var id: String

  public init(id: String) { self.id = id }
}
