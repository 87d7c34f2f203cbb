public import ParleyJitter
import ParleyOpus
public import ParleyRTP

/// One leg's audio, sans-IO: plaintext RTP in (after SRTP), one 20 ms frame of 48 kHz mono PCM out per
/// tick (jitter buffer → Opus decode, PLC or FEC); PCM in, RTP out (Opus encode → RTP header).
/// Time is an argument (µs, monotonic). Every buffer is allocated at init: nothing per packet.
public final class LegAudio {
  /// What ``decodeFrame(now:into:)`` produced.
  public enum Frame: Sendable, Equatable {
    /// Decoded from a packet.
    case audio
    /// Made up: Opus PLC, or recovered from the next packet's FEC.
    case concealed
    /// Nothing to play (before the first packet, DTX): silence was written.
    case silence
  }

  public static let frameSamples = 960
  public let configuration: LegAudioConfiguration
  public let jitter: JitterBuffer
  private let decoder: OpusDecoder
  private let encoder: OpusEncoder
  private var sequenceNumber: SequenceNumber
  private var timestamp: RTPTimestamp
  private var remoteSSRC: UInt32?
  /// RFC 3550 reception statistics of the peer's stream (for our RTCP reports).
  public private(set) var reception: ReceiveStatistics?
  /// The last round-trip time measured from the peer's reports (µs).
  public private(set) var roundTripTime: Int64?
  var dtmf = DTMFReceiver()
  /// DTMF events received and not yet taken with ``pollDTMF()``.
  private var dtmfEvents: [DTMFReceiver.Event] = []
  var outgoingDTMF: OutgoingDTMF?
  var packetsSent: UInt32 = 0
  var octetsSent: UInt32 = 0
  /// Packets that did not parse as RTP, or carried a payload type Parley did not negotiate.
  public private(set) var malformed = 0
  public private(set) var unknownPayloadType = 0
  public private(set) var sent = 0
  /// When the packet behind the last decoded frame arrived (µs): the played packet's, or for a frame
  /// recovered from FEC the next packet's; nil for concealment and silence.
  public private(set) var decodedArrival: Int64?

  public init(configuration: LegAudioConfiguration, jitter: JitterBufferConfiguration = .init()) throws {
    self.configuration = configuration
    self.jitter = JitterBuffer(configuration: jitter)
    decoder = try OpusDecoder(sampleRate: .hz48000, channels: .mono)
    encoder = try OpusEncoder(sampleRate: .hz48000, channels: .mono, configuration: configuration.encoder)
    var generator = SystemRandomNumberGenerator()
    sequenceNumber = SequenceNumber(UInt16.random(in: 0...UInt16.max, using: &generator))
    timestamp = RTPTimestamp(UInt32.random(in: 0...UInt32.max, using: &generator))
  }

  /// Takes one decrypted RTP packet that arrived at `arrival`.
  public func receiveRTP(_ packet: UnsafeRawBufferPointer, arrival: Int64) {
    guard let view = try? RTPPacketView(parsing: packet) else {
      malformed += 1
      return
    }
    let payloadType = view.header.payloadType.rawValue
    if payloadType == configuration.telephoneEventPayloadType {
      receiveTelephoneEvent(view, in: packet, arrival: arrival)
      return
    }
    guard payloadType == configuration.opusPayloadType else {
      unknownPayloadType += 1
      return
    }
    if remoteSSRC != view.header.ssrc.rawValue {
      // A new source (first packet, or the peer restarted its stream): its timeline starts afresh.
      if remoteSSRC != nil { jitter.reset() }
      remoteSSRC = view.header.ssrc.rawValue
      reception = ReceiveStatistics(ssrc: view.header.ssrc, clockRate: 48_000)
    }
    _ = reception?.receive(
      sequenceNumber: view.header.sequenceNumber, timestamp: view.header.timestamp, arrival: arrival)
    _ = jitter.insert(
      sequenceNumber: view.header.sequenceNumber.rawValue, timestamp: view.header.timestamp.rawValue,
      arrival: arrival, payload: view.payload(in: packet))
  }

  /// Writes the next 20 ms of the peer's audio into `pcm` (960 samples).
  public func decodeFrame(now: Int64, into pcm: UnsafeMutableBufferPointer<Int16>) -> Frame {
    let frame = UnsafeMutableBufferPointer(rebasing: pcm[0..<Self.frameSamples])
    decodedArrival = nil
    switch jitter.nextDecision(now: now) {
    case .play(let slot):
      let decoded = jitter.withPayload(slot) { payload in (try? decoder.decode(payload, into: frame)) ?? 0 }
      if decoded == Self.frameSamples {
        decodedArrival = slot.arrival
        return .audio
      }
      return conceal(frame)
    case .recoverWithFEC(let next):
      if configuration.peerSendsFEC {
        let recovered = jitter.withPayload(next) { payload in
          (try? decoder.decodeFEC(fromNext: payload, frameSamples: Self.frameSamples, into: frame)) ?? 0
        }
        if recovered == Self.frameSamples {
          decodedArrival = next.arrival
          return .concealed
        }
      }
      return conceal(frame)
    case .conceal, .stretch:
      return conceal(frame)
    case .wait:
      frame.update(repeating: 0)
      return .silence
    }
  }

