/// A reception report block of an SR or RR (RFC 3550 §6.4.1): 24 bytes about one source.
///
/// ```
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                 SSRC_1 (SSRC of first source)                 |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | fraction lost |       cumulative number of packets lost       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           extended highest sequence number received           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      interarrival jitter                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         last SR (LSR)                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                   delay since last SR (DLSR)                  |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// ```
public struct RTCPReportBlock: Hashable, Sendable {
  public static let size = 24
  /// The range of the signed 24-bit cumulative loss field.
  public static let cumulativeLostRange: ClosedRange<Int32> = -0x80_0000...0x7F_FFFF

  public var ssrc: SSRC
  /// Fraction of packets lost since the last report, in 1/256 units.
  public var fractionLost: UInt8
  /// Packets lost since the beginning of reception (signed 24 bits on the wire; clamped when written).
  public var cumulativeLost: Int32
  /// Cycles (high 16 bits) and highest sequence number received (low 16 bits).
  public var extendedHighestSequenceNumber: UInt32
  /// Interarrival jitter in timestamp units.
  public var jitter: UInt32
  /// The middle 32 bits of the NTP timestamp of the last SR from this source; 0 when none.
  public var lastSenderReport: UInt32
  /// Delay since that SR in 1/65536 seconds; 0 when none.
  public var delaySinceLastSenderReport: UInt32

  public init(
    ssrc: SSRC, fractionLost: UInt8, cumulativeLost: Int32, extendedHighestSequenceNumber: UInt32, jitter: UInt32,
    lastSenderReport: UInt32, delaySinceLastSenderReport: UInt32
  ) {
    self.ssrc = ssrc
    self.fractionLost = fractionLost
    self.cumulativeLost = cumulativeLost
    self.extendedHighestSequenceNumber = extendedHighestSequenceNumber
    self.jitter = jitter
    self.lastSenderReport = lastSenderReport
    self.delaySinceLastSenderReport = delaySinceLastSenderReport
  }

  /// Reads a block at `offset`; the caller has checked that 24 bytes are there.
  init(reading bytes: UnsafeRawBufferPointer, at offset: Int) {
    ssrc = SSRC(bytes.u32(at: offset))
    let lossWord = bytes.u32(at: offset + 4)
    fractionLost = UInt8(truncatingIfNeeded: lossWord >> 24)
    cumulativeLost = Int32(bitPattern: lossWord << 8) >> 8  // sign-extend 24 bits
    extendedHighestSequenceNumber = bytes.u32(at: offset + 8)
    jitter = bytes.u32(at: offset + 12)
    lastSenderReport = bytes.u32(at: offset + 16)
    delaySinceLastSenderReport = bytes.u32(at: offset + 20)
  }

  /// Writes the block at `offset`; the caller has checked that 24 bytes are there.
  func write(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
    let lost = min(max(cumulativeLost, Self.cumulativeLostRange.lowerBound), Self.cumulativeLostRange.upperBound)
    buffer.put(ssrc.rawValue, at: offset)
    buffer.put(UInt32(fractionLost) << 24 | UInt32(bitPattern: lost) & 0x00FF_FFFF, at: offset + 4)
    buffer.put(extendedHighestSequenceNumber, at: offset + 8)
    buffer.put(jitter, at: offset + 12)
    buffer.put(lastSenderReport, at: offset + 16)
    buffer.put(delaySinceLastSenderReport, at: offset + 20)
  }
}
