/// An interactive `call_permission_reply` message on the `messages` field
/// (whatsapp-calling.md §2.5).
public struct CallPermissionReply: Sendable, Equatable {
  /// The user who answered.
  public var from: String
  /// The reply's message id (`wamid.…`).
  public var messageID: String
  /// Unix seconds.
  public var timestamp: Int64
  /// `context.id`: the request message (`wamid.…`) or missed call (`wacid.…`) answered.
  public var contextID: String?
  /// `response == "accept"`.
  public var accepted: Bool
  public var isPermanent: Bool
  /// Unix seconds; absent for permanent permissions and rejections.
  public var expirationTimestamp: Int64?
  /// `user_action` or `automatic` (granted because the user called, §4).
  public var responseSource: String?

  public init(
    from: String, messageID: String, timestamp: Int64, contextID: String? = nil, accepted: Bool,
    isPermanent: Bool = false, expirationTimestamp: Int64? = nil, responseSource: String? = nil
  ) {
    self.from = from
    self.messageID = messageID
    self.timestamp = timestamp
    self.contextID = contextID
    self.accepted = accepted
    self.isPermanent = isPermanent
    self.expirationTimestamp = expirationTimestamp
    self.responseSource = responseSource
  }
}
