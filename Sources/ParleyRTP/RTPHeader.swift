/// The fixed fields of an RTP header (RFC 3550 §5.1) that a sender chooses per packet.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           timestamp                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           synchronization source (SSRC) identifier            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |            contributing source (CSRC) identifiers             |
/// |                             ....                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// The P, X and CC bits describe the rest of the packet; a parsed packet records them in ``RTPPacketView``.
public struct RTPHeader: Hashable, Sendable {
  /// Size of the fixed header, without CSRCs or extension.
  public static let fixedSize = 12
  /// The only RTP version: 2.
  public static let version: UInt8 = 2
  /// The most CSRCs the 4-bit CC field can count.
  public static let maximumCSRCCount = 15

  public var marker: Bool
  public var payloadType: PayloadType
  public var sequenceNumber: SequenceNumber
  public var timestamp: RTPTimestamp
  public var ssrc: SSRC

  public init(
    marker: Bool = false, payloadType: PayloadType, sequenceNumber: SequenceNumber, timestamp: RTPTimestamp,
    ssrc: SSRC
  ) {
    self.marker = marker
    self.payloadType = payloadType
    self.sequenceNumber = sequenceNumber
    self.timestamp = timestamp
    self.ssrc = ssrc
  }

  /// Writes the fixed header followed by `csrcs` at the start of `buffer` and returns the bytes written
  /// (12 + 4 × CSRC count). Sets the X bit when `hasExtension` (write the extension block next, e.g. with a
  /// ``HeaderExtensionWriter``) and the P bit when `hasPadding` (the caller appends the padding). Allocation-free.
  public func write(
    into buffer: UnsafeMutableRawBufferPointer, csrcs: some Collection<SSRC> = EmptyCollection(),
    hasExtension: Bool = false, hasPadding: Bool = false
  ) throws(RTPError) -> Int {
    let csrcCount = csrcs.count
    guard csrcCount <= Self.maximumCSRCCount else {
      throw .tooManyEntries(count: csrcCount, limit: Self.maximumCSRCCount)
    }
    let size = Self.fixedSize + 4 * csrcCount
    try buffer.require(size)
    var first = Self.version << 6 | UInt8(truncatingIfNeeded: csrcCount)
    if hasPadding { first |= 0x20 }
    if hasExtension { first |= 0x10 }
    buffer.put(first, at: 0)
    buffer.put((marker ? 0x80 : 0) | payloadType.rawValue, at: 1)
    buffer.put(sequenceNumber.rawValue, at: 2)
    buffer.put(timestamp.rawValue, at: 4)
    buffer.put(ssrc.rawValue, at: 8)
    var offset = Self.fixedSize
    for csrc in csrcs {
      buffer.put(csrc.rawValue, at: offset)
      offset += 4
    }
    return size
  }
}