  /// Encodes 20 ms of PCM (960 samples) as the next RTP packet into `packet`; returns its length.
  public func encodeFrame(_ pcm: UnsafeBufferPointer<Int16>, into packet: UnsafeMutableRawBufferPointer) throws -> Int {
    let header = RTPHeader(
      payloadType: PayloadType(rawValue: configuration.opusPayloadType)!, sequenceNumber: sequenceNumber,
      timestamp: timestamp, ssrc: SSRC(rawValue: configuration.ssrc))
    let headerLength = try header.write(into: packet)
    let payloadLength = try encoder.encode(
      pcm: UnsafeBufferPointer(rebasing: pcm[0..<Self.frameSamples]),
      into: UnsafeMutableRawBufferPointer(rebasing: packet[headerLength...]))
    sequenceNumber += 1
    timestamp += UInt32(Self.frameSamples)
    sent += 1
    packetsSent &+= 1
    octetsSent &+= UInt32(truncatingIfNeeded: payloadLength)
    return headerLength + payloadLength
  }

  /// The next DTMF event received (RFC 4733), oldest first.
  public func pollDTMF() -> DTMFReceiver.Event? {
    dtmfEvents.isEmpty ? nil : dtmfEvents.removeFirst()
  }

  /// Ends a DTMF event whose end packets were all lost; call once per tick.
  public func serviceDTMF(now: Int64) {
    if let event = dtmf.handleTimeout(now: now) { dtmfEvents.append(event) }
  }

  /// The next sequence number of our stream (audio and telephone-event share it).
  func takeSequenceNumber() -> SequenceNumber {
    defer { sequenceNumber += 1 }
    return sequenceNumber
  }

  /// Our RTP timestamp now (the next frame's), for a sender report.
  var currentTimestamp: RTPTimestamp { timestamp }

  func noteRoundTripTime(_ microseconds: Int64) { roundTripTime = microseconds }

  /// Makes the reception report block of this interval (RFC 3550 A.3), if the peer has sent anything.
  func makeReportBlock(now: Int64) -> RTCPReportBlock? { reception?.makeReportBlock(now: now) }

  /// Notes a sender report from the peer (for LSR/DLSR in our reports).
  func receiveSenderReport(ntpTimestamp: NTPTimestamp, arrival: Int64) {
    reception?.receiveSenderReport(ntpTimestamp: ntpTimestamp, arrival: arrival)
  }

  private func receiveTelephoneEvent(_ view: RTPPacketView, in packet: UnsafeRawBufferPointer, arrival: Int64) {
    guard let event = try? TelephoneEvent(parsing: view.payload(in: packet)) else {
      malformed += 1
      return
    }
    for happened in dtmf.receive(
      timestamp: view.header.timestamp, marker: view.header.marker, payload: event, arrival: arrival)
    where dtmfEvents.count < 64 {
      dtmfEvents.append(happened)
    }
  }

  /// Wraps an Opus payload encoded elsewhere (a room's shared encode) as our next RTP packet.
  public func packetize(payload: UnsafeRawBufferPointer, into packet: UnsafeMutableRawBufferPointer) throws -> Int {
    let header = RTPHeader(
      payloadType: PayloadType(rawValue: configuration.opusPayloadType)!, sequenceNumber: sequenceNumber,
      timestamp: timestamp, ssrc: SSRC(rawValue: configuration.ssrc))
    let headerLength = try header.write(into: packet)
    guard let base = payload.baseAddress, headerLength + payload.count <= packet.count else {
      throw RTPError.bufferTooSmall(needed: headerLength + payload.count, have: packet.count)
    }
    (packet.baseAddress! + headerLength).copyMemory(from: base, byteCount: payload.count)
    sequenceNumber += 1
    timestamp += UInt32(Self.frameSamples)
    sent += 1
    packetsSent &+= 1
    octetsSent &+= UInt32(truncatingIfNeeded: payload.count)
    return headerLength + payload.count
  }

  private func conceal(_ frame: UnsafeMutableBufferPointer<Int16>) -> Frame {
    let made = (try? decoder.decodeLoss(frameSamples: Self.frameSamples, into: frame)) ?? 0
    if made < Self.frameSamples { frame.update(repeating: 0) }
    return .concealed
  }
}
