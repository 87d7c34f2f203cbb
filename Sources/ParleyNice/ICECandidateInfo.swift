/// An ICE candidate as the wrapper exchanges it with its owner: plain values, no libnice types.
public struct ICECandidateInfo: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable { case host, srflx, prflx, relay }

  public var foundation: String
  public var component: Int
  public var priority: UInt32
  /// IPv4 or IPv6 literal.
  public var address: String
  public var port: UInt16
  public var kind: Kind

  public init(foundation: String, component: Int = 1, priority: UInt32, address: String, port: UInt16, kind: Kind) {
    self.foundation = foundation
    self.component = component
    self.priority = priority
    self.address = address
    self.port = port
    self.kind = kind
  }

  public var description: String { "\(kind) \(address):\(port)" }
}

/// The connectivity of the leg's one component, as libnice reports it (RFC 8445 §6.1.3 in spirit).
public enum ICEState: String, Sendable {
  case disconnected, gathering, connecting, connected, ready, failed
}

/// What an ``ICEAgent`` reports, on its network thread.
public enum ICEEvent: Sendable, Equatable {
  case gatheringDone([ICECandidateInfo])
  case stateChanged(ICEState)
  case selectedPair(local: String, remote: String)
}
