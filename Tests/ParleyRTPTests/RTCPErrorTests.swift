import Testing

@testable import ParleyRTP

/// The error the compound iterator throws for `bytes` (walking SDES chunks too), or `nil`.
func compoundError(_ bytes: [UInt8]) -> RTPError? {
  withRaw(bytes) { raw -> RTPError? in
    do throws(RTPError) {
      _ = try RTCPCompoundIterator.validate(raw)
      return nil
    } catch {
      return error
    }
  }
}

@Suite struct RTCPErrorTests {
  @Test func commonHeaderErrors() {
    #expect(compoundError([]) == nil)
    #expect(compoundError([0x81, 0xC9, 0x00]) == .tooShort(needed: 4, have: 3))
    #expect(compoundError([0x41, 0xC9, 0x00, 0x00]) == .badVersion(1))
    #expect(compoundError([0xC0, 0xC9, 0x00, 0x00]) == .badVersion(3))
    // Length says 2 words follow, 1 does.
    #expect(compoundError([0x80, 0xCC, 0x00, 0x02, 0, 0, 0, 0]) == .badLength)
    // A good packet followed by 2 stray bytes.
    #expect(compoundError([0x80, 0xC9, 0x00, 0x01, 1, 2, 3, 4, 0x80, 0xC9]) == .tooShort(needed: 4, have: 2))
  }

