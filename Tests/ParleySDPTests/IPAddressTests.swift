import Testing

@testable import ParleySDP

@Suite struct IPAddressTests {
  @Test(arguments: ["0.0.0.0", "127.0.0.1", "31.13.65.60", "255.255.255.255"])
  func validIPv4(text: String) throws {
    let address = try IPAddress(parsing: text)
    #expect(address.description == text)
    #expect(!address.isIPv6)
    #expect(address.bytes.count == 4)
  }

  @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1..3.4", "a.b.c.d", "1.2.3.4 "])
  func invalidIPv4(text: String) {
    #expect(throws: SDPError.invalidAddress(text: text)) { try IPAddress(parsing: text) }
  }

  @Test(arguments: [
    ("2a03:2880:f211:cf:face:b00c:0:6443", "2a03:2880:f211:cf:face:b00c:0:6443"),
    ("2A03:2880:F211:00CF:FACE:B00C:0000:6443", "2a03:2880:f211:cf:face:b00c:0:6443"),
    ("::", "::"),
    ("::1", "::1"),
    ("1::", "1::"),
    ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
    ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
    ("2001:db8::0:1", "2001:db8::1"),
    ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
    ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
    ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
  ])
  func validIPv6(text: String, canonical: String) throws {
    let address = try IPAddress(parsing: text)
    #expect(address.isIPv6)
    #expect(address.description == canonical)
    #expect(address.bytes.count == 16)
    #expect(try IPAddress(parsing: canonical) == address)
  }

  @Test(arguments: [
    ":", ":::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", ":1::", "1::2:",
    "fe80::1%eth0", "[::1]", "::1.2.3", "1.2.3.4::", "::ffff:256.0.0.1", "1:2:3:4:5:6:7:8::",
  ])
  func invalidIPv6(text: String) {
    #expect(throws: SDPError.invalidAddress(text: text)) { try IPAddress(parsing: text) }
  }
}
