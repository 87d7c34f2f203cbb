/// A WhatsApp user's phone as the emulated cloud drives it: it receives Parley's answer to its offer
/// (user-initiated) or answers Parley's offer (business-initiated).
public protocol SandboxPhone: AnyObject, Sendable {
  /// Parley's answer (from `pre_accept` or `accept`): validated as WhatsApp would; media starts.
  func receiveAnswer(_ sdp: String) throws
  /// Parley's offer (from `connect`): the phone's answer; media starts.
  func answer(offer: String) throws -> String
  /// The call is over: release the phone's media.
  func close()
}

/// How an emulated phone behaves when the business calls it.
public struct PhoneProfile: Sendable, Equatable {
  /// Milliseconds between RINGING and the user picking up.
  public var pickUpAfterMilliseconds: Int
  /// The user declines instead (REJECTED, then terminate).
  public var rejects: Bool
  /// The user's call permission: `no_permission`, `temporary` or `permanent`.
  public var permission: String
  /// Whether the user accepts a permission request.
  public var grantsPermission: Bool

  public init(
    pickUpAfterMilliseconds: Int = 300, rejects: Bool = false, permission: String = "temporary",
    grantsPermission: Bool = true
  ) {
    self.pickUpAfterMilliseconds = pickUpAfterMilliseconds
    self.rejects = rejects
    self.permission = permission
    self.grantsPermission = grantsPermission
  }
}
