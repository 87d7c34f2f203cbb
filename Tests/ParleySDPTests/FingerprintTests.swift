import Testing

@testable import ParleySDP

@Suite struct FingerprintTests {
  @Test func hexRoundTrip() throws {
    let bytes: [UInt8] = [0x1B, 0xB6, 0x00, 0xFF, 0x0A]
    #expect(Fingerprint.hexString(bytes) == "1B:B6:00:FF:0A")
    #expect(try Fingerprint.bytes(fromHex: "1B:B6:00:FF:0A") == bytes)
    #expect(try Fingerprint.bytes(fromHex: "1b:b6:00:ff:0a") == bytes)
    #expect(Fingerprint.hexString([]) == "")
  }

  @Test(arguments: ["1B:B", "1BB6", "1B:", ":1B", "1B::B6", "GG", "1B:B6:"])
  func badHex(text: String) {
    let error = #expect(throws: SDPError.self) { try Fingerprint.bytes(fromHex: text) }
    #expect(error == .invalidFingerprint(text: text, reason: "expected colon-separated pairs of hex digits"))
  }

  @Test func parsesAttributeValue() throws {
    let text =
      "SHA-256 1B:B6:6B:40:A5:0B:8C:75:0D:8C:CB:90:2F:99:74:1E:26:45:AE:AF:45:C1:51:60:8F:73:C9:2D:10:6D:8A:88"
    let fingerprint = try Fingerprint(attributeValue: text)
    #expect(fingerprint.algorithm == "sha-256")
    #expect(fingerprint.bytes.count == 32)
    #expect(fingerprint.bytes.first == 0x1B)
    #expect(fingerprint.description == "sha-256 " + text.dropFirst(8))
  }

  @Test func checksDigestLength() throws {
    let error = #expect(throws: SDPError.self) { try Fingerprint(attributeValue: "sha-256 1B:B6") }
    #expect(error == .invalidFingerprint(text: "sha-256 1B:B6", reason: "sha-256 needs 32 bytes, found 2"))
    #expect(throws: SDPError.self) { try Fingerprint(attributeValue: "sha-256") }
    #expect(throws: SDPError.self) { try Fingerprint(attributeValue: "sha-256  1B") }
    #expect(throws: SDPError.self) { try Fingerprint(attributeValue: String(repeating: "AB:", count: 100) + "AB") }
    #expect(try Fingerprint(attributeValue: "x-new 1B:B6").bytes == [0x1B, 0xB6])
  }
}