  @Test func paddingErrors() {
    #expect(compoundError([0xA0, 0xCC, 0x00, 0x01, 0, 0, 0, 0]) == .badPadding)  // count 0
    #expect(compoundError([0xA0, 0xCC, 0x00, 0x01, 0, 0, 0, 5]) == .badPadding)  // beyond the packet
    #expect(compoundError([0xA0, 0xCC, 0x00, 0x01, 0, 0, 0, 4]) == nil)  // the whole body
    // Padding on the first of two packets.
    #expect(
      compoundError([0xA0, 0xCC, 0x00, 0x01, 0, 0, 0, 4, 0x80, 0xC9, 0x00, 0x01, 1, 2, 3, 4]) == .paddingNotLast)
  }

  @Test func reportErrors() {
    // SR with RC=1 but no report block: 28 bytes, 52 needed.
    #expect(
      compoundError(Array(senderReportCompound[0..<4]).with(3, 0x06) + Array(senderReportCompound[4..<28]))
        == .tooShort(needed: 52, have: 28))
    // SR without complete sender info.
    #expect(compoundError([0x80, 0xC8, 0x00, 0x01, 1, 2, 3, 4]) == .tooShort(needed: 28, have: 8))
    // RR with RC=2 and one block.
    #expect(compoundError(Array(pionRealPacket[0..<32]).with(0, 0x82)) == .tooShort(needed: 56, have: 32))
    // RR without SSRC.
    #expect(compoundError([0x80, 0xC9, 0x00, 0x00]) == .tooShort(needed: 8, have: 4))
    // Padding hides the block.
    #expect(compoundError([0xA1, 0xC9, 0x00, 0x07] + pionRealPacket[4..<31] + [4]) == .tooShort(needed: 32, have: 28))
  }

  @Test func sourceDescriptionErrors() {
    let ssrc: [UInt8] = [0x11, 0x22, 0x33, 0x44]
    #expect(compoundError([0x81, 0xCA, 0x00, 0x02] + ssrc + [0x01, 0x02, 0x61, 0x62]) == .missingTerminator)
    #expect(compoundError([0x81, 0xCA, 0x00, 0x02] + ssrc + [0x01, 0x05, 0x61, 0x62]) == .itemOverrun)
    #expect(compoundError([0x81, 0xCA, 0x00, 0x02] + ssrc + [0x01, 0x01, 0x61, 0x01]) == .itemOverrun)
    // SC=2, one chunk.
    #expect(compoundError([0x82, 0xCA, 0x00, 0x02] + ssrc + [0, 0, 0, 0]) == .tooShort(needed: 16, have: 12))
    // A chunk with zero items (four null octets) is valid.
    #expect(compoundError([0x81, 0xCA, 0x00, 0x02] + ssrc + [0, 0, 0, 0]) == nil)
  }

  @Test func sdesIteratorStopsAfterAnError() throws {
    let bytes: [UInt8] = [0x82, 0xCA, 0x00, 0x02, 0x11, 0x22, 0x33, 0x44, 0x01, 0x02, 0x61, 0x62]
    try withRaw(bytes) { raw throws in
      guard case .sourceDescription(let sdes) = try views(raw).first else {
        Issue.record("not SDES")
        return
      }
      var chunks = sdes.chunks(in: raw)
      #expect(throws: RTPError.missingTerminator) { try chunks.next() }
      #expect(try chunks.next() == nil)
    }
  }

  @Test func byeErrors() {
    #expect(compoundError([0x82, 0xCB, 0x00, 0x01, 1, 2, 3, 4]) == .tooShort(needed: 12, have: 8))
    #expect(compoundError([0x81, 0xCB, 0x00, 0x02, 1, 2, 3, 4, 0x09, 0x61, 0x62, 0x63]) == .itemOverrun)
    #expect(compoundError([0x81, 0xCB, 0x00, 0x02, 1, 2, 3, 4, 0x03, 0x61, 0x62, 0x63]) == nil)
  }

  @Test func feedbackErrors() {
    // libwebrtc kTooSmallPacket: a NACK without PID/BLP.
    #expect(compoundError(Array(nackPacket[0..<12]).with(3, 0x02)) == .tooShort(needed: 16, have: 12))
    #expect(compoundError(Array(nackPacket[0..<12]).with(0, 0x8F).with(3, 0x02)) == .tooShort(needed: 20, have: 12))
    #expect(compoundError([0x81, 0xCE, 0x00, 0x01, 1, 2, 3, 4]) == .tooShort(needed: 12, have: 8))
    // RTPFB with an FMT we do not interpret needs no particular body.
    #expect(compoundError([0x83, 0xCD, 0x00, 0x00]) == nil)
  }

  @Test func iteratorFinishesAfterAnError() throws {
    let bytes: [UInt8] = [
      0x80, 0xC9, 0x00, 0x01, 1, 2, 3, 4, 0x40, 0xC9, 0x00, 0x00, 0x80, 0xC9, 0x00, 0x01, 1, 2, 3, 4,
    ]
    try withRaw(bytes) { raw throws in
      var iterator = RTCPCompoundIterator(raw)
      #expect(try iterator.next() != nil)
      #expect(throws: RTPError.badVersion(1)) { try iterator.next() }
      #expect(try iterator.next() == nil)
    }
  }

  @Test func writerErrors() {
    let tooMany = RTCPReceiverReport(ssrc: 1, reportBlocks: Array(repeating: expectedBlock, count: 32))
    #expect(throws: RTPError.tooManyEntries(count: 32, limit: 31)) {
      try RTCPPacket.serializeCompound([.receiverReport(tooMany)])
    }
    #expect(throws: RTPError.bufferTooSmall(needed: 8, have: 7)) {
      _ = try written(capacity: 7) { try RTCPReceiverReport.write(ssrc: 1, into: $0) }
    }
    #expect(throws: RTPError.badLength) {
      try RTCPPacket.serializeCompound([.receiverReport(RTCPReceiverReport(ssrc: 1, profileExtension: [1]))])
    }
    #expect(throws: RTPError.itemOverrun) {
      try RTCPPacket.serializeCompound([.bye(RTCPBye(sources: [1], reason: [UInt8](repeating: 0x61, count: 256)))])
    }
    let longItem = RTCPSourceDescription.Item(type: .note, value: [UInt8](repeating: 0x61, count: 256))
    #expect(throws: RTPError.itemOverrun) {
      try RTCPPacket.serializeCompound([.sourceDescription(.init(chunks: [.init(ssrc: 1, items: [longItem])]))])
    }
  }
}

extension Array where Element == UInt8 {
  /// A copy with the byte at `index` replaced.
  func with(_ index: Int, _ byte: UInt8) -> [UInt8] {
    var copy = self
    copy[index] = byte
    return copy
  }
}
