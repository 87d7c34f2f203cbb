import Benchmark
import ParleyMedia
import ParleyRTP
import ParleySRTP

/// What one leg costs per 20 ms tick, as its media worker does it for an echo: SRTP-unprotect the peer's
/// Opus packet, `LegAudio.receiveRTP` (jitter buffer), `decodeFrame`, `encodeFrame` with WhatsApp's encoder
/// settings, SRTP-protect the answer. The peer's packets are real Opus (a few hundred frames of speech-like
/// audio, cycled with ever-increasing sequence numbers and timestamps); making and protecting each one is
/// the peer's work and happens before the measurement starts.
///
/// The plaintext variant leaves SRTP out. It carries the zero-allocation budget; the SRTP one cannot, since
/// Debian's NSS-based libsrtp2 allocates inside NSS for every packet, so its malloc count (28 a tick on
/// Debian 12) is NSS's alone.
func legTickBenchmarks() {
  for secure in [true, false] {
    Benchmark(
      secure ? "Per-leg tick" : "Per-leg tick, plaintext",
      configuration: secure ? .allocationCeiling(relative: 0) : .allocationFree(),
      closure: { (benchmark: Benchmark, leg: LegTick) in
        try leg.receiveFromPeer()
        benchmark.startMeasurement()
        blackHole(try leg.tick())
      },
      setup: {
        let track = try OpusTrack(encoding: TestAudio.speechLike(frames: 250), configuration: TestAudio.whatsApp)
        return try LegTick(track: track, secure: secure)
      })
  }
}

/// One leg and its peer, a packet every 20 ms on a clean network (each arrives 3 ms before its tick).
final class LegTick {
  let audio: LegAudio
  /// The leg's SRTP session and the peer's, or `nil` for plaintext.
  let srtp: (leg: SRTPSession, peer: SRTPSession)?
  let track: OpusTrack
  let incoming = UnsafeMutableRawBufferPointer.allocate(byteCount: 1_500, alignment: 16)
  let outgoing = UnsafeMutableRawBufferPointer.allocate(byteCount: 1_500, alignment: 16)
  let pcm = UnsafeMutableBufferPointer<Int16>.allocate(capacity: TestAudio.frameSamples)
  private var incomingLength = 0
  private var frame = 0
  private var sequenceNumber = SequenceNumber(0xFFF0)
  private var timestamp = RTPTimestamp(0xFFFF_0000)
  private var now: Int64 = 1_000_000
  /// Set after warm-up: from then on every tick must decode the packet that arrived.
  private var isSteady = false

  init(track: OpusTrack, secure: Bool) throws {
    self.track = track
    audio = try LegAudio(
      configuration: LegAudioConfiguration(peerSendsFEC: true, encoder: TestAudio.whatsApp, ssrc: 0x5EED_0001))
    if secure {
      let profile = SRTPProtectionProfile.aes128CMHmacSHA1Tag80
      let material = (0..<profile.keyingMaterialLength).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
      let keys = try SRTPKeyingMaterial(exported: material, profile: profile)
      srtp = (
        try SRTPSession(keyingMaterial: keys, role: .server), try SRTPSession(keyingMaterial: keys, role: .client)
      )
    } else {
      srtp = nil
    }
    pcm.initialize(repeating: 0)
    // Warm-up: libsrtp's first packet per SSRC, the jitter buffer's target delay, Opus's first frames.
    for _ in 0..<200 {
      try receiveFromPeer()
      _ = try tick()
    }
    isSteady = true
  }

  deinit {
    incoming.deallocate()
    outgoing.deallocate()
    pcm.deallocate()
  }

  /// The peer's side: the next packet of the track as RTP, protected.
  func receiveFromPeer() throws {
    guard let payload = track.packets[frame] else { preconditionFailure("a speech track sends every frame") }
    let header = RTPHeader(
      payloadType: PayloadType(rawValue: 111)!, sequenceNumber: sequenceNumber, timestamp: timestamp,
      ssrc: SSRC(rawValue: 0xFEED_0001))
    let headerLength = try header.write(into: incoming)
    payload.withUnsafeBytes { bytes in
      UnsafeMutableRawBufferPointer(rebasing: incoming[headerLength...]).copyMemory(from: bytes)
    }
    incomingLength = headerLength + payload.count
    if let srtp { incomingLength = try srtp.peer.protectRTP(in: incoming, length: incomingLength) }
    frame = (frame + 1) % track.count
    sequenceNumber += 1
    timestamp += UInt32(TestAudio.frameSamples)
  }

  /// The leg's side of one tick; returns the length of the packet it sends.
  @inline(__always)
  func tick() throws -> Int {
    var length = incomingLength
    if let srtp { length = try srtp.leg.unprotectRTP(in: incoming, length: length) }
    audio.receiveRTP(UnsafeRawBufferPointer(rebasing: incoming[0..<length]), arrival: now - 3_000)
    let decoded = audio.decodeFrame(now: now, into: pcm)
    precondition(decoded == .audio || !isSteady, "steady state decodes every packet")
    now += 20_000
    var sent = try audio.encodeFrame(UnsafeBufferPointer(pcm), into: outgoing)
    if let srtp { sent = try srtp.leg.protectRTP(in: outgoing, length: sent) }
    return sent
  }
}
