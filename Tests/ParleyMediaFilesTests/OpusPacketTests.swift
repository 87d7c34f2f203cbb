import Testing

@testable import ParleyMediaFiles

@Suite("Opus packet framing (RFC 6716 §3.1, RFC 7845 §4.1)")
struct OpusPacketTests {
  func duration(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBytes { OpusPacket.duration(of: $0) } }

  @Test("durations from the TOC byte")
  func durations() {
    #expect(duration([1 << 3]) == 960)  // SILK NB 20 ms, code 0
    #expect(duration([3 << 3]) == 2880)  // SILK NB 60 ms
    #expect(duration([3 << 3 | 1, 0, 0]) == 5760)  // two 60 ms frames, code 1
    #expect(duration([15 << 3]) == 960)  // hybrid FB 20 ms
    #expect(duration([16 << 3]) == 120)  // CELT NB 2.5 ms
    #expect(duration([31 << 3 | 0x04]) == 960)  // CELT FB 20 ms stereo
    #expect(duration([31 << 3 | 3, 6]) == 5760)  // six 20 ms frames, code 3
    #expect(duration([31 << 3 | 3, 7]) == nil)  // 140 ms
    #expect(duration([16 << 3 | 3, 48]) == 5760)  // 48 × 2.5 ms
    #expect(duration([]) == nil)
  }

  /// The concealment packets for `gap` after a packet with `toc`, and the samples filled.
  func concealment(gap: Int, after toc: UInt8) -> (packets: [[UInt8]], filled: Int) {
    var packets: [[UInt8]] = []
    let filled = OpusPacket.concealment(gap: gap, after: toc) { (toc, frames, samples) throws(Never) in
      let packet = [toc, frames]
      #expect(duration(packet) == samples)
      packets.append(packet)
    }
    return (packets, filled)
  }

  @Test("gaps that are whole frames reuse the previous packet's configuration")
  func wholeFrames() {
    let toc: UInt8 = 15 << 3 | 0x04  // hybrid FB 20 ms stereo, code 0
    let (packets, filled) = concealment(gap: 5 * 960, after: toc)
    #expect(filled == 4800)
    #expect(packets == [[toc | 3, 5]])
    #expect(concealment(gap: 13 * 960, after: toc).packets == [[toc | 3, 6], [toc | 3, 6], [toc | 3, 1]])
  }

  @Test("other gaps use CELT frames of 20, 10, 5 and 2.5 ms; less than 2.5 ms is dropped")
  func celtFill() {
    let silkWideband: UInt8 = 9 << 3  // SILK WB 20 ms
    let (packets, filled) = concealment(gap: 960 + 480 + 120 + 100, after: silkWideband)
    #expect(filled == 1560)
    #expect(packets == [[23 << 3 | 3, 1], [22 << 3 | 3, 1], [20 << 3 | 3, 1]])
    #expect(concealment(gap: 100, after: silkWideband).filled == 0)
    #expect(concealment(gap: 0, after: silkWideband).packets.isEmpty)
  }
}
