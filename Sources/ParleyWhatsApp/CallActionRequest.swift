/// The body of `POST /<PNID>/calls` (Meta) or `POST /calling/calls` (360dialog)
/// (whatsapp-calling.md §1.1, §1.4).
public struct CallActionRequest: Codable, Sendable, Equatable {
  /// Always `whatsapp`.
  public var messagingProduct: String
  /// For `pre_accept`, `accept`, `reject`, `terminate`.
  public var callID: String?
  /// For `connect`: the user's number.
  public var to: String?
  /// `connect`, `pre_accept`, `accept`, `reject` or `terminate`.
  public var action: String
  /// `offer` for `connect`; `answer` for `pre_accept` and `accept` (§7.1).
  public var session: SessionDescriptionBody?
  /// Up to 512 characters, echoed in later webhooks.
  public var bizOpaqueCallbackData: String?

  public init(
    messagingProduct: String = "whatsapp", callID: String? = nil, to: String? = nil, action: String,
    session: SessionDescriptionBody? = nil, bizOpaqueCallbackData: String? = nil
  ) {
    self.messagingProduct = messagingProduct
    self.callID = callID
    self.to = to
    self.action = action
    self.session = session
    self.bizOpaqueCallbackData = bizOpaqueCallbackData
  }

  private enum CodingKeys: String, CodingKey {
    case messagingProduct = "messaging_product"
    case callID = "call_id"
    case to, action, session
    case bizOpaqueCallbackData = "biz_opaque_callback_data"
  }

  /// Reads a request leniently: only `action` is required (`messaging_product` defaults to
  /// `whatsapp`), as an emulated API receiving our requests needs.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    messagingProduct = try container.decodeIfPresent(String.self, forKey: .messagingProduct) ?? "whatsapp"
    callID = try container.decodeIfPresent(String.self, forKey: .callID)
    to = try container.decodeIfPresent(String.self, forKey: .to)
    action = try container.decode(String.self, forKey: .action)
    session = try container.decodeIfPresent(SessionDescriptionBody.self, forKey: .session)
    bizOpaqueCallbackData = try container.decodeIfPresent(String.self, forKey: .bizOpaqueCallbackData)
  }
}

/// `session:{sdp_type, sdp}` (§1.1).
public struct SessionDescriptionBody: Codable, Sendable, Equatable {
  /// `offer` or `answer`.
  public var sdpType: String
  /// The SDP with CRLF line ends.
  public var sdp: String

  public init(sdpType: String, sdp: String) {
    self.sdpType = sdpType
    self.sdp = sdp
  }

  private enum CodingKeys: String, CodingKey {
    case sdpType = "sdp_type"
    case sdp
  }
}
