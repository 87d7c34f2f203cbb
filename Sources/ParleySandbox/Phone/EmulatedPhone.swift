public import ParleyDTLS
public import ParleyMedia
public import ParleyNice
import ParleyOpus
import ParleySDP
import Synchronization

/// A WhatsApp user's phone as Parley meets it, on Parley's own media engine: an ICE-lite, controlled
/// agent (libnice lite mode) on the given loopback addresses, DTLS-SRTP in the role WhatsApp takes, Opus
/// on 111 encoded the way WhatsApp does (wideband, ~20 kbit/s, in-band FEC, no DTX), telephone-event on
/// 126, and a ``LegApp`` for its audio (``LegApp/probe(_:)`` to measure what it hears).
///
/// - User-initiated call: ``makeOffer()`` → Parley answers → ``receiveAnswer(_:)`` (the phone is the DTLS
///   server: Parley's answer must say `a=setup:active`).
/// - Business-initiated call: Parley offers → ``answer(offer:)`` (the phone answers `a=setup:active` and
///   is the DTLS client; Parley is the server).
///
/// Both validate Parley's SDP as WhatsApp would and throw ``PhoneError`` with the reason.
/// Thread-safe: its own state is behind a mutex; the leg belongs to its worker.
public final class EmulatedPhone: @unchecked Sendable {
  /// The user's phone number (E.164 digits), for the emulated cloud.
  public let number: String
  public let leg: MediaLeg
  public let behaviour: PhoneBehaviour
  public let app: LegApp
  /// The relay the phone's media passes when it was made with a ``NetworkEmulator``: set its conditions
  /// to impair what the phone sends (``NetworkPath/setUplink(_:)``) or receives.
  public let networkPath: NetworkPath?
  private let sdp: WhatsAppSDP
  private let status: PhoneStatus
  private let state = Mutex<State>(State())

  private struct State {
    var offer: SDPOffer?
    var connected = false
    var closed = false
  }

