import ParleyRTP

/// RTCP for one leg (RFC 3550 §6): a sender report with our reception report and an SDES CNAME out,
/// sender/receiver reports in (for LSR/DLSR and the round-trip time). Time and wallclock are arguments.
extension LegAudio {
  /// Writes a compound SR + SDES packet into `buffer`; returns its length.
  /// - Parameters:
  ///   - now: monotonic µs (for DLSR).
  ///   - wallclock: µs since the Unix epoch (for the SR's NTP timestamp).
  public func makeRTCP(now: Int64, wallclock: Int64, cname: String, into buffer: UnsafeMutableRawBufferPointer) throws
    -> Int
  {
    let ssrc = SSRC(rawValue: configuration.ssrc)
    let info = RTCPSenderInfo(
      ntpTimestamp: NTPTimestamp(microsecondsSinceUnixEpoch: wallclock).rawValue, rtpTimestamp: currentTimestamp,
      packetCount: packetsSent, octetCount: octetsSent)
    let block = makeReportBlock(now: now)
    var writer = RTCPCompoundWriter(into: buffer)
    try writer.append {
      try RTCPSenderReport.write(ssrc: ssrc, senderInfo: info, reportBlocks: block.map { [$0] } ?? [], into: $0)
    }
    try writer.append { try RTCPSourceDescription.writeCNAME(ssrc: ssrc, cname: cname.utf8, into: $0) }
    return writer.count
  }

  /// Takes a decrypted RTCP compound packet from the peer.
  public func receiveRTCP(_ packet: UnsafeRawBufferPointer, arrival: Int64, wallclock: Int64) {
    var iterator = RTCPCompoundIterator(packet)
    let arrivalCompact = NTPTimestamp(microsecondsSinceUnixEpoch: wallclock).compact
    while let next = try? iterator.next() {
      switch next {
      case .senderReport(let report):
        receiveSenderReport(ntpTimestamp: NTPTimestamp(rawValue: report.senderInfo.ntpTimestamp), arrival: arrival)
        for index in 0..<report.reportCount { noteReport(report.reportBlock(at: index, in: packet), arrivalCompact) }
      case .receiverReport(let report):
        for index in 0..<report.reportCount { noteReport(report.reportBlock(at: index, in: packet), arrivalCompact) }
      default:
        continue
      }
    }
  }

  private func noteReport(_ block: RTCPReportBlock, _ arrival: UInt32) {
    guard block.ssrc.rawValue == configuration.ssrc, let rtt = RoundTripTime(reportBlock: block, arrival: arrival)
    else { return }
    noteRoundTripTime(rtt.microseconds)
  }
}
