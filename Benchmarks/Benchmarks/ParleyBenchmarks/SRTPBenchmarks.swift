import Benchmark
import ParleySRTP

/// One 20 ms Opus packet's worth of RTP (12-byte header + 80-byte payload), protected then
/// unprotected, as a leg does once per packet in each direction.
func srtpBenchmarks() {
  for profile in [SRTPProtectionProfile.aes128CMHmacSHA1Tag80, .aeadAES128GCM] {
    Benchmark("SRTP protect+unprotect (\(profile.name))") { benchmark in
      let material = (0..<profile.keyingMaterialLength).map { UInt8(truncatingIfNeeded: $0 &* 7) }
      let keys = try SRTPKeyingMaterial(exported: material, profile: profile)
      let sender = try SRTPSession(keyingMaterial: keys, role: .client)
      let receiver = try SRTPSession(keyingMaterial: keys, role: .server)
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 16)
      defer { buffer.deallocate() }
      var sequence: UInt16 = 0
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations {
        buffer.initializeMemory(as: UInt8.self, repeating: 0x55)
        buffer[0] = 0x80
        buffer[1] = 111
        buffer[2] = UInt8(sequence >> 8)
        buffer[3] = UInt8(truncatingIfNeeded: sequence)
        sequence &+= 1
        let protected = try sender.protectRTP(in: buffer, length: 92)
        blackHole(try receiver.unprotectRTP(in: buffer, length: protected))
      }
    }
  }
}
