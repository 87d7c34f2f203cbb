import Benchmark
import ParleySRTP

/// One 20 ms Opus packet's worth of RTP (12-byte header + 80-byte payload), protected then unprotected, as a
/// leg does once per packet in each direction, in steady state: the sessions live across samples, so each
/// sample is the n-th packet of a stream, not the first (libsrtp's first packet per SSRC sets the stream up).
///
/// A ceiling, not a zero budget: Debian's libsrtp2 is built on NSS, which creates a cipher context inside
/// every protect and unprotect (see ``SRTPSession``); the malloc count here is NSS's, not Parley's (on Debian
/// 12: 14 per AES-CM/HMAC operation, 5 per AES-GCM one). Exact: any allocation of Parley's shows.
func srtpBenchmarks() {
  for profile in [SRTPProtectionProfile.aes128CMHmacSHA1Tag80, .aeadAES128GCM] {
    Benchmark(
      "SRTP protect+unprotect (\(profile.name))", configuration: .allocationCeiling(relative: 0),
      closure: { benchmark, pair in
        for _ in benchmark.scaledIterations { blackHole(try pair.roundTrip()) }
      },
      setup: { try SRTPPair(profile: profile) })
  }
}

/// A sender and a receiver keyed alike, and the packet they pass.
final class SRTPPair {
  let sender: SRTPSession
  let receiver: SRTPSession
  let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 16)
  private var sequence: UInt16 = 0

  init(profile: SRTPProtectionProfile) throws {
    let material = (0..<profile.keyingMaterialLength).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    let keys = try SRTPKeyingMaterial(exported: material, profile: profile)
    sender = try SRTPSession(keyingMaterial: keys, role: .client)
    receiver = try SRTPSession(keyingMaterial: keys, role: .server)
    for _ in 0..<10 { _ = try roundTrip() }
  }

  deinit { buffer.deallocate() }

  func roundTrip() throws -> Int {
    buffer.initializeMemory(as: UInt8.self, repeating: 0x55)
    buffer[0] = 0x80
    buffer[1] = 111
    buffer[2] = UInt8(sequence >> 8)
    buffer[3] = UInt8(truncatingIfNeeded: sequence)
    sequence &+= 1
    let protected = try sender.protectRTP(in: buffer, length: 92)
    return try receiver.unprotectRTP(in: buffer, length: protected)
  }
}
