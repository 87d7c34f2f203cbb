import Testing

@testable import ParleyRTP

@Suite struct AudioLevelTests {
  @Test func decodesAndEncodesTheByte() throws {
    let loud = AudioLevel(byte: 0x80)
    #expect(loud.voiceActivity)
    #expect(loud.level == 0)
    let silent = AudioLevel(byte: 0x7F)
    #expect(silent.voiceActivity == false)
    #expect(silent.level == 127)
    #expect(try AudioLevel(voiceActivity: true, level: 42).byte == 0xAA)
    #expect(try AudioLevel(voiceActivity: false, level: 127).byte == 0x7F)
    for byte in UInt8.min...UInt8.max { #expect(AudioLevel(byte: byte).byte == byte) }
  }

  @Test func rejectsOutOfRangeLevelAndEmptyData() throws {
    #expect(throws: RTPError.valueOutOfRange(field: "audio level", value: 128)) {
      try AudioLevel(voiceActivity: false, level: 128)
    }
    withRaw([]) { raw in
      #expect(throws: RTPError.tooShort(needed: 1, have: 0)) { try AudioLevel(parsing: raw) }
    }
    #expect(AudioLevel.uri == "urn:ietf:params:rtp-hdrext:ssrc-audio-level")
  }
}

@Suite struct TelephoneEventTests {
  @Test func parsesEndOfDigitNine() throws {
    // event 9, E=1 R=0 volume 10, duration 1600 (200 ms at 8 kHz).
    let event = try TelephoneEvent(parsing: [0x09, 0x8A, 0x06, 0x40])
    #expect(event.event == 9)
    #expect(event.dtmf == .digit9)
    #expect(event.isEnd)
    #expect(event.reserved == false)
    #expect(event.volume == 10)
    #expect(event.duration == 1600)
  }

  @Test func parsesPoundStartAndReservedBit() throws {
    let pound = try TelephoneEvent(parsing: [0x0B, 0x0A, 0x00, 0xA0, 0xFF])  // trailing byte ignored
    #expect(pound.dtmf == .pound)
    #expect(pound.isEnd == false)
    #expect(pound.duration == 160)
    let reserved = try TelephoneEvent(parsing: [0x10, 0xFF, 0xFF, 0xFF])
    #expect(reserved.event == 16)
    #expect(reserved.dtmf == nil)
    #expect(reserved.isEnd)
    #expect(reserved.reserved)
    #expect(reserved.volume == 63)
    #expect(reserved.duration == 0xFFFF)
  }

  @Test(arguments: [[0x09, 0x8A, 0x06, 0x40], [0x0B, 0x0A, 0x00, 0xA0], [0x10, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0]])
  func roundTrips(bytes: [UInt8]) throws {
    let event = try TelephoneEvent(parsing: bytes)
    #expect(event.bytes == bytes)
    #expect(try written { try event.write(into: $0) } == bytes)
  }

  @Test func buildsAndRejects() throws {
    let star = try TelephoneEvent(dtmf: .star, isEnd: false, volume: 7, duration: 320)
    #expect(star.bytes == [0x0A, 0x07, 0x01, 0x40])
    #expect(throws: RTPError.valueOutOfRange(field: "volume", value: 64)) {
      try TelephoneEvent(event: 1, isEnd: false, volume: 64, duration: 0)
    }
    #expect(throws: RTPError.tooShort(needed: 4, have: 3)) { try TelephoneEvent(parsing: [0x09, 0x8A, 0x06]) }
    #expect(throws: RTPError.bufferTooSmall(needed: 4, have: 2)) {
      _ = try written(capacity: 2) { try star.write(into: $0) }
    }
  }

  @Test func dtmfTableOfRFC4733() {
    let table: [(Character, UInt8)] = [
      ("0", 0), ("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("6", 6), ("7", 7), ("8", 8), ("9", 9),
      ("*", 10), ("#", 11), ("A", 12), ("B", 13), ("C", 14), ("D", 15),
    ]
    for (character, code) in table {
      #expect(DTMFEvent(character: character)?.rawValue == code)
      #expect(DTMFEvent(rawValue: code)?.character == character)
    }
    #expect(DTMFEvent.allCases.count == 16)
    #expect(DTMFEvent(character: "d") == .d)
    #expect(DTMFEvent(character: "E") == nil)
    #expect(DTMFEvent(character: "1\u{FE0F}\u{20E3}") == nil)
    #expect(DTMFEvent(rawValue: 16) == nil)
  }
}

@Suite struct PacketDemuxTests {
  @Test(
    arguments: [
      (0, PacketClass.stun), (1, .stun), (3, .stun), (4, .unknown), (15, .unknown), (16, .zrtp), (19, .zrtp),
      (20, .dtls), (22, .dtls), (63, .dtls), (64, .turnChannel), (79, .turnChannel), (80, .unknown), (127, .unknown),
      (192, .unknown), (255, .unknown),
    ] as [(UInt8, PacketClass)])
  func firstByteTable(first: UInt8, expected: PacketClass) {
    #expect(PacketClass(classifying: [first, 0x00, 0x00, 0x00]) == expected)
  }

  @Test(
    arguments: [
      (0x80, 0, PacketClass.rtp), (128, 0x6F, .rtp), (191, 0x7F, .rtp), (0x80, 0xE0, .rtp), (0x80, 191, .rtp),
      (0x80, 192, .rtcp), (0x81, 200, .rtcp), (0x81, 201, .rtcp), (0x8F, 206, .rtcp), (0x80, 223, .rtcp),
      (0x80, 224, .rtp), (0x80, 255, .rtp),
    ] as [(UInt8, UInt8, PacketClass)])
  func rtpVersusRTCP(first: UInt8, second: UInt8, expected: PacketClass) {
    #expect(PacketClass(classifying: [first, second]) == expected)
  }

  @Test func emptyAndSingleByteInput() throws {
    #expect(PacketClass(classifying: [UInt8]()) == .unknown)
    #expect(PacketClass(classifying: [0x80]) == .unknown)
    #expect(PacketClass(classifying: [0x00]) == .stun)
    withRaw([0x16, 0xFE, 0xFD]) { raw in #expect(PacketClass(classifying: raw) == .dtls) }
  }
}
