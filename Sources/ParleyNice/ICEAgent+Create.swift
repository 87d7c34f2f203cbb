import CParleyNice

/// The agent pointer crosses from the loop thread to the creator once, before any other use.
struct AgentPointer: @unchecked Sendable {
  let value: OpaquePointer
}

struct CreatedAgent: Sendable {
  let pointer: AgentPointer
  let streamID: guint
  let ufrag: String
  let password: String
  let candidates: [ICECandidateInfo]
  let handlerIDs: [gulong]
}

/// The owner's callbacks, reached from libnice's C callbacks through an opaque pointer.
/// Touched only on the loop thread.
final class AgentCallbacks: @unchecked Sendable {
  let onEvent: @Sendable (ICEEvent) -> Void
  let onReceive: @Sendable (UnsafeRawBufferPointer) -> Void
  var gathered = false
  var connected = false
  var failed = false
  /// While Parley re-triggers checks before its connect deadline, libnice's own `failed` is not reported.
  var holdLibniceFailure = false
  /// While a re-trigger restarts the stream: its `gathering` → `connecting` flap is not reported.
  var restarting = false

  init(onEvent: @escaping @Sendable (ICEEvent) -> Void, onReceive: @escaping @Sendable (UnsafeRawBufferPointer) -> Void)
  {
    self.onEvent = onEvent
    self.onReceive = onReceive
  }

  func report(_ event: ICEEvent) {
    if case .stateChanged(let state) = event {
      if state == .ready || state == .connected { connected = true }
      if state == .failed {
        guard !failed else { return }
        failed = true
      }
    }
    onEvent(event)
  }
}

extension ICEAgent {
  /// Runs on the loop thread: makes the agent, its stream, and gathers host candidates.
  static func create(
    on loop: NiceLoop, configuration: ICEAgentConfiguration, callbacks: AgentCallbacks
  ) -> Result<CreatedAgent, ICEError> {
    var options = NICE_AGENT_OPTION_NONE.rawValue
    if configuration.consentFreshness { options |= NICE_AGENT_OPTION_CONSENT_FRESHNESS.rawValue }
    // An ICE-lite agent (RFC 8445 §2.5) sends no checks, only answers them, and is always controlled.
    if configuration.lite { options |= NICE_AGENT_OPTION_LITE_MODE.rawValue }
    guard
      let agent = nice_agent_new_full(
        loop.context, NICE_COMPATIBILITY_RFC5245, NiceAgentOption(rawValue: options))
    else { return .failure(.agentCreation("nice_agent_new_full returned NULL")) }
    cparley_object_set_bool(agent, "controlling-mode", configuration.controlling && !configuration.lite ? 1 : 0)
    cparley_object_set_bool(agent, "ice-tcp", 0)
    cparley_object_set_bool(agent, "upnp", 0)
    cparley_object_set_bool(agent, "keepalive-conncheck", 1)
    cparley_object_set_uint(agent, "stun-initial-timeout", configuration.stunInitialTimeoutMilliseconds)

    for text in configuration.addresses {
      var address = NiceAddress()
      nice_address_init(&address)
      guard nice_address_set_from_string(&address, text) != 0 else {
        cparley_agent_unref(agent)
        return .failure(.invalidAddress(text))
      }
      _ = nice_agent_add_local_address(agent, &address)
    }
    let streamID = nice_agent_add_stream(agent, 1)
    guard streamID > 0 else {
      cparley_agent_unref(agent)
      return .failure(.agentCreation("nice_agent_add_stream failed"))
    }
    if let ufrag = configuration.localUfrag, let password = configuration.localPassword,
      nice_agent_set_local_credentials(agent, streamID, ufrag, password) == 0
    {
      cparley_agent_unref(agent)
      return .failure(.agentCreation("libnice rejected the local credentials '\(ufrag)'"))
    }
    let opaque = Unmanaged.passUnretained(callbacks).toOpaque()
    var handlerIDs: [gulong] = []
    handlerIDs.append(
      cparley_signal_connect(
        agent, "component-state-changed", unsafeBitCast(onStateChanged, to: UnsafeMutableRawPointer.self), opaque))
    handlerIDs.append(
      cparley_signal_connect(
        agent, "candidate-gathering-done", unsafeBitCast(onGatheringDone, to: UnsafeMutableRawPointer.self), opaque))
    handlerIDs.append(
      cparley_signal_connect(
        agent, "new-selected-pair-full", unsafeBitCast(onSelectedPair, to: UnsafeMutableRawPointer.self), opaque))
    // Without a receive callback libnice pauses reception: datagrams (checks too) wait in the socket.
    if !configuration.ignoreChecksUntilRemoteSet { attachReceive(agent, streamID: streamID, loop: loop, opaque) }

    guard nice_agent_gather_candidates(agent, streamID) != 0 else {
      cparley_agent_unref(agent)
      return .failure(.agentCreation("candidate gathering failed to start"))
    }
    var ufrag: UnsafeMutablePointer<gchar>?
    var password: UnsafeMutablePointer<gchar>?
    _ = nice_agent_get_local_credentials(agent, streamID, &ufrag, &password)
    defer {
      g_free(ufrag)
      g_free(password)
    }
    let candidates = localCandidates(agent, streamID: streamID)
    return .success(
      CreatedAgent(
        pointer: AgentPointer(value: agent), streamID: streamID,
        ufrag: ufrag.map { String(cString: $0) } ?? "", password: password.map { String(cString: $0) } ?? "",
        candidates: candidates, handlerIDs: handlerIDs))
  }

