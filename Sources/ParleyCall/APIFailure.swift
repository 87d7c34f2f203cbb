/// A calling API request that failed for good (the API client has already retried what it could).
///
/// Codes that matter to call control (whatsapp-calling.md §5): 138000 calling not enabled, 138001 receiver
/// cannot be called, 138006 no call permission, 138007 connect timeout, 138012 connected-call limit.
public struct APIFailure: Sendable, Equatable {
  /// The Graph error `code`, when the response carried one.
  public var code: Int?
  /// The HTTP status, when a response arrived.
  public var httpStatus: Int?
  public var message: String
  /// No response arrived in time.
  public var isTimeout: Bool

  public init(code: Int? = nil, httpStatus: Int? = nil, message: String, isTimeout: Bool = false) {
    self.code = code
    self.httpStatus = httpStatus
    self.message = message
    self.isTimeout = isTimeout
  }

  /// 138006: the user has not granted call permission (§4, §5).
  public static let noPermissionCode = 138_006
}
