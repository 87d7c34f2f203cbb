public import ParleyDTLS
public import ParleyNice
public import ParleySRTP

/// A call leg's transport: ICE (libnice) → RFC 7983 demux → DTLS or SRTP → RTP to its owner, and
/// RTP from its owner → SRTP → libnice. The security layer (``SecureTransport``) runs on the leg's
/// network thread (its ``NiceLoop``); the owner's callbacks are called there.
public final class TransportLeg: @unchecked Sendable {
  public enum Event: Sendable, Equatable {
    case ice(ICEState)
    case selectedPair(local: String, remote: String)
    /// DTLS-SRTP is up; media flows from now on.
    case secured(SRTPProtectionProfile)
    /// The leg is dead: ICE failed or consent was lost, DTLS failed (e.g. fingerprint mismatch).
    case failed(String)
    /// The peer closed DTLS.
    case closed
  }

  public let agent: ICEAgent
  public let context: DTLSContext
  private let core: LegCore

  /// Creates the ICE agent and gathers candidates; call ``connect(role:remoteUfrag:remotePassword:remoteCandidates:remoteFingerprint:)``
  /// once the peer's SDP is known.
  public init(
    loop: NiceLoop,
    context: DTLSContext,
    ice: ICEAgentConfiguration,
    onEvent: @escaping @Sendable (Event) -> Void,
    onRTP: @escaping @Sendable (UnsafeRawBufferPointer) -> Void,
    onRTCP: @escaping @Sendable (UnsafeRawBufferPointer) -> Void = { _ in }
  ) throws {
    let core = LegCore(loop: loop, onEvent: onEvent, onRTP: onRTP, onRTCP: onRTCP)
    self.core = core
    self.context = context
    self.agent = try ICEAgent(
      loop: loop, configuration: ice,
      onEvent: { [weak core] event in core?.handle(event) },
      onReceive: { [weak core] datagram in core?.receive(datagram) })
    core.agent = agent
  }

  deinit { close() }

  public var localUfrag: String { agent.localUfrag }
  public var localPassword: String { agent.localPassword }
  public var localCandidates: [ICECandidateInfo] { agent.localCandidates }
  public var localFingerprint: [UInt8] { context.certificate.sha256Fingerprint }

  /// Starts ICE toward the peer and prepares DTLS in `role`; a client sends its ClientHello as soon
  /// as ICE has a working pair.
  public func connect(
    role: DTLSRole, remoteUfrag: String, remotePassword: String, remoteCandidates: [ICECandidateInfo],
    remoteFingerprint: [UInt8]
  ) throws {
    let transport = try SecureTransport(context: context, role: role, remoteFingerprint: remoteFingerprint)
    let core = core
    let box = TransportBox(transport)
    core.loop.invokeAndWait { core.install(box.transport) }
    try agent.setRemote(ufrag: remoteUfrag, password: remotePassword, candidates: remoteCandidates)
  }

  /// Protects and sends one RTP packet (hops to the network thread).
  public func sendRTP(_ packet: [UInt8]) {
    let core = core
    core.loop.invoke { core.send(packet, rtcp: false) }
  }

  /// Protects and sends one RTCP compound packet (hops to the network thread).
  public func sendRTCP(_ packet: [UInt8]) {
    let core = core
    core.loop.invoke { core.send(packet, rtcp: true) }
  }

  /// Sends `datagram` as it is, unprotected, on the selected pair: for tests that play a broken or
  /// hostile peer.
  @_spi(Testing) public func sendUnprotected(_ datagram: [UInt8]) {
    datagram.withUnsafeBytes { _ = agent.send($0) }
  }

  /// The transport's counters, read on the network thread.
  public var counters: TransportCounters {
    let core = core
    return core.loop.invokeAndWait { core.transportCounters }
  }

  /// Sends close_notify when secured, then releases ICE. Idempotent.
  public func close() {
    let core = core
    core.loop.invokeAndWait { core.shutdown() }
    agent.close()
  }
}

/// Hands a freshly made transport to the loop thread (it is used only there from then on).
private struct TransportBox: @unchecked Sendable {
  let transport: SecureTransport
  init(_ transport: SecureTransport) { self.transport = transport }
}
