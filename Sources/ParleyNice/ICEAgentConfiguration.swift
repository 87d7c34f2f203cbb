/// How one leg's ICE agent behaves.
public struct ICEAgentConfiguration: Sendable {
  /// Controlling (RFC 8445 §6.1.1): true toward an ICE-lite peer (WhatsApp) and when Parley offers.
  public var controlling: Bool
  /// Addresses to gather host candidates on (`PARLEY_MEDIA_ADDRESSES`); empty means every interface.
  public var addresses: [String]
  /// `PARLEY_PUBLIC_ADDRESS`: behind a 1:1 NAT, the public address that maps to the gathered ones.
  /// Each host candidate of the same address family is also announced at this address and the same
  /// port, as a server-reflexive candidate (RFC 8445 §5.1.1.2) whose base is the host candidate.
  public var publicAddress: String?
  /// How long connectivity may take after the remote candidates are set before the leg fails.
  /// libnice alone never fails when a lite peer never answers, so Parley keeps its own deadline.
  public var connectTimeoutMilliseconds: UInt32
  /// Consent freshness (RFC 7675): the peer must keep answering checks, or the state goes `failed`.
  public var consentFreshness: Bool
  /// libnice's first STUN retransmission timeout (ms); shorter than its default so an unanswered
  /// first check (WhatsApp before it has our answer) costs little.
  public var stunInitialTimeoutMilliseconds: UInt32

  public init(
    controlling: Bool,
    addresses: [String],
    publicAddress: String? = nil,
    connectTimeoutMilliseconds: UInt32 = 10_000,
    consentFreshness: Bool = true,
    stunInitialTimeoutMilliseconds: UInt32 = 100
  ) {
    self.controlling = controlling
    self.addresses = addresses
    self.publicAddress = publicAddress
    self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
    self.consentFreshness = consentFreshness
    self.stunInitialTimeoutMilliseconds = stunInitialTimeoutMilliseconds
  }
}

/// Errors while creating or steering an agent.
public enum ICEError: Error, Sendable, Equatable, CustomStringConvertible {
  case invalidAddress(String)
  case agentCreation(String)
  case noLocalCandidates
  case invalidRemoteCandidate(String)

  public var description: String {
    switch self {
    case .invalidAddress(let address): "not an IP address to gather on: \(address)"
    case .agentCreation(let detail): "libnice agent: \(detail)"
    case .noLocalCandidates: "no local candidates were gathered (check PARLEY_MEDIA_ADDRESSES)"
    case .invalidRemoteCandidate(let detail): "remote candidate: \(detail)"
    }
  }
}
