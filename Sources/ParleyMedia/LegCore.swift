import ParleyDTLS
import ParleyNice

/// A leg's security layer as its owning thread drives it: ICE state in, datagrams in, DTLS out through
/// the agent, RTP/RTCP out to callbacks. The owner is the network thread for a ``TransportLeg`` and a
/// media worker for a ``MediaLeg``; every member is touched only on that thread, hence
/// `@unchecked Sendable`. It reads the clock only to turn DTLS's relative timeout into a deadline.
final class LegCore: @unchecked Sendable {
  weak var agent: ICEAgent?
  private let onEvent: @Sendable (TransportLeg.Event) -> Void
  private let onRTP: (UnsafeRawBufferPointer, Int64) -> Void
  private let onRTCP: (UnsafeRawBufferPointer, Int64) -> Void
  /// Told whenever the DTLS retransmission deadline changes (µs, monotonic; nil: none).
  var onDeadlineChanged: ((Int64?) -> Void)?
  private(set) var deadline: Int64?
  private var transport: SecureTransport?
  private var iceUsable = false
  /// DTLS datagrams made before ICE had a usable pair (a server answering an early ClientHello): libnice
  /// cannot send them yet, so they wait here and go out as soon as it can (else the flight is lost and
  /// the handshake waits for a retransmission). Handshake only, never media.
  private var heldDTLS: [[UInt8]] = []
  private var started = false
  private(set) var finished = false
  /// How long the peer may send nothing that authenticates (SRTP, SRTCP) once media is secured before the
  /// leg fails (µs); nil: no limit. Parley's liveness check in place of libnice's consent freshness.
  var peerSilenceLimit: Int64?
  /// When the peer's last authenticated packet arrived (µs); from the first check after DTLS if none yet.
  private var lastHeardFromPeer: Int64?
  /// One receive and one send buffer per leg, allocated once: the per-packet path copies into them.
  private let receiveBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2048, alignment: 16)
  let sendBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2048, alignment: 16)

  init(
    onEvent: @escaping @Sendable (TransportLeg.Event) -> Void,
    onRTP: @escaping (UnsafeRawBufferPointer, Int64) -> Void,
    onRTCP: @escaping (UnsafeRawBufferPointer, Int64) -> Void
  ) {
    self.onEvent = onEvent
    self.onRTP = onRTP
    self.onRTCP = onRTCP
  }

  deinit {
    receiveBuffer.deallocate()
    sendBuffer.deallocate()
  }

  var transportCounters: TransportCounters { transport?.counters ?? TransportCounters() }
  var isSecured: Bool { transport?.isSecured ?? false }

  func install(_ transport: SecureTransport) {
    self.transport = transport
    startIfReady()
  }

  /// The ICE agent's state (its events are reported to the owner separately).
  func iceStateChanged(_ state: ICEState) {
    if state == .connected || state == .ready {
      iceUsable = true
      flush()
      startIfReady()
    } else if state == .failed, !finished {
      finished = true
      onEvent(
        .failed(
          iceUsable ? "ICE consent lost: the peer stopped answering checks" : "ICE failed: no candidate pair answered"))
    }
  }

  func receive(_ datagram: UnsafeRawBufferPointer, arrival: Int64) {
    guard let transport, !finished, datagram.count <= receiveBuffer.count, let base = datagram.baseAddress else {
      return
    }
    receiveBuffer.baseAddress!.copyMemory(from: base, byteCount: datagram.count)
    switch transport.receive(receiveBuffer, length: datagram.count) {
    case .rtp(let length):
      lastHeardFromPeer = arrival
      onRTP(UnsafeRawBufferPointer(rebasing: receiveBuffer[0..<length]), arrival)
    case .rtcp(let length):
      lastHeardFromPeer = arrival
      onRTCP(UnsafeRawBufferPointer(rebasing: receiveBuffer[0..<length]), arrival)
    case .dtls: afterDTLS()
    case .dropped: break
    }
  }

  /// Protects the `length`-byte packet at the start of ``sendBuffer`` in place and sends it.
  func sendFromBuffer(length: Int, rtcp: Bool) {
    guard let transport, transport.isSecured, !finished, let agent else { return }
    do {
      let protected =
        rtcp
        ? try transport.protectRTCP(sendBuffer, length: length)
        : try transport.protectRTP(sendBuffer, length: length)
      agent.send(UnsafeRawBufferPointer(rebasing: sendBuffer[0..<protected]))
    } catch {
      // A packet that cannot be protected (no keys yet, too long) is dropped.
    }
  }

  /// Copies `packet` into ``sendBuffer``, protects and sends it.
  func send(_ packet: [UInt8], rtcp: Bool) {
    guard packet.count + 64 <= sendBuffer.count else { return }
    packet.withUnsafeBytes { sendBuffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: packet.count) }
    sendFromBuffer(length: packet.count, rtcp: rtcp)
  }

  /// Fails the leg when the peer has sent no authenticated packet for ``peerSilenceLimit`` since DTLS
  /// came up (call it every tick). Loss, jitter and a quiet peer do not trip it: WhatsApp keeps RTP or
  /// RTCP flowing and ends a call itself after 30 s without media; only a peer that is gone does.
  func checkPeerSilence(now: Int64) {
    guard let limit = peerSilenceLimit, !finished, transport?.isSecured == true else { return }
    guard let last = lastHeardFromPeer else {
      lastHeardFromPeer = now
      return
    }
    guard now - last > limit else { return }
    finished = true
    onEvent(.failed("peer silent: no SRTP or SRTCP for \((now - last) / 1_000_000) s"))
  }

  /// Fires the DTLS retransmission timer if it is due.
  func serviceTimer(now: Int64) {
    guard let transport, let due = deadline, due <= now, !finished else { return }
    transport.handleTimeout()
    afterDTLS()
  }

  func shutdown() {
    setDeadline(nil)
    guard let transport, transport.isSecured, !finished else {
      finished = true
      return
    }
    finished = true
    transport.close()
    flush()
  }

  private func startIfReady() {
    guard let transport, iceUsable, !started else { return }
    started = true
    transport.start()
    afterDTLS()
  }

  /// Sends what DTLS produced, reports its events, and moves its retransmission deadline.
  private func afterDTLS() {
    guard let transport else { return }
    flush()
    while let event = transport.pollEvent() {
      switch event {
      case .secured(let profile): onEvent(.secured(profile))
      case .failed(let error):
        finished = true
        onEvent(.failed(error.description))
      case .closed:
        finished = true
        onEvent(.closed)
      }
    }
    if !finished, let wait = transport.timeout() {
      setDeadline(MonotonicClock.now() + max(1_000, wait.microseconds))
    } else {
      setDeadline(nil)
    }
  }

  private func setDeadline(_ value: Int64?) {
    guard value != deadline else { return }
    deadline = value
    onDeadlineChanged?(value)
  }

  private func flush() {
    guard let transport, let agent else { return }
    if iceUsable, !heldDTLS.isEmpty {
      for datagram in heldDTLS { datagram.withUnsafeBytes { _ = agent.send($0) } }
      heldDTLS.removeAll()
    }
    while let datagram = transport.pollTransmit() {
      if iceUsable {
        datagram.withUnsafeBytes { _ = agent.send($0) }
      } else if heldDTLS.count < 16 {
        heldDTLS.append(datagram)
      }
    }
  }
}