  public init(
    number: String, worker: MediaWorker, loop: NiceLoop, context: DTLSContext, addresses: [String], app: LegApp,
    behaviour: PhoneBehaviour = .init(), network: NetworkEmulator? = nil,
    onEvent: @escaping @Sendable (TransportLeg.Event) -> Void = { _ in }
  ) throws {
    var generator = SystemRandomNumberGenerator()
    let (ufrag, password) = WhatsAppSDP.credentials(using: &generator)
    let ssrc = UInt32.random(in: 1...UInt32.max, using: &generator)
    let status = PhoneStatus()
    // WhatsApp's side is ICE-lite and sends no checks of its own, hence no consent freshness either.
    let ice = ICEAgentConfiguration(
      controlling: false, addresses: addresses, consentFreshness: false, lite: true, localUfrag: ufrag,
      localPassword: password, ignoreChecksUntilRemoteSet: behaviour.ignoreChecksUntilAnswer)
    let audio = LegAudioConfiguration(
      opusPayloadType: 111, telephoneEventPayloadType: 126, peerSendsFEC: true,
      encoder: OpusEncoderConfiguration(
        bitrate: 20_000, inbandFEC: true, discontinuousTransmission: false, maxBandwidth: .wideband),
      ssrc: ssrc)
    leg = try MediaLeg(
      worker: worker, loop: loop, context: context, ice: ice, audio: audio, app: app,
      onEvent: { event in
        status.note(event)
        onEvent(event)
      })
    self.number = number
    self.app = app
    self.behaviour = behaviour
    self.status = status
    var candidates = leg.localCandidates.filter { $0.kind == .host }
    if let network {
      // Only the first IPv4 candidate, through a relay on the same address: the phone announces the
      // relay's port, so everything Parley sends passes it.
      guard var candidate = candidates.first(where: { !$0.address.contains(":") }) else {
        leg.close()
        throw PhoneError("the network emulator needs an IPv4 address among \(addresses)")
      }
      let path: NetworkPath
      do { path = try network.path(toPhoneAt: candidate.address, port: candidate.port) } catch {
        leg.close()
        throw PhoneError("network emulator: \(error)")
      }
      candidate.port = path.port
      candidates = [candidate]
      networkPath = path
    } else {
      networkPath = nil
    }
    sdp = WhatsAppSDP(
      ufrag: ufrag, password: password, fingerprint: context.certificate.sha256Fingerprint,
      candidates: candidates, ssrc: ssrc,
      sessionID: UInt64.random(in: 1..<(UInt64(1) << 62), using: &generator),
      streamID: String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 16))
  }

  /// The probe when the phone's app is ``LegApp/probe(_:)``.
  public var probe: LatencyProbe? {
    if case .probe(let probe) = app { probe } else { nil }
  }

  // MARK: User-initiated call

  /// The phone's offer, shaped like WhatsApp's (whatsapp-calling.md §3.1).
  public func makeOffer() throws -> String {
    let text = sdp.offer()
    let offer = try SDPOffer(parsing: text)
    state.withLock { $0.offer = offer }
    return text
  }

  /// Takes Parley's answer: validates it as WhatsApp would, then starts ICE (lite, controlled) and DTLS
  /// as the server toward Parley. Candidates in the answer are optional and not used: Parley's checks
  /// teach the phone its address.
  public func receiveAnswer(_ sdp: String) throws {
    let offer = try state.withLock { state throws(PhoneError) in
      guard let offer = state.offer else { throw PhoneError("no offer was made: call makeOffer() first") }
      guard !state.connected, !state.closed else { throw PhoneError("the call already has an answer") }
      return offer
    }
    let remote = try PhoneValidation.checkAnswer(sdp, to: offer)
    try connect(role: .server, remote)
  }

  // MARK: Business-initiated call

  /// Answers Parley's offer like WhatsApp (whatsapp-calling.md §3.3): `a=ice-lite`, host candidates,
  /// `a=setup:active` (the phone is the DTLS client), one sha-256 fingerprint, Opus on the offer's payload
  /// type and telephone-event when offered. Starts ICE and DTLS at once.
  public func answer(offer: String) throws -> String {
    let (remote, choice) = try PhoneValidation.checkOffer(offer)
    let text = sdp.answer(choice)
    try connect(role: .client, remote)
    return text
  }

  // MARK: State

  /// Waits until DTLS-SRTP is up (true), the leg failed, or the timeout passed (false).
  public func waitSecured(timeoutMilliseconds: Int) async -> Bool {
    let deadline = MonotonicClock.now() + Int64(timeoutMilliseconds) * 1_000
    while MonotonicClock.now() < deadline {
      if securedAt != nil { return true }
      if failure != nil { return false }
      try? await Task.sleep(for: .milliseconds(2))
    }
    return securedAt != nil
  }

  /// When DTLS-SRTP came up: µs on ``MonotonicClock`` (the media engine's clock), nil before.
  public var securedAt: Int64? { status.snapshot.securedAt }
  /// When the phone got Parley's SDP and started its leg: µs on ``MonotonicClock``.
  public var connectStartedAt: Int64? { status.snapshot.connectStartedAt }
  /// Why the leg failed (ICE or DTLS), if it did.
  public var failure: String? { status.snapshot.failure }
  /// Milliseconds from ``connectStartedAt`` to ``securedAt``: the call setup the phone saw.
  public var setupMilliseconds: Double? {
    let snapshot = status.snapshot
    guard let start = snapshot.connectStartedAt, let end = snapshot.securedAt else { return nil }
    return Double(end - start) / 1_000
  }

  /// Ends the phone's media. Idempotent.
  public func close() {
    let first = state.withLock { state in
      defer { state.closed = true }
      return !state.closed
    }
    if first {
      leg.close()
      networkPath?.close()
    }
  }

  private func connect(role: ParleyDTLS.DTLSRole, _ remote: PhoneValidation.Remote) throws {
    try state.withLock { state throws(PhoneError) in
      guard !state.connected, !state.closed else { throw PhoneError("the phone is already in a call") }
      state.connected = true
    }
    status.started(at: MonotonicClock.now())
    // No remote candidates, whatever Parley's SDP lists: given some, libnice's lite agent would send
    // checks of its own (measured: it connects ~20 ms after the answer instead of waiting for Parley's
    // next check), which WhatsApp's ICE-lite side does not do. It learns Parley's address from Parley's
    // checks (peer-reflexive), as WhatsApp does.
    try leg.connect(
      role: role, remoteUfrag: remote.ufrag, remotePassword: remote.password, remoteCandidates: [],
      remoteFingerprint: remote.fingerprint)
  }
}

/// What the leg reported, kept for the phone's accessors (events arrive on the worker and loop threads).
private final class PhoneStatus: Sendable {
  struct Snapshot {
    var connectStartedAt: Int64?
    var securedAt: Int64?
    var failure: String?
  }

  private let state = Mutex(Snapshot())

  var snapshot: Snapshot { state.withLock { $0 } }

  func started(at time: Int64) { state.withLock { $0.connectStartedAt = time } }

  func note(_ event: TransportLeg.Event) {
    switch event {
    case .secured: state.withLock { if $0.securedAt == nil { $0.securedAt = MonotonicClock.now() } }
    case .failed(let reason): state.withLock { if $0.failure == nil { $0.failure = reason } }
    default: break
    }
  }
}
