/// The sender information of an SR (RFC 3550 §6.4.1).
public struct RTCPSenderInfo: Hashable, Sendable {
  public static let size = 20

  /// Wallclock time of the report as a 64-bit NTP timestamp (32.32 fixed point seconds since 1900).
  public var ntpTimestamp: UInt64
  /// The same instant in the stream's RTP clock.
  public var rtpTimestamp: RTPTimestamp
  /// RTP data packets sent since the stream started.
  public var packetCount: UInt32
  /// RTP payload octets sent since the stream started.
  public var octetCount: UInt32

  public init(ntpTimestamp: UInt64, rtpTimestamp: RTPTimestamp, packetCount: UInt32, octetCount: UInt32) {
    self.ntpTimestamp = ntpTimestamp
    self.rtpTimestamp = rtpTimestamp
    self.packetCount = packetCount
    self.octetCount = octetCount
  }

  /// The middle 32 bits of the NTP timestamp: what a receiver echoes as LSR (RFC 3550 §6.4.1).
  public var compactNTPTimestamp: UInt32 { UInt32(truncatingIfNeeded: ntpTimestamp >> 16) }
}

/// A parsed Sender Report (RFC 3550 §6.4.1, PT 200): offsets into the compound buffer, no allocation.
public struct RTCPSenderReportView: Hashable, Sendable {
  public internal(set) var header: RTCPHeader
  public internal(set) var ssrc: SSRC
  public internal(set) var senderInfo: RTCPSenderInfo

  /// Validates the body: sender SSRC, sender info and RC report blocks must fit.
  init(header: RTCPHeader, in bytes: UnsafeRawBufferPointer) throws(RTPError) {
    try header.require(RTCPHeader.size + 4 + RTCPSenderInfo.size + RTCPReportBlock.size * Int(header.count))
    self.header = header
    let body = header.bodyOffset
    ssrc = SSRC(bytes.u32(at: body))
    senderInfo = RTCPSenderInfo(
      ntpTimestamp: bytes.u64(at: body + 4), rtpTimestamp: RTPTimestamp(bytes.u32(at: body + 12)),
      packetCount: bytes.u32(at: body + 16), octetCount: bytes.u32(at: body + 20))
  }

  /// The number of report blocks (RC).
  public var reportCount: Int { Int(header.count) }

  /// The report block at `index` (0..<``reportCount``).
  public func reportBlock(at index: Int, in bytes: UnsafeRawBufferPointer) -> RTCPReportBlock {
    precondition(index >= 0 && index < reportCount, "report block index out of range")
    return RTCPReportBlock(reading: bytes, at: blocksOffset + RTCPReportBlock.size * index)
  }

  /// Profile-specific extension bytes after the report blocks (RFC 3550 §6.4.1); usually empty.
  public func profileExtension(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    let start = blocksOffset + RTCPReportBlock.size * reportCount
    return bytes.slice(start, header.offset + header.contentLength - start)
  }

  private var blocksOffset: Int { header.bodyOffset + 4 + RTCPSenderInfo.size }
}

/// An owned Sender Report (RFC 3550 §6.4.1), for building and tests.
public struct RTCPSenderReport: Hashable, Sendable {
  public var ssrc: SSRC
  public var senderInfo: RTCPSenderInfo
  public var reportBlocks: [RTCPReportBlock]
  /// Profile-specific extension bytes; a multiple of 4 bytes.
  public var profileExtension: [UInt8]

  public init(
    ssrc: SSRC, senderInfo: RTCPSenderInfo, reportBlocks: [RTCPReportBlock] = [], profileExtension: [UInt8] = []
  ) {
    self.ssrc = ssrc
    self.senderInfo = senderInfo
    self.reportBlocks = reportBlocks
    self.profileExtension = profileExtension
  }

  /// Copies a parsed SR.
  public init(_ view: RTCPSenderReportView, in bytes: UnsafeRawBufferPointer) {
    ssrc = view.ssrc
    senderInfo = view.senderInfo
    reportBlocks = (0..<view.reportCount).map { view.reportBlock(at: $0, in: bytes) }
    profileExtension = Array(view.profileExtension(in: bytes))
  }

  public var serializedSize: Int {
    RTCPHeader.size + 4 + RTCPSenderInfo.size + RTCPReportBlock.size * reportBlocks.count + profileExtension.count
  }

  public func write(into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) -> Int {
    try Self.write(
      ssrc: ssrc, senderInfo: senderInfo, reportBlocks: reportBlocks, profileExtension: profileExtension, into: buffer)
  }

  /// Writes an SR at the start of `buffer` without allocating and returns its size. Throws
  /// ``RTPError/tooManyEntries(count:limit:)`` for more than 31 blocks, ``RTPError/badLength`` when the profile
  /// extension is not a multiple of 4 bytes, and ``RTPError/bufferTooSmall(needed:have:)``.
  public static func write(
    ssrc: SSRC, senderInfo: RTCPSenderInfo, reportBlocks: some Collection<RTCPReportBlock> = EmptyCollection(),
    profileExtension: some Collection<UInt8> = EmptyCollection(), into buffer: UnsafeMutableRawBufferPointer
  ) throws(RTPError) -> Int {
    try RTCPHeader.checkCount(reportBlocks.count)
    guard profileExtension.count % 4 == 0 else { throw .badLength }
    let size =
      RTCPHeader.size + 4 + RTCPSenderInfo.size + RTCPReportBlock.size * reportBlocks.count + profileExtension.count
    try RTCPHeader.write(
      into: buffer, count: UInt8(truncatingIfNeeded: reportBlocks.count), packetType: .senderReport, size: size)
    buffer.put(ssrc.rawValue, at: 4)
    buffer.put(senderInfo.ntpTimestamp, at: 8)
    buffer.put(senderInfo.rtpTimestamp.rawValue, at: 16)
    buffer.put(senderInfo.packetCount, at: 20)
    buffer.put(senderInfo.octetCount, at: 24)
    var offset = 28
    for block in reportBlocks {
      block.write(into: buffer, at: offset)
      offset += RTCPReportBlock.size
    }
    buffer.put(bytes: profileExtension, at: offset)
    return size
  }
}
