import Testing

@testable import ParleyRTP

@Suite struct UnwrapperTests {
  @Test func sequenceNumbersAcrossTheWrap() {
    var unwrapper = SequenceNumberUnwrapper()
    #expect(unwrapper.highest == nil)
    let unwrapped = [65534, 65535, 0, 1].map { unwrapper.unwrap(SequenceNumber($0)) }
    #expect(unwrapped == [65534, 65535, 65536, 65537])
    #expect(unwrapper.highest == 65537)
  }

  @Test func reorderingAroundTheWrap() {
    var unwrapper = SequenceNumberUnwrapper()
    let unwrapped = [65535, 1, 0, 65534, 2, 65533].map { unwrapper.unwrap(SequenceNumber($0)) }
    #expect(unwrapped == [65535, 65537, 65536, 65534, 65538, 65533])
    #expect(unwrapper.highest == 65538)
  }

  @Test func halfTheRangeBehindIsOlder() {
    var unwrapper = SequenceNumberUnwrapper()
    #expect(unwrapper.unwrap(0) == 0)
    #expect(unwrapper.peek(32767) == 32767)
    #expect(unwrapper.peek(32768) == -32768)
    #expect(unwrapper.unwrap(65535) == -1)
    #expect(unwrapper.highest == 0)
    #expect(unwrapper.unwrap(32767) == 32767)
    #expect(unwrapper.unwrap(0) == 0)  // 32767 behind the highest: older
    #expect(unwrapper.unwrap(49151) == 49151)
    #expect(unwrapper.unwrap(0) == 65536)  // 16385 ahead: the next cycle
  }

  @Test func manyCycles() {
    var unwrapper = SequenceNumberUnwrapper()
    var expected: Int64 = 1000
    var sequenceNumber = SequenceNumber(1000)
    for _ in 0..<1000 {
      #expect(unwrapper.unwrap(sequenceNumber) == expected)
      sequenceNumber += 1000
      expected += 1000
    }
    #expect(expected > 15 * 65536)
  }

  @Test func timestampsAcrossTheWrapWithReordering() {
    var unwrapper = TimestampUnwrapper()
    #expect(unwrapper.unwrap(0xFFFF_FC40) == 0xFFFF_FC40)
    #expect(unwrapper.unwrap(0x0000_0320) == 0x1_0000_0320)  // +1760 across the wrap
    #expect(unwrapper.unwrap(0xFFFF_FE00) == 0xFFFF_FE00)  // late, from before the wrap
    #expect(unwrapper.unwrap(0x0000_06E0) == 0x1_0000_06E0)
    #expect(unwrapper.highest == 0x1_0000_06E0)
    #expect(unwrapper.peek(0x8000_06E0) == 0x1_0000_06E0 - 0x8000_0000)  // exactly half behind: older
    #expect(unwrapper.peek(0x8000_06DF) == 0x1_8000_06DF)
  }

  @Test func timestampsOverSeveralCycles() {
    var unwrapper = TimestampUnwrapper()
    var timestamp = RTPTimestamp(0)
    var expected: Int64 = 0
    for _ in 0..<40 {
      #expect(unwrapper.unwrap(timestamp) == expected)
      timestamp += 0x4000_0000
      expected += 0x4000_0000
    }
    #expect(unwrapper.highest == expected - 0x4000_0000)  // 39 × 2^30
  }
}

@Suite struct IdentifierTests {
  @Test func sequenceNumberArithmeticWraps() {
    #expect(SequenceNumber(65535) + 1 == 0)
    #expect(SequenceNumber(0) - 1 == 65535)
    #expect(SequenceNumber(65535).distance(to: 1) == 2)
    #expect(SequenceNumber(1).distance(to: 65535) == -2)
    #expect(SequenceNumber(0).distance(to: 32768) == -32768)
    #expect(SequenceNumber(1).isNewer(than: 65535))
    #expect(SequenceNumber(65535).isNewer(than: 1) == false)
    #expect(SequenceNumber(5).isNewer(than: 5) == false)
  }

  @Test func timestampArithmeticWraps() {
    #expect(RTPTimestamp(0xFFFF_FFFF) + 2 == 1)
    #expect(RTPTimestamp(1) - 2 == 0xFFFF_FFFF)
    #expect(RTPTimestamp(0xFFFF_FF00).distance(to: 0x100) == 0x200)
    #expect(RTPTimestamp(0x100).distance(to: 0xFFFF_FF00) == -0x200)
    #expect(RTPTimestamp(960).isNewer(than: 0))
  }

  @Test func payloadTypeIsSevenBits() throws {
    #expect(try PayloadType(127).rawValue == 127)
    #expect(PayloadType(rawValue: 128) == nil)
    #expect(throws: RTPError.valueOutOfRange(field: "payload type", value: 128)) { try PayloadType(128) }
    #expect(throws: RTPError.valueOutOfRange(field: "payload type", value: 255)) { try PayloadType(255) }
  }

  @Test func descriptions() throws {
    #expect(SSRC(0xAB).description == "0x000000ab")
    #expect(SequenceNumber(42).description == "42")
    #expect(RTPTimestamp(7).description == "7")
    #expect(try PayloadType(111).description == "111")
    #expect(RTPError.tooShort(needed: 12, have: 3).description == "input too short: needed 12 bytes, have 3")
    #expect(RTPError.unknownExtensionProfile(0xAB).description == "unknown header extension profile 0x00AB")
    #expect(RTCPPacketType.bye.description == "BYE")
    #expect(PacketClass.turnChannel.description == "TURN channel")
  }
}
