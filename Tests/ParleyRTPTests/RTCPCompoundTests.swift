import Testing

@testable import ParleyRTP

// A compound packet from a Firefox dump, from pion/rtcp's packet_test.go: RR, SDES, BYE, PLI, RRR (RTPFB FMT 5).
let pionRealPacket: [UInt8] =
  [
    0x81, 0xC9, 0x00, 0x07,  // RR, RC=1, length 7
    0x90, 0x2F, 0x9E, 0x2E,  // SSRC
    0xBC, 0x5E, 0x9A, 0x40,  // block: SSRC
    0x00, 0x00, 0x00, 0x00,  // fraction lost 0, cumulative 0
    0x00, 0x00, 0x46, 0xE1,  // extended highest sequence number
    0x00, 0x00, 0x01, 0x11,  // jitter 273
    0x09, 0xF3, 0x64, 0x32,  // LSR
    0x00, 0x02, 0x4A, 0x79,  // DLSR 150137
    0x81, 0xCA, 0x00, 0x0C,  // SDES, SC=1, length 12
    0x90, 0x2F, 0x9E, 0x2E,
    0x01, 0x26,  // CNAME, 38 bytes
  ] + Array("{9c00eb92-1afb-9d49-a47d-91f64eee69f5}".utf8)
  + [
    0x00, 0x00, 0x00, 0x00,  // END + padding
    0x81, 0xCB, 0x00, 0x01,  // BYE, SC=1
    0x90, 0x2F, 0x9E, 0x2E,
    0x81, 0xCE, 0x00, 0x02,  // PSFB FMT 1 (PLI)
    0x90, 0x2F, 0x9E, 0x2E,
    0x90, 0x2F, 0x9E, 0x2E,
    0x85, 0xCD, 0x00, 0x02,  // RTPFB FMT 5 (RRR): not interpreted
    0x90, 0x2F, 0x9E, 0x2E,
    0x90, 0x2F, 0x9E, 0x2E,
  ]

// Built by hand: SR with one report block, SDES CNAME "parley", BYE with reason "done".
let senderReportCompound: [UInt8] = [
  0x81, 0xC8, 0x00, 0x0C,  // SR, RC=1, length 12 (52 bytes)
  0x11, 0x22, 0x33, 0x44,  // SSRC
  0xE8, 0xF0, 0x12, 0x34,  // NTP seconds
  0x80, 0x00, 0x00, 0x00,  // NTP fraction
  0x00, 0x01, 0xE2, 0x40,  // RTP timestamp 123456
  0x00, 0x00, 0x03, 0xE8,  // packet count 1000
  0x00, 0x02, 0x71, 0x00,  // octet count 160000
  0x55, 0x66, 0x77, 0x88,  // block: SSRC
  0x40, 0xFF, 0xFF, 0xFD,  // fraction lost 64/256, cumulative lost -3
  0x00, 0x01, 0x00, 0x05,  // extended highest sequence number: cycle 1, seq 5
  0x00, 0x00, 0x00, 0x20,  // jitter 32
  0x12, 0x34, 0x56, 0x78,  // LSR
  0x00, 0x01, 0x80, 0x00,  // DLSR 1.5 s
  0x81, 0xCA, 0x00, 0x04,  // SDES, SC=1, length 4 (20 bytes)
  0x11, 0x22, 0x33, 0x44,
  0x01, 0x06, 0x70, 0x61,  // CNAME, 6 bytes, "pa
  0x72, 0x6C, 0x65, 0x79,  // rley"
  0x00, 0x00, 0x00, 0x00,  // END + padding
  0x81, 0xCB, 0x00, 0x03,  // BYE, SC=1, length 3 (16 bytes)
  0x11, 0x22, 0x33, 0x44,
  0x04, 0x64, 0x6F, 0x6E,  // reason, 4 bytes, "don
  0x65, 0x00, 0x00, 0x00,  // e" + padding
]

