/// A call as the emulated cloud tracks it.
public struct SandboxCall: Sendable, Equatable {
  public enum State: String, Sendable, Equatable {
    case ringing, preAccepted, accepted, rejected, ended, failed
  }

  public var id: String
  public var userInitiated: Bool
  public var user: String
  public var state: State
  public var offer: String?
  public var preAcceptSDP: String?
  public var acceptSDP: String?
  public var answer: String?
  public var bizOpaqueCallbackData: String?
  public var createdAt: Double
  /// Unix seconds the call was picked up (accept, or the user answering).
  public var startTime: Int64?
  public var endTime: Int64?
  public var endedBy: String?
}
