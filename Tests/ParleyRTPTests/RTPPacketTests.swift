import Testing

@testable import ParleyRTP

// Vectors from libwebrtc's modules/rtp_rtcp/source/rtp_packet_unittest.cc (PT 100, seq 0x1234,
// timestamp 0x65431278, SSRC 0x12345678).
let minimumPacket: [UInt8] = [
  0x80, 100, 0x12, 0x34,
  0x65, 0x43, 0x12, 0x78,
  0x12, 0x34, 0x56, 0x78,
]

// V=2 P=1 X=1 CC=2, two CSRCs, a one-byte extension (id 1, 3 bytes), "payload", 8 bytes "padding" + count.
let fullPacket: [UInt8] =
  [
    0xB2, 100, 0x12, 0x34,
    0x65, 0x43, 0x12, 0x78,
    0x12, 0x34, 0x56, 0x78,
    0x34, 0x56, 0x78, 0x90,
    0x32, 0x43, 0x54, 0x65,
    0xBE, 0xDE, 0x00, 0x01,
    0x12, 0x00, 0x56, 0xCE,
  ] + Array("payload".utf8) + Array("padding".utf8) + [8]

@Suite struct RTPPacketTests {
  @Test func parsesMinimumPacketFieldByField() throws {
    try withRaw(minimumPacket) { raw throws in
      let view = try RTPPacketView(parsing: raw)
      #expect(view.header.marker == false)
      #expect(view.header.payloadType.rawValue == 100)
      #expect(view.header.sequenceNumber == 0x1234)
      #expect(view.header.timestamp == 0x6543_1278)
      #expect(view.header.ssrc == 0x1234_5678)
      #expect(view.hasPadding == false)
      #expect(view.csrcCount == 0)
      #expect(view.extensionBlock == nil)
      #expect(view.payloadOffset == 12)
      #expect(view.payloadLength == 0)
      #expect(try view.headerExtensions(in: raw) == nil)
    }
  }

  @Test func parsesCSRCsExtensionPayloadAndPadding() throws {
    try withRaw(fullPacket) { raw throws in
      let view = try RTPPacketView(parsing: raw)
      #expect(view.csrcCount == 2)
      #expect(view.csrc(at: 0, in: raw) == 0x3456_7890)
      #expect(view.csrc(at: 1, in: raw) == 0x3243_5465)
      #expect(view.extensionBlock?.profile == 0xBEDE)
      #expect(view.extensionBlock?.dataOffset == 24)
      #expect(view.extensionBlock?.dataLength == 4)
      #expect(view.headerLength == 28)
      #expect(view.hasPadding)
      #expect(view.paddingLength == 8)
      #expect(Array(view.payload(in: raw)) == Array("payload".utf8))
      #expect(try elements(of: view, in: raw) == [RTPHeaderExtension(id: 1, data: [0x00, 0x56, 0xCE])])
    }
  }

  @Test func parsesMarkerAndSevenBitPayloadType() throws {
    let bytes: [UInt8] = [0x80, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1, 0xAA]
    let view = try RTPPacketView(parsing: bytes)
    #expect(view.header.marker)
    #expect(view.header.payloadType.rawValue == 127)
    #expect(view.header.sequenceNumber == 0xFFFF)
    #expect(view.header.timestamp == 0xFFFF_FFFF)
    #expect(view.header.ssrc == 1)
    #expect(view.payloadLength == 1)
  }

  @Test func paddingThatFillsTheWholePayloadLeavesItEmpty() throws {
    let bytes: [UInt8] = [0xA0, 0x00, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4]
    let view = try RTPPacketView(parsing: bytes)
    #expect(view.paddingLength == 4)
    #expect(view.payloadLength == 0)
  }

