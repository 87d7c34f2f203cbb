public import ParleyDTLS
import ParleyMediaFiles
public import ParleyNice
public import ParleyRTP
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A call leg on the media engine: its network thread only stamps and copies each datagram into the
/// leg's lock-free ring (waking the worker at once for DTLS), and its ``MediaWorker`` owns everything
/// else: DTLS, SRTP, the jitter buffer, Opus, the app, and the send path (`nice_agent_send`).
public final class MediaLeg: MediaTask, SecureLeg, @unchecked Sendable {
  /// How long a secured leg waits for anything authenticated from its peer (SRTP, SRTCP) before it fails
  /// with "peer silent": WhatsApp's own mid-call no-media limit (whatsapp-calling.md §1) and RFC 7675's
  /// consent expiry. Loss or jitter never trip it; a peer that vanished does.
  public static let defaultPeerSilenceTimeout: Duration = .seconds(30)

  public let agent: ICEAgent
  public let context: DTLSContext
  public let worker: MediaWorker
  public let audio: LegAudio
  private let core: LegCore
  private let ring: PacketRing
  private let iceState: AtomicCell
  private let sending = Atomic<Bool>(true)
  private var appliedICEState = -1
  private var app: LegApp
  private var toneIndex = 0
  private var ticks = 0
  private let cname: String
  private let onEvent: @Sendable (TransportLeg.Event) -> Void
  private let pendingDTMF = Mutex<[DTMFEvent]>([])
  private let hasPendingDTMF = Atomic<Bool>(false)
  // Owned by the worker: frames of PCM, allocated once.
  private let pcm = UnsafeMutableBufferPointer<Int16>.allocate(capacity: 5_760)
  private let heard = UnsafeMutableBufferPointer<Int16>.allocate(capacity: LegAudio.frameSamples)
  private var prompt: (any PromptReader)?
  /// An app change asked for from another thread, taken by the worker at its next tick.
  private let pendingApp = Mutex<PendingApp?>(nil)
  private let hasPendingApp = Atomic<Bool>(false)
  private var promptFinished = false
  /// The leg's recorder: set at creation or by ``startRecording(_:)``, used on the worker.
  private let recorderSlot = RecorderSlot()
  private var recorder: LegRecorder? { recorderSlot.recorder }
  private let pendingRecorder = Mutex<RecorderSlot?>(nil)
  private let hasPendingRecorder = Atomic<Bool>(false)
  private let hasRecorder = Atomic<Bool>(false)

  public init(
    worker: MediaWorker, loop: NiceLoop, context: DTLSContext, ice: ICEAgentConfiguration,
    audio: LegAudioConfiguration, app: LegApp, recording: LegRecording? = nil,
    peerSilenceTimeout: Duration? = MediaLeg.defaultPeerSilenceTimeout,
    onEvent: @escaping @Sendable (TransportLeg.Event) -> Void
  ) throws {
    let ring = PacketRing(capacity: 256)
    let legAudio = try LegAudio(configuration: audio)
    if case .play(let path, _) = app { prompt = try PromptFile.open(path: path) } else { prompt = nil }
    let recorder = try recording.map { try LegRecorder($0, opusPayloadType: audio.opusPayloadType) }
    let recorderSlot = self.recorderSlot
    recorderSlot.recorder = recorder
    hasRecorder.store(recorder != nil, ordering: .relaxed)
    let core = LegCore(
      onEvent: onEvent,
      onRTP: { rtp, arrival in
        legAudio.receiveRTP(rtp, arrival: arrival)
        recorderSlot.recorder?.received(rtp)
      },
      onRTCP: { rtcp, arrival in legAudio.receiveRTCP(rtcp, arrival: arrival, wallclock: WallClock.now()) })
    core.peerSilenceLimit = peerSilenceTimeout?.microseconds
    let iceState = AtomicCell()
    self.iceState = iceState
    self.ring = ring
    self.core = core
    self.audio = legAudio
    self.worker = worker
    self.context = context
    self.app = app
    self.onEvent = onEvent
    self.cname = "parley-\(String(audio.ssrc, radix: 16))"
    pcm.initialize(repeating: 0)
    heard.initialize(repeating: 0)
    self.agent = try ICEAgent(
      loop: loop, configuration: ice,
      onEvent: { [weak worker] event in
        TransportLeg.report(event, to: onEvent)
        if case .stateChanged(let state) = event {
          iceState.value.store(MediaLeg.code(state), ordering: .releasing)
          worker?.wake()
        }
      },
      onReceive: { [weak worker] datagram in
        // The whole network-thread path: stamp, copy, and wake the worker for handshake traffic.
        ring.push(datagram, arrival: MonotonicClock.now())
        if let first = datagram.first, (20...63).contains(first) { worker?.wake() }
      })
    core.agent = agent
  }

