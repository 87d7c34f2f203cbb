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
  /// libnice's consent freshness (RFC 7675): the peer must keep answering checks, or the state goes
  /// `failed`. Off by default: libnice 0.1.21 sends one consent check every 4–6 s without retransmitting
  /// it and expires consent ~10 s after the last response (RFC 7675 says 30 s), so two lost responses in
  /// a row drop the call — measured with `parley bench echo --loss 30`: 4 calls of 4 lost in 25 s, and 2
  /// of 25 in a 5 s burst of 10 % loss. Parley's legs check liveness themselves instead
  /// (``MediaLeg/defaultPeerSilenceTimeout``); `keepalive-conncheck` still fails a pair whose keepalive
  /// times out while no media arrives.
  public var consentFreshness: Bool
  /// libnice's `stun-initial-timeout` (ms): the first retransmission timeout of its keepalive and
  /// consent checks and of STUN discovery. It does not shorten connectivity checks (libnice 0.1.21
  /// computes their timeout as `MAX(Ta × pairs, 500)` ms); ``checkPacing`` handles those.
  public var stunInitialTimeoutMilliseconds: UInt32
  /// Re-trigger connectivity checks while the peer stays silent, until connected or the connect
  /// deadline (ICE-lite peers such as WhatsApp answer nothing before they have processed our answer).
  /// nil: libnice's own schedule only (three checks over 1.5 s per pair). Ignored in ``lite`` mode.
  public var checkPacing: ICECheckPacing?
  /// ICE-lite (RFC 8445 §2.5), as WhatsApp's side is (the sandbox's emulated phones): libnice's
  /// `NICE_AGENT_OPTION_LITE_MODE`, always controlled (``controlling`` is ignored), no checks of its own.
  /// It answers checks from any address whose MESSAGE-INTEGRITY passes and learns that address as a
  /// peer-reflexive candidate, so it needs no remote candidates: ``ICEAgent/setRemote(ufrag:password:candidates:)``
  /// with none works. Given remote candidates, libnice's lite agent also sends checks of its own (measured
  /// with libnice 0.1.21), which an RFC lite agent and WhatsApp do not: to play WhatsApp, give it none.
  /// Parley's connect deadline still applies.
  public var lite: Bool
  /// Local ICE credentials to use instead of libnice's random ones (e.g. a WhatsApp-like ufrag with a `/`);
  /// both or neither. ufrag 4...256, pwd 22...256 ice-chars (RFC 8839 §5.4).
  public var localUfrag: String?
  public var localPassword: String?
  /// Drop every datagram (connectivity checks included) until the remote credentials are set.
  ///
  /// libnice itself does not wait: a check needs only the LOCAL password to be verified and answered
  /// (RFC 8445 §7.3), so libnice answers checks that arrive before ``ICEAgent/setRemote(ufrag:password:candidates:)``
  /// at once (and queues them for triggered checks). WhatsApp instead leaves the business's first checks
  /// unanswered until it has processed the answer; this option emulates that: reception stays paused
  /// and what queued up meanwhile is discarded unread when the remote side is set.
  public var ignoreChecksUntilRemoteSet: Bool

  public init(
    controlling: Bool,
    addresses: [String],
    publicAddress: String? = nil,
    connectTimeoutMilliseconds: UInt32 = 10_000,
    consentFreshness: Bool = false,
    stunInitialTimeoutMilliseconds: UInt32 = 100,
    checkPacing: ICECheckPacing? = ICECheckPacing(),
    lite: Bool = false,
    localUfrag: String? = nil,
    localPassword: String? = nil,
    ignoreChecksUntilRemoteSet: Bool = false
  ) {
    self.controlling = controlling
    self.addresses = addresses
    self.publicAddress = publicAddress
    self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
    self.consentFreshness = consentFreshness
    self.stunInitialTimeoutMilliseconds = stunInitialTimeoutMilliseconds
    self.checkPacing = checkPacing
    self.lite = lite
    self.localUfrag = localUfrag
    self.localPassword = localPassword
    self.ignoreChecksUntilRemoteSet = ignoreChecksUntilRemoteSet
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
