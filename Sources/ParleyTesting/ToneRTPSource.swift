import Foundation
public import ParleyOpus
public import ParleyRTP

/// Makes consecutive 20 ms Opus RTP packets of a sine tone (48 kHz, mono), as a phone would send them.
public final class ToneRTPSource {
  public let frequency: Double
  public let payloadType: PayloadType
  public let ssrc: SSRC
  private let encoder: OpusEncoder
  private var sequenceNumber: SequenceNumber
  private var timestamp: RTPTimestamp
  private var sampleIndex = 0
  private var pcm = [Int16](repeating: 0, count: 960)
  private var packet = [UInt8](repeating: 0, count: 1500)

  public init(frequency: Double, payloadType: PayloadType, ssrc: SSRC, amplitude: Double = 10_000) throws {
    self.frequency = frequency
    self.payloadType = payloadType
    self.ssrc = ssrc
    self.amplitude = amplitude
    self.encoder = try OpusEncoder(sampleRate: .hz48000, channels: .mono, configuration: OpusEncoderConfiguration())
    self.sequenceNumber = SequenceNumber(UInt16.random(in: 0...UInt16.max))
    self.timestamp = RTPTimestamp(UInt32.random(in: 0...UInt32.max))
  }

  private let amplitude: Double

  /// The next packet: RTP header + Opus payload of the next 20 ms of the tone.
  public func nextPacket() throws -> [UInt8] {
    for index in 0..<960 {
      let t = Double(sampleIndex + index) / 48_000
      pcm[index] = Int16(amplitude * sin(2 * Double.pi * frequency * t))
    }
    sampleIndex += 960
    let header = RTPHeader(payloadType: payloadType, sequenceNumber: sequenceNumber, timestamp: timestamp, ssrc: ssrc)
    sequenceNumber += 1
    timestamp += 960
    let length = try packet.withUnsafeMutableBytes { buffer in
      let headerLength = try header.write(into: buffer)
      let payload = UnsafeMutableRawBufferPointer(rebasing: buffer[headerLength...])
      let payloadLength = try pcm.withUnsafeBufferPointer { try encoder.encode(pcm: $0, into: payload) }
      return headerLength + payloadLength
    }
    return Array(packet[0..<length])
  }
}

extension ToneRTPSource {
  /// Sends `seconds` of the tone through `send`, one packet every 20 ms on absolute deadlines.
  public func play(seconds: Double, send: ([UInt8]) -> Void) async throws {
    let clock = ContinuousClock()
    var deadline = clock.now
    for _ in 0..<Int(seconds * 50) {
      send(try nextPacket())
      deadline += .milliseconds(20)
      try await clock.sleep(until: deadline)
    }
  }
}