  @Test func truncatedAndMalformedPacketsThrowTheirCase() {
    #expect(throws: RTPError.tooShort(needed: 12, have: 0)) { try RTPPacketView(parsing: []) }
    #expect(throws: RTPError.tooShort(needed: 12, have: 11)) {
      try RTPPacketView(parsing: Array(minimumPacket.prefix(11)))
    }
    #expect(throws: RTPError.badVersion(1)) { try RTPPacketView(parsing: [0x40] + minimumPacket.dropFirst()) }
    #expect(throws: RTPError.badVersion(0)) { try RTPPacketView(parsing: [0x00] + minimumPacket.dropFirst()) }
    #expect(throws: RTPError.badVersion(3)) { try RTPPacketView(parsing: [0xC0] + minimumPacket.dropFirst()) }
    // CC = 2 but only one CSRC present.
    #expect(throws: RTPError.tooShort(needed: 20, have: 16)) {
      try RTPPacketView(parsing: [0x82] + minimumPacket.dropFirst() + [1, 2, 3, 4])
    }
    // X set, no room for the extension header.
    #expect(throws: RTPError.tooShort(needed: 16, have: 14)) {
      try RTPPacketView(parsing: [0x90] + minimumPacket.dropFirst() + [0xBE, 0xDE])
    }
    // Extension claims 2 words, 1 present.
    #expect(throws: RTPError.extensionOverrun) {
      try RTPPacketView(parsing: [0x90] + minimumPacket.dropFirst() + [0xBE, 0xDE, 0x00, 0x02, 0x10, 0xAA, 0, 0])
    }
    // P set: count 0, count beyond the packet, no byte at all for the count.
    #expect(throws: RTPError.badPadding) { try RTPPacketView(parsing: [0xA0] + minimumPacket.dropFirst() + [1, 0]) }
    #expect(throws: RTPError.badPadding) { try RTPPacketView(parsing: [0xA0] + minimumPacket.dropFirst() + [1, 3]) }
    #expect(throws: RTPError.badPadding) { try RTPPacketView(parsing: [0xA0] + minimumPacket.dropFirst()) }
    // Padding may not eat into the extension.
    #expect(throws: RTPError.badPadding) {
      try RTPPacketView(parsing: [0xB0] + minimumPacket.dropFirst() + [0xBE, 0xDE, 0x00, 0x01, 0x10, 0xAA, 0, 2])
    }
  }

  @Test(arguments: [minimumPacket, fullPacketWithZeroPadding, twoByteExtensionPacket, audioLevelPacket])
  func roundTripsByteForByte(bytes: [UInt8]) throws {
    let packet = try RTPPacket(parsing: bytes)
    #expect(packet.serializedSize == bytes.count)
    #expect(try packet.serialized() == bytes)
  }

  @Test func ownedPacketCopiesEveryPart() throws {
    let packet = try RTPPacket(parsing: fullPacket)
    #expect(packet.csrcs == [0x3456_7890, 0x3243_5465])
    #expect(packet.extensionBlock == RTPPacket.ExtensionBlock(profile: 0xBEDE, data: [0x12, 0x00, 0x56, 0xCE]))
    #expect(packet.payload == Array("payload".utf8))
    #expect(packet.paddingLength == 8)
    #expect(try packet.headerExtensions() == [RTPHeaderExtension(id: 1, data: [0x00, 0x56, 0xCE])])
    // Padding is written as zeros and the count: only the padding bytes differ from libwebrtc's vector.
    #expect(try packet.serialized() == fullPacketWithZeroPadding)
  }

  @Test func headerWritesFixedFieldsAndCSRCs() throws {
    let header = RTPHeader(
      marker: true, payloadType: try PayloadType(111), sequenceNumber: 0xBEEF, timestamp: 0x0102_0304, ssrc: 0xCAFE_BABE
    )
    let bytes = try written { try header.write(into: $0, csrcs: [SSRC(0x1111_1111)], hasExtension: true) }
    #expect(
      bytes == [
        0x91, 0xEF, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04, 0xCA, 0xFE, 0xBA, 0xBE, 0x11, 0x11, 0x11, 0x11,
      ])
  }

  @Test func writingRejectsSmallBuffersAndTooManyCSRCs() throws {
    let header = RTPHeader(payloadType: try PayloadType(0), sequenceNumber: 1, timestamp: 2, ssrc: 3)
    #expect(throws: RTPError.bufferTooSmall(needed: 12, have: 11)) {
      _ = try written(capacity: 11) { try header.write(into: $0) }
    }
    #expect(throws: RTPError.tooManyEntries(count: 16, limit: 15)) {
      _ = try written { try header.write(into: $0, csrcs: Array(repeating: SSRC(1), count: 16)) }
    }
    let packet = RTPPacket(header: header, payload: [1, 2, 3])
    #expect(throws: RTPError.bufferTooSmall(needed: 15, have: 14)) {
      _ = try written(capacity: 14) { try packet.write(into: $0) }
    }
    var padded = packet
    padded.paddingLength = 256
    #expect(throws: RTPError.valueOutOfRange(field: "padding length", value: 256)) { try padded.serialized() }
  }

  @Test func builtPacketPadsExtensionAndPayload() throws {
    let header = RTPHeader(payloadType: try PayloadType(111), sequenceNumber: 7, timestamp: 960, ssrc: 0xA)
    let packet = RTPPacket(
      header: header, extensionBlock: try .init(elements: [RTPHeaderExtension(id: 1, data: [0x80 | 30])]),
      payload: [0xF8, 0xFF, 0xFE], paddingLength: 3)
    #expect(
      try packet.serialized() == [
        0xB0, 111, 0x00, 0x07, 0x00, 0x00, 0x03, 0xC0, 0x00, 0x00, 0x00, 0x0A,
        0xBE, 0xDE, 0x00, 0x01, 0x10, 0x9E, 0x00, 0x00,
        0xF8, 0xFF, 0xFE, 0x00, 0x00, 0x03,
      ])
  }
}

/// ``fullPacket`` with its padding bytes zeroed (our writer pads with zeros).
let fullPacketWithZeroPadding: [UInt8] = Array(fullPacket.dropLast(8)) + [0, 0, 0, 0, 0, 0, 0, 8]
