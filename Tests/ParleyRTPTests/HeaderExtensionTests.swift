import Testing

@testable import ParleyRTP

// libwebrtc kPacketWithTOAndAL: one-byte form, transmission offset (id 1, 3 bytes) and audio level (id 9,
// V=1 level 0x5A), then two padding bytes.
let audioLevelPacket: [UInt8] = [
  0x90, 100, 0x12, 0x34,
  0x65, 0x43, 0x12, 0x78,
  0x12, 0x34, 0x56, 0x78,
  0xBE, 0xDE, 0x00, 0x02,
  0x12, 0x00, 0x56, 0xCE,
  0x90, 0x80 | 0x5A, 0x00, 0x00,
]

// libwebrtc kPacketWithTwoByteExtensionIdLast: two-byte form with ids 1, 9 and 0xF0, then 3 padding bytes.
let twoByteExtensionPacket: [UInt8] = [
  0x90, 100, 0x12, 0x34,
  0x65, 0x43, 0x12, 0x78,
  0x12, 0x34, 0x56, 0x78,
  0x10, 0x00, 0x00, 0x04,
  0x01, 0x03, 0x00, 0x56,
  0xCE, 0x09, 0x01, 0x80 | 0x5A,
  0xF0, 0x03, 0x00, 0x30,
  0x22, 0x00, 0x00, 0x00,
]

/// A minimal RTP header with X set, followed by `block` (profile, length, data).
func packetWithExtension(_ block: [UInt8]) -> [UInt8] {
  [0x90, 0x6F, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03] + block
}

@Suite struct HeaderExtensionTests {
  @Test func oneByteFormWithTrailingPadding() throws {
    try withRaw(audioLevelPacket) { raw throws in
      let view = try RTPPacketView(parsing: raw)
      var iterator = try #require(try view.headerExtensions(in: raw))
      #expect(iterator.form == .oneByte)
      let first = try #require(try iterator.next())
      #expect(first.id == 1)
      #expect(first.dataOffset == 17)
      #expect(Array(first.data(in: raw)) == [0x00, 0x56, 0xCE])
      let second = try #require(try iterator.next())
      #expect(second.id == 9)
      #expect(second.dataLength == 1)
      let level = try AudioLevel(parsing: second.data(in: raw))
      #expect(level.voiceActivity)
      #expect(level.level == 0x5A)
      #expect(try iterator.next() == nil)
      #expect(try view.headerExtension(id: 9, in: raw) == second)
      #expect(try view.headerExtension(id: 2, in: raw) == nil)
    }
  }

