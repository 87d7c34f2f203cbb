import ParleyOpus

/// Encodes and decodes whole signals frame by frame through the wrappers under test.
enum OpusTestSupport {
  /// Splits `pcm` into frames of `frameSamples × channels` and encodes each into its own packet.
  static func encode(_ pcm: [Int16], with encoder: OpusEncoder, frameSamples: Int) throws -> [[UInt8]] {
    let frameLength = frameSamples * encoder.channels.count
    var packets: [[UInt8]] = []
    var output = [UInt8](repeating: 0, count: OpusEncoder.maxPacketSize)
    for start in stride(from: 0, to: pcm.count - frameLength + 1, by: frameLength) {
      let length = try pcm[start..<start + frameLength].withUnsafeBufferPointer { frame in
        try output.withUnsafeMutableBytes { try encoder.encode(pcm: frame, into: $0) }
      }
      packets.append(Array(output[0..<length]))
    }
    return packets
  }

  /// Decodes `packet` and returns the PCM and the samples per channel the decoder reported.
  static func decode(_ packet: [UInt8], with decoder: OpusDecoder) throws -> (pcm: [Int16], samples: Int) {
    var pcm = [Int16](repeating: 0, count: decoder.maxFrameSamples * decoder.channels.count)
    let samples = try packet.withUnsafeBytes { bytes in
      try pcm.withUnsafeMutableBufferPointer { try decoder.decode(bytes, into: $0) }
    }
    return (Array(pcm[0..<samples * decoder.channels.count]), samples)
  }
}