  static func attachReceive(_ agent: OpaquePointer, streamID: guint, loop: NiceLoop, _ opaque: UnsafeMutableRawPointer)
  {
    _ = nice_agent_attach_recv(agent, streamID, 1, loop.context, onReceive, opaque)
  }

  static func localCandidates(_ agent: OpaquePointer, streamID: guint) -> [ICECandidateInfo] {
    let list = nice_agent_get_local_candidates(agent, streamID, 1)
    defer { cparley_free_candidate_list(list) }
    var result: [ICECandidateInfo] = []
    var node = list
    while let current = node {
      if let raw = current.pointee.data {
        let candidate = raw.assumingMemoryBound(to: NiceCandidate.self)
        if let info = info(candidate) { result.append(info) }
      }
      node = current.pointee.next
    }
    return result
  }

  static func info(_ candidate: UnsafeMutablePointer<NiceCandidate>) -> ICECandidateInfo? {
    guard candidate.pointee.transport == NICE_CANDIDATE_TRANSPORT_UDP else { return nil }
    let kind: ICECandidateInfo.Kind =
      switch candidate.pointee.type {
      case NICE_CANDIDATE_TYPE_SERVER_REFLEXIVE: .srflx
      case NICE_CANDIDATE_TYPE_PEER_REFLEXIVE: .prflx
      case NICE_CANDIDATE_TYPE_RELAYED: .relay
      default: .host
      }
    return ICECandidateInfo(
      foundation: String(cString: cparley_candidate_foundation(candidate)),
      component: Int(candidate.pointee.component_id), priority: candidate.pointee.priority,
      address: addressString(&candidate.pointee.addr),
      port: UInt16(truncatingIfNeeded: nice_address_get_port(&candidate.pointee.addr)),
      kind: kind)
  }

  static func addressString(_ address: UnsafePointer<NiceAddress>) -> String {
    withUnsafeTemporaryAllocation(of: gchar.self, capacity: 64) { buffer in
      buffer.initialize(repeating: 0)
      nice_address_to_string(address, buffer.baseAddress)
      return String(cString: buffer.baseAddress!)
    }
  }

  static func makeCandidate(_ remote: ICECandidateInfo, streamID: guint) -> UnsafeMutablePointer<NiceCandidate>? {
    let type: NiceCandidateType =
      switch remote.kind {
      case .host: NICE_CANDIDATE_TYPE_HOST
      case .srflx: NICE_CANDIDATE_TYPE_SERVER_REFLEXIVE
      case .prflx: NICE_CANDIDATE_TYPE_PEER_REFLEXIVE
      case .relay: NICE_CANDIDATE_TYPE_RELAYED
      }
    guard let candidate = nice_candidate_new(type) else { return nil }
    guard nice_address_set_from_string(&candidate.pointee.addr, remote.address) != 0 else {
      nice_candidate_free(candidate)
      return nil
    }
    nice_address_set_port(&candidate.pointee.addr, guint(remote.port))
    candidate.pointee.transport = NICE_CANDIDATE_TRANSPORT_UDP
    candidate.pointee.priority = remote.priority
    candidate.pointee.stream_id = streamID
    candidate.pointee.component_id = 1
    cparley_candidate_set_foundation(candidate, remote.foundation)
    return candidate
  }
}

private func callbacks(_ raw: UnsafeMutableRawPointer?) -> AgentCallbacks? {
  raw.map { Unmanaged<AgentCallbacks>.fromOpaque($0).takeUnretainedValue() }
}

private let onStateChanged: @convention(c) (OpaquePointer?, guint, guint, guint, UnsafeMutableRawPointer?) -> Void = {
  _, _, _, state, data in
  let mapped: ICEState =
    switch NiceComponentState(rawValue: state) {
    case NICE_COMPONENT_STATE_GATHERING: .gathering
    case NICE_COMPONENT_STATE_CONNECTING: .connecting
    case NICE_COMPONENT_STATE_CONNECTED: .connected
    case NICE_COMPONENT_STATE_READY: .ready
    case NICE_COMPONENT_STATE_FAILED: .failed
    default: .disconnected
    }
  guard let owner = callbacks(data) else { return }
  if owner.restarting, mapped == .gathering || mapped == .connecting { return }
  if mapped == .failed, owner.holdLibniceFailure, !owner.connected { return }
  owner.report(.stateChanged(mapped))
}

private let onGatheringDone: @convention(c) (OpaquePointer?, guint, UnsafeMutableRawPointer?) -> Void =
  { agent, stream, data in
    guard let agent, let owner = callbacks(data), !owner.gathered else { return }
    owner.gathered = true
    owner.report(.gatheringDone(ICEAgent.localCandidates(agent, streamID: stream)))
  }

private let onSelectedPair:
  @convention(c) (
    OpaquePointer?, guint, guint, UnsafeMutablePointer<NiceCandidate>?, UnsafeMutablePointer<NiceCandidate>?,
    UnsafeMutableRawPointer?
  ) -> Void = { _, _, _, local, remote, data in
    guard let local, let remote else { return }
    let localText = "\(ICEAgent.addressString(&local.pointee.addr)):\(nice_address_get_port(&local.pointee.addr))"
    let remoteText = "\(ICEAgent.addressString(&remote.pointee.addr)):\(nice_address_get_port(&remote.pointee.addr))"
    callbacks(data)?.report(.selectedPair(local: localText, remote: remoteText))
  }

private let onReceive: NiceAgentRecvFunc = { _, _, _, length, buffer, data in
  guard let buffer, let owner = callbacks(data) else { return }
  owner.onReceive(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
}
