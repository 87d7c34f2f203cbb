import ParleyDTLS
import ParleyMedia
import ParleyNice
import ParleySDP
import Synchronization

/// Parley's side of the tests: an ordinary MediaLeg (full ICE) signalled with ParleySDP, as the call
/// layer does in production (the same steps as ParleyMediaTests' LegSupport).
enum ParleySide {
  final class Events: Sendable {
    let all = Mutex<[TransportLeg.Event]>([])
    func append(_ event: TransportLeg.Event) { all.withLock { $0.append(event) } }
    var secured: Bool { all.withLock { $0.contains { if case .secured = $0 { true } else { false } } } }
  }

  static func leg(
    worker: MediaWorker, loop: NiceLoop, context: DTLSContext, controlling: Bool, app: LegApp, events: Events,
    peerSilenceTimeout: Duration? = MediaLeg.defaultPeerSilenceTimeout
  ) throws -> MediaLeg {
    try MediaLeg(
      worker: worker, loop: loop, context: context,
      ice: ICEAgentConfiguration(controlling: controlling, addresses: ["127.0.0.1"]),
      audio: LegAudioConfiguration(ssrc: 0x5A11), app: app, peerSilenceTimeout: peerSilenceTimeout,
      onEvent: { events.append($0) })
  }

  static func localParameters(for leg: MediaLeg, candidates include: Bool = true) throws -> LocalMediaParameters {
    let candidates =
      include
      ? try leg.localCandidates.enumerated().map { index, candidate in
        ICECandidate.host(address: try IPAddress(parsing: candidate.address), port: candidate.port, index: index)
      } : []
    return try LocalMediaParameters(
      iceUfrag: leg.localUfrag, icePwd: leg.localPassword, fingerprintSHA256: leg.localFingerprint,
      candidates: candidates, ssrc: 0x5A11, cname: "parley", streamID: "parley", trackID: "audio", sessionID: 42)
  }

  /// Starts ICE and DTLS toward the peer of `negotiated`.
  static func connect(_ leg: MediaLeg, _ negotiated: NegotiatedAudio) throws {
    let remote = negotiated.remoteCandidates.compactMap { candidate -> ICECandidateInfo? in
      guard candidate.transport == .udp, case .ip(let address) = candidate.address else { return nil }
      return ICECandidateInfo(
        foundation: candidate.foundation, priority: candidate.priority, address: address.description,
        port: candidate.port, kind: ICECandidateInfo.Kind(rawValue: candidate.type.rawValue) ?? .host)
    }
    try leg.connect(
      role: negotiated.dtlsRole == .client ? .client : .server, remoteUfrag: negotiated.remoteICEUfrag,
      remotePassword: negotiated.remoteICEPwd, remoteCandidates: remote,
      remoteFingerprint: negotiated.remoteFingerprint.bytes)
  }

  static func waitSecured(_ events: Events, timeoutMilliseconds: Int) async -> Bool {
    let deadline = MonotonicClock.now() + Int64(timeoutMilliseconds) * 1_000
    while MonotonicClock.now() < deadline {
      if events.secured { return true }
      try? await Task.sleep(for: .milliseconds(2))
    }
    return events.secured
  }
}
