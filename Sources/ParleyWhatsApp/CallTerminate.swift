/// A `calls[]` entry with `event:"terminate"` (whatsapp-calling.md §2.4).
public struct CallTerminate: Sendable, Equatable {
  public var callID: String
  public var direction: CallDirection?
  /// Unix seconds.
  public var timestamp: Int64
  /// Uppercased: `COMPLETED` or `FAILED` (Meta's samples disagree on the casing, §7.4).
  public var status: String
  /// Unix seconds; present only if the call was picked up.
  public var startTime: Int64?
  public var endTime: Int64?
  /// Seconds; present only if the call was picked up.
  public var duration: Int?
  public var bizOpaqueCallbackData: String?
  /// Errors of a failed call, from the call entry and from `value.errors`.
  public var errors: [WebhookErrorDetail]

  public init(
    callID: String, direction: CallDirection? = nil, timestamp: Int64, status: String, startTime: Int64? = nil,
    endTime: Int64? = nil, duration: Int? = nil, bizOpaqueCallbackData: String? = nil,
    errors: [WebhookErrorDetail] = []
  ) {
    self.callID = callID
    self.direction = direction
    self.timestamp = timestamp
    self.status = status.uppercased()
    self.startTime = startTime
    self.endTime = endTime
    self.duration = duration
    self.bizOpaqueCallbackData = bizOpaqueCallbackData
    self.errors = errors
  }

  /// True for `status` `FAILED`.
  public var failed: Bool { status == "FAILED" }
}
