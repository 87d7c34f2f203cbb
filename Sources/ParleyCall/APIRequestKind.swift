/// A calling API request the server makes for a call (whatsapp-calling.md §1.1, §1.2).
public enum APIRequestKind: String, Sendable, Equatable {
  case preAccept = "pre_accept"
  case accept
  case reject
  case terminate
  case connect
  /// `GET call_permissions` (§1.2).
  case permission
}
