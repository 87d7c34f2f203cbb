/// What an Ogg muxer needs to know about an Opus packet without decoding it: its duration from the
/// TOC byte (RFC 6716 §3.1, §3.2), and the packets that fill a gap (RFC 7845 §4.1).
enum OpusPacket {
  /// The longest packet, in samples at 48 kHz (RFC 6716 §3.2.5: at most 120 ms).
  static let maxDuration = 5760
  /// Gaps are repairable in steps of 2.5 ms (RFC 7845 §4.1), 120 samples at 48 kHz.
  static let gapGranularity = 120

  /// The frame size, in samples at 48 kHz, that TOC configuration `config` (0…31) codes
  /// (RFC 6716 §3.1, table 2): SILK 10/20/40/60 ms, hybrid 10/20 ms, CELT 2.5/5/10/20 ms.
  static func frameSamples(config: Int) -> Int {
    switch config {
    case 0..<12: config % 4 < 2 ? 480 << (config % 4) : 1920 + 960 * (config % 4 - 2)  // 10, 20, 40, 60 ms
    case 12..<16: 480 << (config % 2)  // 10, 20 ms
    default: 120 << (config % 4)  // 2.5, 5, 10, 20 ms
    }
  }

  /// The packet's duration in samples at 48 kHz, or `nil` when it is not a well-formed Opus packet:
  /// empty, a code 3 packet without its frame count byte or with zero frames, or longer than 120 ms
  /// (RFC 6716 §3.2, requirements R1, R5).
  static func duration(of packet: UnsafeRawBufferPointer) -> Int? {
    guard packet.count > 0 else { return nil }
    let toc = packet[0]
    let frames: Int
    switch toc & 0x03 {
    case 0: frames = 1
    case 1, 2: frames = 2
    default:
      guard packet.count >= 2 else { return nil }
      frames = Int(packet[1] & 0x3F)
    }
    let duration = frames * frameSamples(config: Int(toc >> 3))
    guard frames > 0, duration <= maxDuration else { return nil }
    return duration
  }

  /// Calls `body` with each packet that conceals `gap` samples (rounded down to 2.5 ms) following a
  /// packet whose TOC byte was `toc`, as RFC 7845 §4.1 recommends: each packet is a TOC byte and a
  /// frame count (a code 3 packet, RFC 6716 §3.2.5) of zero-length frames, which a decoder answers
  /// with packet loss concealment. The frames have `toc`'s mode, bandwidth and size when whole frames
  /// of that size fill the gap; otherwise CELT frames of 20 ms and then 10, 5 and 2.5 ms fill it.
  ///
  /// - Returns: the samples concealed (`gap` rounded down to a multiple of 120).
  static func concealment<E: Error>(
    gap: Int, after toc: UInt8, _ body: (_ toc: UInt8, _ frameCount: UInt8, _ samples: Int) throws(E) -> Void
  ) throws(E) -> Int {
    var remaining = gap - gap % gapGranularity
    guard remaining > 0 else { return 0 }
    let filled = remaining
    let config = Int(toc >> 3)
    let stereo = toc & 0x04
    let size = frameSamples(config: config)
    if remaining % size == 0 {
      try emit(&remaining, config: config, size: size, stereo: stereo, body)
    } else {
      // CELT configurations 16…31: NB, WB, SWB, FB in groups of four sizes (RFC 6716 §3.1, table 2).
      let celtBase: Int =
        switch config {
        case 0..<4, 16..<20: 16  // narrowband
        case 4..<12, 20..<24: 20  // mediumband has no CELT mode: use wideband
        case 12..<14, 24..<28: 24  // super-wideband
        default: 28  // fullband
        }
      for index in (0..<4).reversed() {
        try emit(
          &remaining, config: celtBase + index, size: frameSamples(config: celtBase + index), stereo: stereo, body)
      }
    }
    return filled
  }

  /// Emits as many code 3 packets of zero-length `size` frames as fit in `remaining`.
  private static func emit<E: Error>(
    _ remaining: inout Int, config: Int, size: Int, stereo: UInt8,
    _ body: (_ toc: UInt8, _ frameCount: UInt8, _ samples: Int) throws(E) -> Void
  ) throws(E) {
    let perPacket = maxDuration / size
    let toc = UInt8(config << 3) | stereo | 0x03
    while remaining >= size {
      let frames = min(perPacket, remaining / size)
      try body(toc, UInt8(frames), frames * size)
      remaining -= frames * size
    }
  }
}
