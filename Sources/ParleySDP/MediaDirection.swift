/// The direction attributes of RFC 8866 §6.7 (`a=sendrecv`, `a=sendonly`, `a=recvonly`, `a=inactive`).
public enum MediaDirection: String, Sendable, Hashable, CaseIterable {
  case sendrecv, sendonly, recvonly, inactive

  /// The direction an answer takes for an offer in this direction (RFC 3264 §6.1):
  /// sendonly ↔ recvonly, the others unchanged.
  public var reversed: MediaDirection {
    switch self {
    case .sendrecv: .sendrecv
    case .sendonly: .recvonly
    case .recvonly: .sendonly
    case .inactive: .inactive
    }
  }

  /// True when this side sends media.
  public var sends: Bool { self == .sendrecv || self == .sendonly }
  /// True when this side receives media.
  public var receives: Bool { self == .sendrecv || self == .recvonly }
}