  deinit {
    pcm.deallocate()
    heard.deallocate()
  }

  /// Starts ICE and DTLS toward the peer and puts the leg on its worker.
  public func connect(
    role: DTLSRole, remoteUfrag: String, remotePassword: String, remoteCandidates: [ICECandidateInfo],
    remoteFingerprint: [UInt8]
  ) throws {
    core.install(try SecureTransport(context: context, role: role, remoteFingerprint: remoteFingerprint))
    worker.add(self)
    try agent.setRemote(ufrag: remoteUfrag, password: remotePassword, candidates: remoteCandidates)
  }

  /// Whether the leg sends media (WhatsApp: only after `accept` succeeded). Receiving goes on regardless.
  public func setSending(_ enabled: Bool) { sending.store(enabled, ordering: .relaxed) }

  /// The transport's counters. The worker owns them: read them on the worker or after ``close()``.
  public var counters: TransportCounters { core.transportCounters }

  /// Sends a DTMF digit (RFC 4733) on the next ticks; digits queue up behind one another.
  public func sendDTMF(_ digit: DTMFEvent) {
    guard audio.configuration.telephoneEventPayloadType != nil else { return }
    pendingDTMF.withLock { $0.append(digit) }
    hasPendingDTMF.store(true, ordering: .releasing)
  }

  /// Switches what the leg does with its audio from the next tick: echo, tone, silence, a prompt or a probe;
  /// or `.room`, just before ``Room/join(_:)`` on the leg's own worker. A prompt is opened here, on the
  /// caller's thread. A room member stays one (leaving a room is not supported).
  public func switchApp(to app: LegApp) throws {
    guard self.app != .room else { throw MediaFileError.invalidArgument("a room member cannot switch apps") }
    let prompt: (any PromptReader)? = if case .play(let path, _) = app { try PromptFile.open(path: path) } else { nil }
    let pending = PendingApp(app: app, prompt: prompt)
    pendingApp.withLock { $0 = pending }
    hasPendingApp.store(true, ordering: .releasing)
  }

  /// Starts recording a leg that has no recording yet (files opened here, on the caller's thread): the
  /// received Opus into Ogg and/or both directions mixed into WAV, from the next tick to ``close()``.
  public func startRecording(_ recording: LegRecording) throws {
    let next = RecorderSlot()
    next.recorder = try LegRecorder(recording, opusPayloadType: audio.configuration.opusPayloadType)
    let accepted = pendingRecorder.withLock { slot -> Bool in
      guard slot == nil, !hasRecorder.load(ordering: .relaxed) else { return false }
      slot = next
      hasRecorder.store(true, ordering: .relaxed)
      return true
    }
    guard accepted else {
      next.recorder?.close()
      throw MediaFileError.invalidArgument("the leg is already recording")
    }
    hasPendingRecorder.store(true, ordering: .releasing)
  }

  private func takePendingApp() {
    guard
      let next = pendingApp.withLock({ pending in
        defer { pending = nil }
        return pending
      })
    else { return }
    hasPendingApp.store(false, ordering: .releasing)
    app = next.app
    prompt = next.prompt
    promptFinished = false
    toneIndex = 0
  }

  /// Takes the leg off its worker, closes DTLS and releases ICE.
  public func close() {
    worker.remove(self)
    core.shutdown()
    agent.close()
    let pending = pendingRecorder.withLock { slot in
      defer { slot = nil }
      return slot?.recorder
    }
    for recorder in [recorder, pending].compactMap({ $0 }) {
      recorder.close()
      onEvent(.recordingReady(recorder.recording))
    }
  }

  // MARK: MediaTask (on the worker thread)

  public func service(now: Int64) {
    let state = iceState.value.load(ordering: .acquiring)
    if state != appliedICEState, let iceState = MediaLeg.state(state) {
      appliedICEState = state
      core.iceStateChanged(iceState)
    }
    while ring.pop({ datagram, arrival in core.receive(datagram, arrival: arrival) }) != nil {}
    core.serviceTimer(now: now)
  }

