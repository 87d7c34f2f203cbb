import CParleyNice
import Synchronization

/// One call leg's ICE agent: a libnice agent with one stream of one component (rtcp-mux, BUNDLE),
/// living on a ``NiceLoop``. Full ICE (RFC 8445); controlling toward ICE-lite peers.
///
/// Threads: every libnice call except ``send(_:)`` runs on the loop thread; `onEvent` and
/// `onReceive` are called there too. `send` may be called from any thread (libnice locks the agent);
/// the owner must stop sending before ``close()``, which detaches every callback before the agent is
/// released, so no callback can reach a freed owner.
public final class ICEAgent: @unchecked Sendable {
  public let loop: NiceLoop
  public let configuration: ICEAgentConfiguration
  /// Local ICE credentials (RFC 8445 §5.3), for the SDP.
  public let localUfrag: String
  public let localPassword: String
  /// Host candidates gathered on the configured addresses.
  public let localCandidates: [ICECandidateInfo]

  private let agent: OpaquePointer
  private let streamID: guint
  private let callbacks: Unmanaged<AgentCallbacks>
  private var handlerIDs: [gulong] = []
  private var connectTimer: LoopTimer?
  private let recheck = RecheckState()
  private let closed = Atomic<Bool>(false)
  private let paused = Atomic<Bool>(false)
  private let discarded = Atomic<Int>(0)

  /// Creates the agent on `loop`, gathers host candidates and returns when gathering is done.
  public init(
    loop: NiceLoop,
    configuration: ICEAgentConfiguration,
    onEvent: @escaping @Sendable (ICEEvent) -> Void,
    onReceive: @escaping @Sendable (UnsafeRawBufferPointer) -> Void
  ) throws {
    self.loop = loop
    self.configuration = configuration
    let callbacks = AgentCallbacks(onEvent: onEvent, onReceive: onReceive)
    let created: Result<CreatedAgent, ICEError> = loop.invokeAndWait {
      Self.create(on: loop, configuration: configuration, callbacks: callbacks)
    }
    let agent = try created.get()
    self.agent = agent.pointer.value
    self.streamID = agent.streamID
    self.localUfrag = agent.ufrag
    self.localPassword = agent.password
    self.localCandidates = agent.candidates + Self.publicMappings(of: agent.candidates, to: configuration.publicAddress)
    self.callbacks = Unmanaged.passRetained(callbacks)
    self.handlerIDs = agent.handlerIDs
    paused.store(configuration.ignoreChecksUntilRemoteSet, ordering: .relaxed)
    guard !localCandidates.isEmpty else {
      close()
      throw ICEError.noLocalCandidates
    }
  }

  deinit { close() }

  /// Datagrams that arrived before the remote side was set and were discarded unanswered
  /// (``ICEAgentConfiguration/ignoreChecksUntilRemoteSet``).
  public var discardedEarlyDatagrams: Int { discarded.load(ordering: .relaxed) }

  /// Gives the peer's credentials and candidates; connectivity checks start at once. `candidates` may
  /// be empty: checks from the peer then teach the agent its peer-reflexive address (a lite agent
  /// needs nothing else). Starts Parley's own connect deadline: without an answer by then the state
  /// becomes `failed`; until then unanswered checks are re-triggered (``ICEAgentConfiguration/checkPacing``).
  public func setRemote(ufrag: String, password: String, candidates: [ICECandidateInfo]) throws {
    let result: ICEError? = loop.invokeAndWait { [self] in
      guard !closed.load(ordering: .acquiring) else { return nil }
      if paused.exchange(false, ordering: .acquiringAndReleasing) {
        discarded.add(Self.discardQueuedDatagrams(on: localCandidates), ordering: .relaxed)
        Self.attachReceive(agent, streamID: streamID, loop: loop, callbacks.toOpaque())
      }
      let remotes = candidates.filter { $0.component == 1 }
      if let invalid = remotes.first(where: { !Self.isUsable($0) }) {
        return .invalidRemoteCandidate("\(invalid.address) is not an IP address")
      }
      nice_agent_set_remote_credentials(agent, streamID, ufrag, password)
      Self.addRemoteCandidates(agent, streamID: streamID, remotes)
      startConnectTimer()
      startRechecks(remoteUfrag: ufrag, remotePassword: password, remotes)
      return nil
    }
    if let result { throw result }
  }

