import Testing

@testable import ParleyRTP

// libwebrtc nack_unittest.cc kPacket: sender 0x12345678, media 0x23456789, PID 0 BLP 0x8085 = lost {0,1,3,8,16}.
let nackPacket: [UInt8] = [
  0x81, 0xCD, 0x00, 0x03,
  0x12, 0x34, 0x56, 0x78,
  0x23, 0x45, 0x67, 0x89,
  0x00, 0x00, 0x80, 0x85,
]

// libwebrtc kWrapPacket: lost {0xffdc, 0xffec, 0xfffe, 0xffff, 0x0000, 0x0001, 0x0003, 0x0014, 0x0064}.
let nackWrapPacket: [UInt8] = [
  0x81, 0xCD, 0x00, 0x06,
  0x12, 0x34, 0x56, 0x78,
  0x23, 0x45, 0x67, 0x89,
  0xFF, 0xDC, 0x80, 0x00,
  0xFF, 0xFE, 0x00, 0x17,
  0x00, 0x14, 0x00, 0x00,
  0x00, 0x64, 0x00, 0x00,
]
let nackWrapList: [SequenceNumber] = [0xFFDC, 0xFFEC, 0xFFFE, 0xFFFF, 0x0000, 0x0001, 0x0003, 0x0014, 0x0064]

// pion/rtcp transport_layer_cc_test.go "example1": P=1 FMT=15, one padding byte.
let transportFeedbackExample: [UInt8] = [
  0xAF, 0xCD, 0x00, 0x05,
  0xFA, 0x17, 0xFA, 0x17,
  0x43, 0x03, 0x2F, 0xA0,
  0x00, 0x99, 0x00, 0x01,
  0x3D, 0xE8, 0x02, 0x17,
  0x20, 0x01, 0x94, 0x01,
]

// APP (PT 204) with subtype 3 and 4 bytes of RTCP padding, alone in its compound packet.
let appWithPadding: [UInt8] = [
  0xA3, 0xCC, 0x00, 0x03,
  0x11, 0x22, 0x33, 0x44,
  0x50, 0x52, 0x4C, 0x59,  // "PRLY"
  0x00, 0x00, 0x00, 0x04,
]

@Suite struct RTCPFeedbackTests {
  @Test func genericNACKExpandsBLPBits() throws {
    try withRaw(nackPacket) { raw throws in
      guard case .genericNACK(let nack) = try views(raw).first else {
        Issue.record("not a NACK")
        return
      }
      #expect(nack.senderSSRC == 0x1234_5678)
      #expect(nack.mediaSSRC == 0x2345_6789)
      #expect(nack.itemCount == 1)
      #expect(nack.item(at: 0, in: raw) == NACKItem(packetID: 0, lostBitmask: 0x8085))
      #expect(nack.lostSequenceNumbers(in: raw) == [0, 1, 3, 8, 16])
    }
  }

  @Test func genericNACKAcrossTheWrap() throws {
    try withRaw(nackWrapPacket) { raw throws in
      guard case .genericNACK(let nack) = try views(raw).first else {
        Issue.record("not a NACK")
        return
      }
      #expect(nack.itemCount == 4)
      #expect(nack.lostSequenceNumbers(in: raw) == nackWrapList)
    }
  }

  @Test func genericNACKIsBuiltFromTheLostList() throws {
    let nack = RTCPGenericNACK(senderSSRC: 0x1234_5678, mediaSSRC: 0x2345_6789, lost: nackWrapList)
    #expect(nack.items.count == 4)
    #expect(try RTCPPacket.serializeCompound([.genericNACK(nack)]) == nackWrapPacket)
    let simple = RTCPGenericNACK(senderSSRC: 0x1234_5678, mediaSSRC: 0x2345_6789, lost: [0, 1, 3, 8, 16])
    #expect(try RTCPPacket.serializeCompound([.genericNACK(simple)]) == nackPacket)
    #expect(Array(NACKItem(packetID: 65535, lostBitmask: 0x0001).lostSequenceNumbers) == [65535, 0])
    #expect(throws: RTPError.noEntries) {
      try RTCPPacket.serializeCompound([.genericNACK(RTCPGenericNACK(senderSSRC: 1, mediaSSRC: 2, items: []))])
    }
  }

  @Test func transportWideFeedbackFixedFieldsAndRawFCI() throws {
    try withRaw(transportFeedbackExample) { raw throws in
      guard case .transportWideFeedback(let feedback) = try views(raw).first else {
        Issue.record("not transport-cc")
        return
      }
      #expect(feedback.header.hasPadding)
      #expect(feedback.header.paddingLength == 1)
      #expect(feedback.senderSSRC == 4_195_875_351)
      #expect(feedback.mediaSSRC == 1_124_282_272)
      #expect(feedback.baseSequenceNumber == 153)
      #expect(feedback.packetStatusCount == 1)
      #expect(feedback.referenceTime == 4_057_090)
      #expect(feedback.feedbackPacketCount == 23)
      #expect(Array(feedback.feedbackControlInformation(in: raw)) == [0x20, 0x01, 0x94])
    }
  }

  @Test func transportWideFeedbackReferenceTimeIsSigned() throws {
    var bytes = transportFeedbackExample
    bytes.replaceSubrange(16..<19, with: [0x80, 0x00, 0x00])
    let packets = try RTCPPacket.parseCompound(bytes)
    guard case .transportWideFeedback(let feedback) = packets.first else {
      Issue.record("not transport-cc")
      return
    }
    #expect(feedback.referenceTime == -8_388_608)
    #expect(try RTCPPacket.serializeCompound(packets) == bytes)
    bytes.replaceSubrange(16..<19, with: [0xFF, 0xFF, 0xFF])
    guard case .transportWideFeedback(let minusOne) = try RTCPPacket.parseCompound(bytes).first else { return }
    #expect(minusOne.referenceTime == -1)
  }

  @Test func unknownTypeWithPaddingIsCarriedRaw() throws {
    try withRaw(appWithPadding) { raw throws in
      guard case .unknown(let app) = try views(raw).first else {
        Issue.record("not unknown")
        return
      }
      #expect(app.header.packetType == .application)
      #expect(app.header.count == 3)
      #expect(app.header.paddingLength == 4)
      #expect(Array(app.body(in: raw)) == [0x11, 0x22, 0x33, 0x44, 0x50, 0x52, 0x4C, 0x59])
    }
    let raw = RTCPRawPacket(packetType: .extendedReport, count: 0, payload: [1, 2, 3, 4])
    #expect(try RTCPPacket.serializeCompound([.unknown(raw)]) == [0x80, 0xCF, 0x00, 0x01, 1, 2, 3, 4])
    let misaligned = RTCPRawPacket(packetType: .application, count: 0, payload: [1, 2, 3])
    #expect(throws: RTPError.badLength) { try RTCPPacket.serializeCompound([.unknown(misaligned)]) }
  }
}
