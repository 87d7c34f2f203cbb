/// A parsed Receiver Report (RFC 3550 §6.4.2, PT 201): offsets into the compound buffer, no allocation.
public struct RTCPReceiverReportView: Hashable, Sendable {
  public internal(set) var header: RTCPHeader
  /// SSRC of the packet sender.
  public internal(set) var ssrc: SSRC

  /// Validates the body: sender SSRC and RC report blocks must fit.
  init(header: RTCPHeader, in bytes: UnsafeRawBufferPointer) throws(RTPError) {
    try header.require(RTCPHeader.size + 4 + RTCPReportBlock.size * Int(header.count))
    self.header = header
    ssrc = SSRC(bytes.u32(at: header.bodyOffset))
  }

  /// The number of report blocks (RC).
  public var reportCount: Int { Int(header.count) }

  /// The report block at `index` (0..<``reportCount``).
  public func reportBlock(at index: Int, in bytes: UnsafeRawBufferPointer) -> RTCPReportBlock {
    precondition(index >= 0 && index < reportCount, "report block index out of range")
    return RTCPReportBlock(reading: bytes, at: header.bodyOffset + 4 + RTCPReportBlock.size * index)
  }

  /// Profile-specific extension bytes after the report blocks (RFC 3550 §6.4.2); usually empty.
  public func profileExtension(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    let start = header.bodyOffset + 4 + RTCPReportBlock.size * reportCount
    return bytes.slice(start, header.offset + header.contentLength - start)
  }
}

/// An owned Receiver Report (RFC 3550 §6.4.2), for building and tests.
public struct RTCPReceiverReport: Hashable, Sendable {
  public var ssrc: SSRC
  public var reportBlocks: [RTCPReportBlock]
  /// Profile-specific extension bytes; a multiple of 4 bytes.
  public var profileExtension: [UInt8]

  public init(ssrc: SSRC, reportBlocks: [RTCPReportBlock] = [], profileExtension: [UInt8] = []) {
    self.ssrc = ssrc
    self.reportBlocks = reportBlocks
    self.profileExtension = profileExtension
  }

  /// Copies a parsed RR.
  public init(_ view: RTCPReceiverReportView, in bytes: UnsafeRawBufferPointer) {
    ssrc = view.ssrc
    reportBlocks = (0..<view.reportCount).map { view.reportBlock(at: $0, in: bytes) }
    profileExtension = Array(view.profileExtension(in: bytes))
  }

  public var serializedSize: Int {
    RTCPHeader.size + 4 + RTCPReportBlock.size * reportBlocks.count + profileExtension.count
  }

  public func write(into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) -> Int {
    try Self.write(ssrc: ssrc, reportBlocks: reportBlocks, profileExtension: profileExtension, into: buffer)
  }

  /// Writes an RR at the start of `buffer` without allocating and returns its size. Throws
  /// ``RTPError/tooManyEntries(count:limit:)`` for more than 31 blocks, ``RTPError/badLength`` when the profile
  /// extension is not a multiple of 4 bytes, and ``RTPError/bufferTooSmall(needed:have:)``.
  public static func write(
    ssrc: SSRC, reportBlocks: some Collection<RTCPReportBlock> = EmptyCollection(),
    profileExtension: some Collection<UInt8> = EmptyCollection(), into buffer: UnsafeMutableRawBufferPointer
  ) throws(RTPError) -> Int {
    try RTCPHeader.checkCount(reportBlocks.count)
    guard profileExtension.count % 4 == 0 else { throw .badLength }
    let size = RTCPHeader.size + 4 + RTCPReportBlock.size * reportBlocks.count + profileExtension.count
    try RTCPHeader.write(
      into: buffer, count: UInt8(truncatingIfNeeded: reportBlocks.count), packetType: .receiverReport, size: size)
    buffer.put(ssrc.rawValue, at: 4)
    var offset = 8
    for block in reportBlocks {
      block.write(into: buffer, at: offset)
      offset += RTCPReportBlock.size
    }
    buffer.put(bytes: profileExtension, at: offset)
    return size
  }
}