  public func tick(now: Int64) {
    ticks += 1
    core.checkPeerSilence(now: now)
    if hasPendingApp.load(ordering: .acquiring) { takePendingApp() }
    if hasPendingRecorder.load(ordering: .acquiring) {
      hasPendingRecorder.store(false, ordering: .releasing)
      if let next = pendingRecorder.withLock({ slot in
        defer { slot = nil }
        return slot?.recorder
      }) {
        recorderSlot.recorder = next
      }
    }
    audio.serviceDTMF(now: now)
    while let event = audio.pollDTMF() {
      if case .ended(let digit, let duration) = event {
        onEvent(.dtmf(digit.character, durationMilliseconds: duration))
      }
    }
    guard app != .room else {
      // The room decodes, mixes and sends this leg's audio; the leg keeps its DTMF and RTCP.
      sendControl(now: now)
      return
    }
    let frame = UnsafeMutableBufferPointer(rebasing: pcm[0..<LegAudio.frameSamples])
    let decoded = audio.decodeFrame(now: now, into: frame)
    if recorder != nil { _ = heard.update(fromContentsOf: frame) }
    switch app {
    case .echo, .room: break
    case .probe(let probe):
      probe.tick(
        frame, fromPeer: decoded != .silence, arrival: audio.decodedArrival, sending: isSendingMedia, now: now)
    case .play(_, let loop): playPrompt(into: frame, loop: loop)
    case .silence: frame.update(repeating: 0)
    case .tone(let frequency):
      for index in 0..<frame.count {
        frame[index] = Int16(8_000 * sin(2 * Double.pi * frequency * Double(toneIndex + index) / 48_000))
      }
      toneIndex += frame.count
    }
    recorder?.tick(heard: UnsafeBufferPointer(heard), sent: UnsafeBufferPointer(frame))
    sendEncoded(UnsafeBufferPointer(frame))
    sendControl(now: now)
  }

  private func playPrompt(into frame: UnsafeMutableBufferPointer<Int16>, loop: Bool) {
    guard let prompt, !promptFinished else {
      frame.update(repeating: 0)
      return
    }
    var filled = (try? prompt.read(into: frame)) ?? 0
    if filled < frame.count, loop, prompt.durationSamples > 0 {
      try? prompt.rewind()
      filled += (try? prompt.read(into: UnsafeMutableBufferPointer(rebasing: frame[filled...]))) ?? 0
    }
    if filled < frame.count {
      UnsafeMutableBufferPointer(rebasing: frame[filled...]).update(repeating: 0)
      if !loop {
        promptFinished = true
        onEvent(.playbackFinished)
      }
    }
  }

  /// Whether media goes out now: sending allowed (after `accept`) and DTLS-SRTP up.
  var isSendingMedia: Bool { sending.load(ordering: .relaxed) && core.isSecured }

  /// Encodes one frame with this leg's own encoder and sends it.
  func sendEncoded(_ frame: UnsafeBufferPointer<Int16>) {
    guard isSendingMedia, let length = try? audio.encodeFrame(frame, into: core.sendBuffer) else { return }
    core.sendFromBuffer(length: length, rtcp: false)
  }

  /// Sends an Opus payload encoded once for several listeners, in this leg's RTP stream.
  func sendPayload(_ payload: UnsafeRawBufferPointer) {
    guard isSendingMedia, let length = try? audio.packetize(payload: payload, into: core.sendBuffer) else { return }
    core.sendFromBuffer(length: length, rtcp: false)
  }

  /// DTMF packets that are due, and RTCP once a second (RFC 3550 §6.2 allows 5 s; WhatsApp watches RTCP
  /// to tell a live business).
  private func sendControl(now: Int64) {
    guard isSendingMedia else { return }
    sendQueuedDTMF(now: now)
    if let length = audio.nextDTMFPacket(now: now, into: core.sendBuffer) {
      core.sendFromBuffer(length: length, rtcp: false)
    }
    if ticks % 50 == 1,
      let length = try? audio.makeRTCP(now: now, wallclock: WallClock.now(), cname: cname, into: core.sendBuffer)
    {
      core.sendFromBuffer(length: length, rtcp: true)
    }
  }

  private func sendQueuedDTMF(now: Int64) {
    guard hasPendingDTMF.load(ordering: .acquiring) else { return }  // the common case takes no lock
    pendingDTMF.withLock { queue in
      guard let digit = queue.first, (try? audio.sendDTMF(digit, now: now)) != nil else { return }
      queue.removeFirst()
      if queue.isEmpty { hasPendingDTMF.store(false, ordering: .releasing) }
    }
  }

  public var nextDeadline: Int64? { core.deadline }

  /// ICE states cross from the network thread to the worker as their index in this list.
  private static let states: [ICEState] = [.disconnected, .gathering, .connecting, .connected, .ready, .failed]

  private static func code(_ state: ICEState) -> Int { states.firstIndex(of: state) ?? 0 }

  private static func state(_ code: Int) -> ICEState? { states.indices.contains(code) ? states[code] : nil }
}

/// An atomic shared between a leg and the closures it gives libnice.
private final class AtomicCell: Sendable {
  let value = Atomic<Int>(-1)
}

/// An app and its opened prompt on their way to the worker: made on one thread, then owned by the worker.
private final class PendingApp: @unchecked Sendable {
  let app: LegApp
  let prompt: (any PromptReader)?

  init(app: LegApp, prompt: (any PromptReader)?) {
    self.app = app
    self.prompt = prompt
  }
}

/// A recorder's place: owned by the worker once handed over.
private final class RecorderSlot: @unchecked Sendable {
  var recorder: LegRecorder?
}