  /// Sends one datagram on the selected pair. Returns false if libnice could not send it yet
  /// (no pair selected) or the agent is closed.
  @discardableResult
  public func send(_ datagram: UnsafeRawBufferPointer) -> Bool {
    guard !closed.load(ordering: .acquiring), let base = datagram.baseAddress else { return false }
    let sent = nice_agent_send(agent, streamID, 1, guint(datagram.count), base.assumingMemoryBound(to: gchar.self))
    return sent == datagram.count
  }

  /// Detaches callbacks, removes the stream and releases the agent. Idempotent.
  public func close() {
    guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
    let agent = AgentPointer(value: agent)
    let streamID = streamID
    let handlerIDs = handlerIDs
    let timer = connectTimer
    let recheck = recheck
    let callbacks = callbacks
    loop.invokeAndWait {
      timer?.cancel()
      recheck.stop()
      for id in handlerIDs { cparley_agent_disconnect(agent.value, id) }
      _ = nice_agent_attach_recv(agent.value, streamID, 1, g_main_context_get_thread_default(), nil, nil)
      nice_agent_remove_stream(agent.value, streamID)
      cparley_agent_unref(agent.value)
      callbacks.release()
    }
  }

  /// The candidates a 1:1 NAT adds: each host candidate of the public address's family, announced at
  /// the public address and the same port, as server-reflexive (type preference 100, RFC 8445 §5.1.2.2).
  static func publicMappings(of candidates: [ICECandidateInfo], to publicAddress: String?) -> [ICECandidateInfo] {
    guard let publicAddress else { return [] }
    let publicIsIPv6 = publicAddress.contains(":")
    return candidates.enumerated().compactMap { index, candidate in
      guard candidate.kind == .host, candidate.address.contains(":") == publicIsIPv6 else { return nil }
      let localPreference = UInt32(65_535 - min(index, 65_535))
      return ICECandidateInfo(
        foundation: "nat\(index + 1)", component: candidate.component,
        priority: (100 << 24) | (localPreference << 8) | UInt32(256 - candidate.component), address: publicAddress,
        port: candidate.port, kind: .srflx)
    }
  }

  private func startConnectTimer() {
    connectTimer?.cancel()
    let callbacks = callbacks.takeUnretainedValue()
    let recheck = recheck
    connectTimer = loop.schedule(afterMilliseconds: configuration.connectTimeoutMilliseconds) { [weak callbacks] in
      recheck.stop()
      guard let callbacks, !callbacks.connected else { return }
      callbacks.holdLibniceFailure = false
      callbacks.report(.stateChanged(.failed))
    }
  }

  /// Runs on the loop thread: re-triggers checks toward `remotes` until connected or the deadline
  /// (``ICEAgentConfiguration/checkPacing``). Meanwhile libnice's own `failed` (its pairs gave up)
  /// is premature and held back: fresh pairs may still succeed, and the deadline reports failure.
  private func startRechecks(remoteUfrag: String, remotePassword: String, _ remotes: [ICECandidateInfo]) {
    recheck.stop()
    guard let pacing = configuration.checkPacing, !configuration.lite, !remotes.isEmpty else { return }
    let callbacks = callbacks.takeUnretainedValue()
    callbacks.holdLibniceFailure = true
    recheck.stopped = false
    recheck.fired = 0
    let now = Int64(g_get_monotonic_time())
    let plan = Recheck(
      agent: AgentPointer(value: agent), streamID: streamID, localUfrag: localUfrag, localPassword: localPassword,
      remoteUfrag: remoteUfrag, remotePassword: remotePassword, candidates: remotes, pacing: pacing, startedAt: now,
      deadline: now + Int64(configuration.connectTimeoutMilliseconds) * 1_000)
    plan.schedule(on: loop, state: recheck, callbacks: callbacks)
  }
}
