public import ParleyDTLS
public import ParleyNice
public import ParleySRTP

/// A call leg's transport: ICE (libnice) → RFC 7983 demux → DTLS or SRTP → RTP to its owner, and
/// RTP from its owner → SRTP → libnice. Here the security layer runs on the leg's network thread (its
/// ``NiceLoop``) and the owner's callbacks are called there; a ``MediaLeg`` runs the same layer on a
/// media worker instead.
public final class TransportLeg: SecureLeg, @unchecked Sendable {
  public enum Event: Sendable, Equatable {
    case ice(ICEState)
    case selectedPair(local: String, remote: String)
    /// DTLS-SRTP is up; media flows from now on.
    case secured(SRTPProtectionProfile)
    /// The leg is dead: ICE failed or consent was lost, DTLS failed (e.g. fingerprint mismatch).
    case failed(String)
    /// The peer closed DTLS.
    case closed
    /// A DTMF digit the peer pressed (RFC 4733), reported when it ends.
    case dtmf(Character, durationMilliseconds: Int)
    /// A `play` app's prompt ended (not looping).
    case playbackFinished
    /// The leg's recording is complete on disk (the leg was closed).
    case recordingReady(LegRecording)
  }

  public let agent: ICEAgent
  public let context: DTLSContext
  public let loop: NiceLoop
  private let core: LegCore
  private let timer: LegTimer

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
    let core = LegCore(onEvent: onEvent, onRTP: { rtp, _ in onRTP(rtp) }, onRTCP: { rtcp, _ in onRTCP(rtcp) })
    let timer = LegTimer(loop: loop, core: core)
    core.onDeadlineChanged = { [weak timer] deadline in timer?.arm(deadline) }
    self.core = core
    self.timer = timer
    self.loop = loop
    self.context = context
    self.agent = try ICEAgent(
      loop: loop, configuration: ice,
      onEvent: { [weak core] event in
        guard let core else { return }
        Self.report(event, to: onEvent)
        if case .stateChanged(let state) = event { core.iceStateChanged(state) }
      },
      onReceive: { [weak core] datagram in core?.receive(datagram, arrival: 0) })
    core.agent = agent
  }

  /// Forwards an ICE event to the owner in the leg's vocabulary.
  static func report(_ event: ICEEvent, to onEvent: @Sendable (Event) -> Void) {
    switch event {
    case .stateChanged(let state): onEvent(.ice(state))
    case .selectedPair(let local, let remote): onEvent(.selectedPair(local: local, remote: remote))
    case .gatheringDone: break
    }
  }

  deinit { close() }

  /// Starts ICE toward the peer and prepares DTLS in `role`; a client sends its ClientHello as soon
  /// as ICE has a working pair.
  public func connect(
    role: DTLSRole, remoteUfrag: String, remotePassword: String, remoteCandidates: [ICECandidateInfo],
    remoteFingerprint: [UInt8]
  ) throws {
    let transport = try SecureTransport(context: context, role: role, remoteFingerprint: remoteFingerprint)
    let core = core
    let box = TransportBox(transport)
    loop.invokeAndWait { core.install(box.transport) }
    try agent.setRemote(ufrag: remoteUfrag, password: remotePassword, candidates: remoteCandidates)
  }

  /// Protects and sends one RTP packet (hops to the network thread).
  public func sendRTP(_ packet: [UInt8]) {
    let core = core
    loop.invoke { core.send(packet, rtcp: false) }
  }

  /// Protects and sends one RTCP compound packet (hops to the network thread).
  public func sendRTCP(_ packet: [UInt8]) {
    let core = core
    loop.invoke { core.send(packet, rtcp: true) }
  }

  /// Sends `datagram` as it is, unprotected, on the selected pair: for tests that play a broken or
  /// hostile peer.
  @_spi(Testing) public func sendUnprotected(_ datagram: [UInt8]) {
    datagram.withUnsafeBytes { _ = agent.send($0) }
  }

  /// The transport's counters, read on the network thread.
  public var counters: TransportCounters {
    let core = core
    return loop.invokeAndWait { core.transportCounters }
  }

  /// Sends close_notify when secured, then releases ICE. Idempotent.
  public func close() {
    let core = core
    let timer = timer
    loop.invokeAndWait {
      core.shutdown()
      timer.arm(nil)
    }
    agent.close()
  }
}

/// Hands a freshly made transport to the loop thread (it is used only there from then on).
private struct TransportBox: @unchecked Sendable {
  let transport: SecureTransport
  init(_ transport: SecureTransport) { self.transport = transport }
}

/// The GLib timer that fires a loop-driven leg's DTLS retransmissions. Touched on the loop thread only.
private final class LegTimer: @unchecked Sendable {
  let loop: NiceLoop
  weak var core: LegCore?
  private var pending: LoopTimer?

  init(loop: NiceLoop, core: LegCore) {
    self.loop = loop
    self.core = core
  }

  func arm(_ deadline: Int64?) {
    pending?.cancel()
    pending = nil
    guard let deadline else { return }
    let wait = max(1, (deadline - MonotonicClock.now() + 999) / 1_000)
    pending = loop.schedule(afterMilliseconds: UInt32(clamping: wait)) { [weak self] in
      self?.core?.serviceTimer(now: MonotonicClock.now())
    }
  }
}
