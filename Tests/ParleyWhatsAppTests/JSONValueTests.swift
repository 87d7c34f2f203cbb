import ParleyWhatsApp
import Testing

@Suite struct JSONValueTests {
  @Test func decodesEveryKind() throws {
    let value = try JSONValue.decode(#"{"a":null,"b":true,"c":1.5,"d":"x","e":[1,2],"f":{"g":0}}"#.bytes)
    #expect(value["a"] == .null)
    #expect(value["b"] == .bool(true))
    #expect(value["c"] == .number(1.5))
    #expect(value["d"]?.stringValue == "x")
    #expect(value["e"]?.arrayValue == [.number(1), .number(2)])
    #expect(value["f"]?.objectValue == ["g": .number(0)])
    #expect(value["missing"] == nil)
    #expect(value["d"]?["x"] == nil)
  }

  @Test func encodesSortedCompactWithIntegers() {
    let value: JSONValue = .object([
      "z": .number(120), "a": .array([.number(1.5), .bool(false), .null]), "m": .string("q\"\\\r\n\u{1}/é"),
      "big": .number(1_745_343_479), "neg": .number(-3),
    ])
    let text = String(decoding: value.encoded(), as: UTF8.self)
    #expect(text == #"{"a":[1.5,false,null],"big":1745343479,"m":"q\"\\\r\n\u0001/é","neg":-3,"z":120}"#)
  }

  @Test func roundTrips() throws {
    let value: JSONValue = .object(["sdp": .string("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"), "n": .number(0.25)])
    #expect(try JSONValue.decode(value.encoded()) == value)
  }

  @Test func integerValueReadsNumbersAndDigitStrings() {
    #expect(JSONValue.string("1671644824").integerValue == 1_671_644_824)
    #expect(JSONValue.number(118).integerValue == 118)
    #expect(JSONValue.number(1.5).integerValue == nil)
    #expect(JSONValue.string("12a").integerValue == nil)
    #expect(JSONValue.string("-9007199254740992").integerValue == -9_007_199_254_740_992)
    #expect(JSONValue.string("99999999999999999").integerValue == nil, "beyond 2^53: no exact JSON number")
    #expect(JSONValue.string("-9223372036854775808").integerValue == nil)
    #expect(JSONValue.bool(true).integerValue == nil)
  }

  @Test func rejectsGarbage() {
    #expect(throws: JSONValueError.self) { try JSONValue.decode("{\"a\":".bytes) }
    #expect(throws: JSONValueError.self) { try JSONValue.decode([0xFF, 0xFE]) }
  }
}