let expectedBlock = RTCPReportBlock(
  ssrc: 0x5566_7788, fractionLost: 64, cumulativeLost: -3, extendedHighestSequenceNumber: 0x0001_0005, jitter: 32,
  lastSenderReport: 0x1234_5678, delaySinceLastSenderReport: 0x0001_8000)
let expectedSenderInfo = RTCPSenderInfo(
  ntpTimestamp: 0xE8F0_1234_8000_0000, rtpTimestamp: 123456, packetCount: 1000, octetCount: 160000)

@Suite struct RTCPCompoundTests {
  @Test func parsesPionCompoundPacket() throws {
    try withRaw(pionRealPacket) { raw throws in
      let packets = try views(raw)
      try #require(packets.count == 5)

      guard case .receiverReport(let rr) = packets[0] else {
        Issue.record("not RR: \(packets[0])")
        return
      }
      #expect(rr.ssrc == 0x902F_9E2E)
      #expect(rr.reportCount == 1)
      #expect(
        rr.reportBlock(at: 0, in: raw)
          == RTCPReportBlock(
            ssrc: 0xBC5E_9A40, fractionLost: 0, cumulativeLost: 0, extendedHighestSequenceNumber: 0x46E1, jitter: 273,
            lastSenderReport: 0x09F3_6432, delaySinceLastSenderReport: 150137))
      #expect(rr.profileExtension(in: raw).isEmpty)

      guard case .sourceDescription(let sdes) = packets[1] else {
        Issue.record("not SDES")
        return
      }
      #expect(sdes.header.offset == 32)
      var chunks = sdes.chunks(in: raw)
      let chunk = try #require(try chunks.next())
      #expect(chunk.ssrc == 0x902F_9E2E)
      let items = Array(chunk.items(in: raw))
      #expect(items.count == 1)
      #expect(items.first?.type == .cname)
      #expect(items.first?.text(in: raw) == "{9c00eb92-1afb-9d49-a47d-91f64eee69f5}")
      #expect(try chunks.next() == nil)

      guard case .bye(let bye) = packets[2] else {
        Issue.record("not BYE")
        return
      }
      #expect(bye.sourceCount == 1)
      #expect(bye.source(at: 0, in: raw) == 0x902F_9E2E)
      #expect(bye.reason(in: raw) == nil)

      guard case .payloadSpecificFeedback(let pli) = packets[3] else {
        Issue.record("not PSFB")
        return
      }
      #expect(pli.format == 1)
      #expect(pli.senderSSRC == 0x902F_9E2E)
      #expect(pli.mediaSSRC == 0x902F_9E2E)
      #expect(pli.feedbackControlInformation(in: raw).isEmpty)

      guard case .unknown(let rrr) = packets[4] else {
        Issue.record("not unknown")
        return
      }
      #expect(rrr.header.packetType == .transportFeedback)
      #expect(rrr.header.count == 5)
      #expect(rrr.header.offset == 104)
      #expect(rrr.body(in: raw).count == 8)
      #expect(try RTCPCompoundIterator.validate(raw) == 5)
    }
  }

  @Test func parsesSenderReportSDESAndBYE() throws {
    try withRaw(senderReportCompound) { raw throws in
      let packets = try views(raw)
      try #require(packets.count == 3)
      guard case .senderReport(let sr) = packets[0] else {
        Issue.record("not SR")
        return
      }
      #expect(sr.ssrc == 0x1122_3344)
      #expect(sr.senderInfo == expectedSenderInfo)
      #expect(sr.senderInfo.compactNTPTimestamp == 0x1234_8000)
      #expect(sr.reportCount == 1)
      #expect(sr.reportBlock(at: 0, in: raw) == expectedBlock)

      guard case .sourceDescription(let sdes) = packets[1] else {
        Issue.record("not SDES")
        return
      }
      #expect(sdes.chunkCount == 1)
      var chunks = sdes.chunks(in: raw)
      let chunk = try #require(try chunks.next())
      #expect(chunk.ssrc == 0x1122_3344)
      #expect(chunk.items(in: raw).map { $0.text(in: raw) } == ["parley"])

      guard case .bye(let bye) = packets[2] else {
        Issue.record("not BYE")
        return
      }
      #expect(bye.source(at: 0, in: raw) == 0x1122_3344)
      #expect(bye.reason(in: raw).map { String(decoding: $0, as: UTF8.self) } == "done")
    }
  }

  @Test(arguments: [pionRealPacket, senderReportCompound, transportFeedbackExample, appWithPadding])
  func compoundRoundTripsByteForByte(bytes: [UInt8]) throws {
    let packets = try RTCPPacket.parseCompound(bytes)
    #expect(try RTCPPacket.serializeCompound(packets) == bytes)
  }

  @Test func ownedPacketsOfTheSRCompound() throws {
    let packets = try RTCPPacket.parseCompound(senderReportCompound)
    #expect(
      packets == [
        .senderReport(
          RTCPSenderReport(ssrc: 0x1122_3344, senderInfo: expectedSenderInfo, reportBlocks: [expectedBlock])),
        .sourceDescription(
          RTCPSourceDescription(chunks: [.init(ssrc: 0x1122_3344, items: [.cname("parley")])])),
        .bye(RTCPBye(sources: [0x1122_3344], reason: "done")),
      ])
  }

  @Test func allocationFreeWritersReproduceTheSRCompound() throws {
    let bytes = try written { buffer in
      var writer = RTCPCompoundWriter(into: buffer)
      try writer.append {
        try RTCPSenderReport.write(
          ssrc: 0x1122_3344, senderInfo: expectedSenderInfo, reportBlocks: CollectionOfOne(expectedBlock), into: $0)
      }
      try writer.append { try RTCPSourceDescription.writeCNAME(ssrc: 0x1122_3344, cname: "parley".utf8, into: $0) }
      try writer.append {
        try RTCPBye.write(sources: CollectionOfOne(SSRC(0x1122_3344)), reason: "done".utf8, into: $0)
      }
      return writer.count
    }
    #expect(bytes == senderReportCompound)
  }

  @Test func receiverReportAndPLIWriters() throws {
    let bytes = try written { buffer in
      var writer = RTCPCompoundWriter(into: buffer)
      try writer.append(.receiverReport(RTCPReceiverReport(ssrc: 0x902F_9E2E)))
      try writer.append(.payloadSpecificFeedback(.pictureLossIndication(senderSSRC: 1, mediaSSRC: 2)))
      try writer.append(.bye(RTCPBye(sources: [])))
      return writer.count
    }
    #expect(
      bytes == [
        0x80, 0xC9, 0x00, 0x01, 0x90, 0x2F, 0x9E, 0x2E,
        0x81, 0xCE, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,
        0x80, 0xCB, 0x00, 0x00,
      ])
  }

  @Test func cumulativeLostIsSignedAndClamped() throws {
    var block = expectedBlock
    block.cumulativeLost = 0x7F_FFFF
    #expect(try roundTrip(block).cumulativeLost == 0x7F_FFFF)
    block.cumulativeLost = -0x80_0000
    #expect(try roundTrip(block).cumulativeLost == -0x80_0000)
    block.cumulativeLost = 10_000_000
    #expect(try roundTrip(block).cumulativeLost == 0x7F_FFFF)
    block.cumulativeLost = -10_000_000
    #expect(try roundTrip(block).cumulativeLost == -0x80_0000)
  }

  private func roundTrip(_ block: RTCPReportBlock) throws -> RTCPReportBlock {
    let bytes = try RTCPPacket.serializeCompound([.receiverReport(RTCPReceiverReport(ssrc: 1, reportBlocks: [block]))])
    guard case .receiverReport(let rr) = try RTCPPacket.parseCompound(bytes).first else { throw RTPError.badLength }
    return try #require(rr.reportBlocks.first)
  }
}
