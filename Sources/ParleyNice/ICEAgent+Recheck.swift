import CParleyNice

/// The re-trigger of ``ICECheckPacing``: owned by the agent, touched only on the loop thread.
final class RecheckState: @unchecked Sendable {
  var timer: LoopTimer?
  var stopped = true
  /// Re-triggers fired so far (the pacing grows with them).
  var fired = 0

  /// Stops re-triggering (on the loop thread): at a new remote side, at the deadline, at close.
  func stop() {
    stopped = true
    timer?.cancel()
    timer = nil
  }
}

/// What one re-trigger needs; no reference to the ``ICEAgent`` object, so a pending tick neither keeps
/// it alive nor outlives it: close() stops the ``RecheckState`` on the loop before libnice's agent goes.
struct Recheck: Sendable {
  let agent: AgentPointer
  let streamID: guint
  let localUfrag: String
  let localPassword: String
  let remoteUfrag: String
  let remotePassword: String
  let candidates: [ICECandidateInfo]
  let pacing: ICECheckPacing
  /// µs on GLib's monotonic clock.
  let startedAt: Int64
  let deadline: Int64

  /// Runs on the loop thread: schedules the next re-trigger unless the deadline comes first.
  func schedule(on loop: NiceLoop, state: RecheckState, callbacks: AgentCallbacks) {
    guard !state.stopped else { return }
    let now = Int64(g_get_monotonic_time())
    let delay = pacing.delay(beforeRecheck: state.fired)
    guard now + Int64(delay) * 1_000 < deadline else { return }
    state.timer = loop.schedule(afterMilliseconds: delay) { [weak callbacks] in
      guard let callbacks, !state.stopped, !callbacks.connected, !callbacks.failed else { return }
      state.fired += 1
      fire(callbacks)
      schedule(on: loop, state: state, callbacks: callbacks)
    }
  }

  /// Makes libnice check the same pairs afresh. Giving it the same remote candidates again only updates
  /// them (libnice 0.1.21 logs "Updating existing remote candidate" and forms no pair), so the stream is
  /// restarted instead: `nice_agent_restart_stream` prunes the check list and the remote candidates and
  /// draws new local credentials, keeping the tie-breaker, the local candidates and their sockets; the
  /// SDP's credentials are then restored, so the peer sees nothing but another check with the same
  /// USERNAME, ports and priorities. The pruned pair's transaction is forgotten: an answer to it is
  /// dropped, so the pacing interval must exceed the round trip (libnice nominates aggressively: the
  /// first answered check connects). Before the first answer there is nothing else to lose. The restart's
  /// `gathering` → `connecting` flap (emitted synchronously, within these calls) is not reported.
  func fire(_ callbacks: AgentCallbacks) {
    callbacks.restarting = true
    defer { callbacks.restarting = false }
    guard nice_agent_restart_stream(agent.value, streamID) != 0 else { return }
    _ = nice_agent_set_local_credentials(agent.value, streamID, localUfrag, localPassword)
    _ = nice_agent_set_remote_credentials(agent.value, streamID, remoteUfrag, remotePassword)
    ICEAgent.addRemoteCandidates(agent.value, streamID: streamID, candidates)
  }
}

extension ICEAgent {
  /// Whether libnice can take `remote` (its address parses).
  static func isUsable(_ remote: ICECandidateInfo) -> Bool {
    guard let candidate = makeCandidate(remote, streamID: 1) else { return false }
    nice_candidate_free(candidate)
    return true
  }

  /// Hands `candidates` (component 1, already validated) to libnice; returns how many it took.
  @discardableResult
  static func addRemoteCandidates(_ agent: OpaquePointer, streamID: guint, _ candidates: [ICECandidateInfo]) -> Int32 {
    var list: UnsafeMutablePointer<GSList>?
    for remote in candidates {
      if let candidate = makeCandidate(remote, streamID: streamID) { list = g_slist_append(list, candidate) }
    }
    defer { cparley_free_candidate_list(list) }
    return list == nil ? 0 : nice_agent_set_remote_candidates(agent, streamID, 1, list)
  }
}