  @Test func oneByteFormSkipsPaddingBetweenElements() throws {
    let bytes = packetWithExtension([0xBE, 0xDE, 0x00, 0x02, 0x10, 0xAA, 0x00, 0x21, 0xBB, 0xCC, 0x00, 0x00])
    try withRaw(bytes) { raw throws in
      let view = try RTPPacketView(parsing: raw)
      #expect(
        try elements(of: view, in: raw) == [
          RTPHeaderExtension(id: 1, data: [0xAA]), RTPHeaderExtension(id: 2, data: [0xBB, 0xCC]),
        ])
    }
  }

  @Test func oneByteIdFifteenStopsParsing() throws {
    let bytes = packetWithExtension([0xBE, 0xDE, 0x00, 0x02, 0x10, 0xAA, 0xF3, 0x21, 0xBB, 0xCC, 0x00, 0x00])
    try withRaw(bytes) { raw throws in
      let view = try RTPPacketView(parsing: raw)
      #expect(try elements(of: view, in: raw) == [RTPHeaderExtension(id: 1, data: [0xAA])])
    }
  }

  @Test func twoByteFormWithPaddingBetweenAndAfter() throws {
    try withRaw(twoByteExtensionPacket) { raw throws in
      let view = try RTPPacketView(parsing: raw)
      #expect(view.extensionBlock?.profile == 0x1000)
      #expect(view.payloadLength == 0)
      #expect(
        try elements(of: view, in: raw) == [
          RTPHeaderExtension(id: 1, data: [0x00, 0x56, 0xCE]), RTPHeaderExtension(id: 9, data: [0xDA]),
          RTPHeaderExtension(id: 0xF0, data: [0x00, 0x30, 0x22]),
        ])
    }
    // App bits 2, a zero-length element, a padding byte, a two-byte element, a trailing padding byte.
    let bytes = packetWithExtension([0x10, 0x02, 0x00, 0x02, 0x05, 0x00, 0x00, 0x10, 0x02, 0xAB, 0xCD, 0x00])
    try withRaw(bytes) { raw throws in
      let view = try RTPPacketView(parsing: raw)
      let iterator = try #require(try view.headerExtensions(in: raw))
      #expect(iterator.form == .twoByte(appBits: 2))
      #expect(
        try elements(of: view, in: raw) == [
          RTPHeaderExtension(id: 5, data: []), RTPHeaderExtension(id: 16, data: [0xAB, 0xCD]),
        ])
    }
  }

  @Test func malformedElementsThrowTheirCase() throws {
    let cases: [([UInt8], RTPError)] = [
      ([0xBE, 0xDE, 0x00, 0x01, 0x13, 0xAA, 0xBB, 0xCC], .extensionOverrun),  // L=3 needs 4 bytes, 3 left
      ([0xBE, 0xDE, 0x00, 0x01, 0x05, 0x00, 0x00, 0x00], .invalidExtensionID(0)),  // id 0 with a length
      ([0x10, 0x00, 0x00, 0x01, 0x01, 0x05, 0xAA, 0xBB], .extensionOverrun),  // 5 bytes claimed, 2 left
      ([0x10, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07], .extensionOverrun),  // id without a length byte
    ]
    for (block, error) in cases {
      try withRaw(packetWithExtension(block)) { raw throws in
        let view = try RTPPacketView(parsing: raw)
        #expect(throws: error) { try elements(of: view, in: raw) }
      }
    }
  }

  @Test func unknownProfileKeepsThePacketUsable() throws {
    let bytes = packetWithExtension([0xAB, 0xAC, 0x00, 0x01, 1, 2, 3, 4, 0x55])
    try withRaw(bytes) { raw throws in
      let view = try RTPPacketView(parsing: raw)
      #expect(throws: RTPError.unknownExtensionProfile(0xABAC)) { try view.headerExtensions(in: raw) }
      #expect(Array(view.extensionData(in: raw)) == [1, 2, 3, 4])
      #expect(Array(view.payload(in: raw)) == [0x55])
    }
    #expect(try RTPPacket(parsing: bytes).serialized() == bytes)
  }

  @Test func formFromProfile() {
    #expect(HeaderExtensionForm(profile: 0xBEDE) == .oneByte)
    #expect(HeaderExtensionForm(profile: 0x1000) == .twoByte(appBits: 0))
    #expect(HeaderExtensionForm(profile: 0x100F) == .twoByte(appBits: 15))
    #expect(HeaderExtensionForm(profile: 0x1010) == nil)
    #expect(HeaderExtensionForm(profile: 0xBEDF) == nil)
    #expect(HeaderExtensionForm.twoByte(appBits: 3).profile == 0x1003)
  }

  @Test func writerPicksOneByteFormAndPads() throws {
    let elements = [RTPHeaderExtension(id: 1, data: [0xDA]), RTPHeaderExtension(id: 3, data: [1, 2, 3])]
    #expect(HeaderExtensionForm.fitting(elements) == .oneByte)
    let bytes = try written { try HeaderExtensionWriter.write(elements, into: $0) }
    #expect(bytes == [0xBE, 0xDE, 0x00, 0x02, 0x10, 0xDA, 0x32, 0x01, 0x02, 0x03, 0x00, 0x00])
    let sixteen = [RTPHeaderExtension(id: 14, data: Array(repeating: 7, count: 16))]
    let block = try written { try HeaderExtensionWriter.write(sixteen, into: $0) }
    #expect(block.prefix(5) == [0xBE, 0xDE, 0x00, 0x05, 0xEF])
    #expect(block.count == 4 + 20)
  }

  @Test func writerPicksTwoByteFormWhenOneByteCannotCarryAnElement() throws {
    #expect(
      try written { try HeaderExtensionWriter.write([RTPHeaderExtension(id: 15, data: [0xAA])], into: $0) } == [
        0x10, 0x00, 0x00, 0x01, 0x0F, 0x01, 0xAA, 0x00,
      ])
    #expect(
      try written { try HeaderExtensionWriter.write([RTPHeaderExtension(id: 2, data: [])], into: $0) } == [
        0x10, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00,
      ])
    let long = [RTPHeaderExtension(id: 1, data: Array(repeating: 0xEE, count: 17))]
    let block = try written { try HeaderExtensionWriter.write(long, into: $0) }
    #expect(block.prefix(6) == [0x10, 0x00, 0x00, 0x05, 0x01, 0x11])
    #expect(block.count == 24)
    #expect(block.last == 0)
  }

  @Test func writerRejectsWhatItsFormCannotCarry() {
    func write(_ form: HeaderExtensionForm, id: UInt8, length: Int, capacity: Int = 300) throws {
      _ = try written(capacity: capacity) { buffer in
        var writer = try HeaderExtensionWriter(form: form, into: buffer)
        try writer.append(id: id, data: [UInt8](repeating: 1, count: length))
        return try writer.finish()
      }
    }
    #expect(throws: RTPError.invalidExtensionID(0)) { try write(.oneByte, id: 0, length: 1) }
    #expect(throws: RTPError.invalidExtensionID(15)) { try write(.oneByte, id: 15, length: 1) }
    #expect(throws: RTPError.extensionLengthOutOfRange(0)) { try write(.oneByte, id: 1, length: 0) }
    #expect(throws: RTPError.extensionLengthOutOfRange(17)) { try write(.oneByte, id: 1, length: 17) }
    #expect(throws: RTPError.invalidExtensionID(0)) { try write(.twoByte(appBits: 0), id: 0, length: 1) }
    #expect(throws: RTPError.extensionLengthOutOfRange(256)) { try write(.twoByte(appBits: 0), id: 1, length: 256) }
    #expect(throws: RTPError.bufferTooSmall(needed: 7, have: 6)) { try write(.oneByte, id: 1, length: 2, capacity: 6) }
    #expect(throws: RTPError.bufferTooSmall(needed: 8, have: 7)) { try write(.oneByte, id: 1, length: 2, capacity: 7) }
    #expect(throws: RTPError.bufferTooSmall(needed: 4, have: 3)) { try write(.oneByte, id: 1, length: 1, capacity: 3) }
  }

  @Test func allocationFreeSendPathReproducesLibwebrtcVector() throws {
    let header = RTPHeader(
      payloadType: try PayloadType(100), sequenceNumber: 0x1234, timestamp: 0x6543_1278, ssrc: 0x1234_5678)
    let level = try AudioLevel(voiceActivity: true, level: 0x5A)
    let bytes = try written { buffer in
      var offset = try header.write(into: buffer, hasExtension: true)
      var writer = try HeaderExtensionWriter(
        form: .oneByte, into: UnsafeMutableRawBufferPointer(rebasing: buffer[offset...]))
      try writer.append(id: 1, data: [0x00, 0x56, 0xCE])
      try writer.append(id: 9, byte: level.byte)
      offset += try writer.finish()
      return offset
    }
    #expect(bytes == audioLevelPacket)
  }
}
