import ParleyDTLS
import ParleyNice

/// The part of a ``TransportLeg`` that lives on its network thread: every member is touched only
/// there (callbacks from libnice and work posted with `invoke`), hence `@unchecked Sendable`.
final class LegCore: @unchecked Sendable {
  let loop: NiceLoop
  weak var agent: ICEAgent?
  private let onEvent: @Sendable (TransportLeg.Event) -> Void
  private let onRTP: @Sendable (UnsafeRawBufferPointer) -> Void
  private let onRTCP: @Sendable (UnsafeRawBufferPointer) -> Void
  private var transport: SecureTransport?
  private var iceUsable = false
  private var started = false
  private var finished = false
  private var timer: LoopTimer?
  /// One receive and one send buffer per leg, allocated once: the per-packet path copies into them.
  private let receiveBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2048, alignment: 16)
  private let sendBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2048, alignment: 16)

  init(
    loop: NiceLoop, onEvent: @escaping @Sendable (TransportLeg.Event) -> Void,
    onRTP: @escaping @Sendable (UnsafeRawBufferPointer) -> Void,
    onRTCP: @escaping @Sendable (UnsafeRawBufferPointer) -> Void
  ) {
    self.loop = loop
    self.onEvent = onEvent
    self.onRTP = onRTP
    self.onRTCP = onRTCP
  }

  deinit {
    timer?.cancel()
    receiveBuffer.deallocate()
    sendBuffer.deallocate()
  }

  var transportCounters: TransportCounters { transport?.counters ?? TransportCounters() }

  func install(_ transport: SecureTransport) {
    self.transport = transport
    startIfReady()
  }

  func handle(_ event: ICEEvent) {
    switch event {
    case .stateChanged(let state):
      onEvent(.ice(state))
      if state == .connected || state == .ready {
        iceUsable = true
        startIfReady()
      } else if state == .failed, !finished {
        finished = true
        onEvent(
          .failed(
            iceUsable ? "ICE consent lost: the peer stopped answering checks" : "ICE failed: no candidate pair answered"
          ))
      }
    case .selectedPair(let local, let remote):
      onEvent(.selectedPair(local: local, remote: remote))
    case .gatheringDone:
      break
    }
  }

  func receive(_ datagram: UnsafeRawBufferPointer) {
    guard let transport, !finished, datagram.count <= receiveBuffer.count, let base = datagram.baseAddress else {
      return
    }
    receiveBuffer.baseAddress!.copyMemory(from: base, byteCount: datagram.count)
    switch transport.receive(receiveBuffer, length: datagram.count) {
    case .rtp(let length): onRTP(UnsafeRawBufferPointer(rebasing: receiveBuffer[0..<length]))
    case .rtcp(let length): onRTCP(UnsafeRawBufferPointer(rebasing: receiveBuffer[0..<length]))
    case .dtls: afterDTLS()
    case .dropped: break
    }
  }

  func send(_ packet: [UInt8], rtcp: Bool) {
    guard let transport, transport.isSecured, !finished, let agent, packet.count + 64 <= sendBuffer.count else {
      return
    }
    packet.withUnsafeBytes { sendBuffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: packet.count) }
    do {
      let length =
        rtcp
        ? try transport.protectRTCP(sendBuffer, length: packet.count)
        : try transport.protectRTP(sendBuffer, length: packet.count)
      agent.send(UnsafeRawBufferPointer(rebasing: sendBuffer[0..<length]))
    } catch {
      // A packet that cannot be protected is dropped; SRTP counts nothing here.
    }
  }

  func shutdown() {
    timer?.cancel()
    timer = nil
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

  /// Sends what DTLS produced, reports its events, and re-arms its retransmission timer.
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
    timer?.cancel()
    timer = nil
    if !finished, let wait = transport.timeout() {
      let milliseconds = UInt32(
        clamping: wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)
      timer = loop.schedule(afterMilliseconds: max(1, milliseconds)) { [weak self] in
        guard let self, let transport = self.transport else { return }
        transport.handleTimeout()
        self.afterDTLS()
      }
    }
  }

  private func flush() {
    guard let transport, let agent else { return }
    while let datagram = transport.pollTransmit() {
      datagram.withUnsafeBytes { agent.send($0) }
    }
  }
}
