/// A `statuses[]` entry with `type:"call"`: a business-initiated call is ringing, was accepted
/// or was rejected (whatsapp-calling.md §2.3).
public struct CallStatusUpdate: Sendable, Equatable {
  public var callID: String
  /// Unix seconds.
  public var timestamp: Int64
  /// Uppercased: `RINGING`, `ACCEPTED` or `REJECTED`.
  public var status: String
  /// `recipient_id`, or `recipient_user_id` (BSUID) when the number is missing.
  public var recipientID: String?
  public var bizOpaqueCallbackData: String?

  public init(
    callID: String, timestamp: Int64, status: String, recipientID: String? = nil, bizOpaqueCallbackData: String? = nil
  ) {
    self.callID = callID
    self.timestamp = timestamp
    self.status = status.uppercased()
    self.recipientID = recipientID
    self.bizOpaqueCallbackData = bizOpaqueCallbackData
  }
}
