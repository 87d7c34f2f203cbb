import ParleyTesting
import Testing

@testable import ParleySDP

@Suite struct MalformedSDPTests {
  let offer: String

  init() throws {
    offer = try Fixtures.text(Fixtures.metaOffer)
  }

  /// The fixture with `line` inserted after line 8 (the m-line); the inserted line is line 9.
  func inserting(_ line: String) -> String {
    var lines = offer.sdpLines
    lines.insert(line, at: 8)
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  func parseError(_ text: String) -> SDPError? {
    #expect(throws: SDPError.self) { try SessionDescription(parsing: text) }
  }

  @Test(arguments: [
    ("x", "expected <type>=<value> with type a-z"),
    ("a", "expected <type>=<value> with type a-z"),
    ("a=", "empty value"),
    ("A=foo", "expected <type>=<value> with type a-z"),
    ("=foo", "expected <type>=<value> with type a-z"),
    ("1=foo", "expected <type>=<value> with type a-z"),
    (" a=foo", "expected <type>=<value> with type a-z"),
    ("a=x\u{01}y", "control byte 0x01 at column 4"),
    ("a=x\ty", "control byte 0x09 at column 4"),
    ("a=x\ry", "control byte 0x0D at column 4"),
    ("a=x\u{0}y", "control byte 0x00 at column 4"),
    ("o=- 1 1 IN IP4 0.0.0.0", "o= is a session-level line inside a media section"),
    ("v=0", "v= is allowed only as the first line"),
    ("c=IN IP4", "c-line needs <nettype> <addrtype> <connection-address>"),
  ])
  func badLine(line: String, reason: String) throws {
    let error = parseError(inserting(line))
    guard case .malformedLine(let number, _, let actual) = error else {
      Issue.record("expected malformedLine, got \(String(describing: error))")
      return
    }
    #expect(number == 9)
    #expect(actual == reason)
    #expect(error?.description.contains("line 9") == true)
    #expect(error?.description.contains("\n") == false)
  }

  @Test(arguments: [
    "m=audio notaport UDP/TLS/RTP/SAVPF 111",
    "m=audio 70000 UDP/TLS/RTP/SAVPF 111",
    "m=audio -1 UDP/TLS/RTP/SAVPF 111",
    "m=audio 9 UDP/TLS/RTP/SAVPF",
    "m=audio 9",
    "m=audio  9 UDP/TLS/RTP/SAVPF 111",
    "m=audio 9 UDP/TLS/RTP/SAVPF 111 ",
    "m=audio 9/0 RTP/AVP 0",
    "m=audio 9 UDP//SAVPF 0",
    "m=au\"dio 9 RTP/AVP 0",
  ])
  func badMediaLine(line: String) throws {
    let error = parseError(inserting(line))
    guard case .malformedLine(let number, let text, _) = error else {
      Issue.record("expected malformedLine, got \(String(describing: error))")
      return
    }
    #expect(number == 9)
    #expect(text == line)
  }

  @Test func missingVersion() {
    #expect(throws: SDPError.missingVersion) { try SessionDescription(parsing: "") }
    #expect(throws: SDPError.missingVersion) { try SessionDescription(parsing: "o=- 1 1 IN IP4 0.0.0.0\r\n") }
    #expect(throws: SDPError.missingVersion) { try SessionDescription(parsing: "x\r\n") }
    let error = parseError("v=1\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n")
    #expect(error == .malformedLine(number: 1, text: "v=1", reason: "unsupported SDP version"))
  }

  @Test func missingSessionLines() {
    #expect(throws: SDPError.missingLine(type: "o")) { try SessionDescription(parsing: "v=0\r\ns=-\r\nt=0 0\r\n") }
    #expect(throws: SDPError.missingLine(type: "s")) {
      try SessionDescription(parsing: "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nt=0 0\r\n")
    }
    #expect(throws: SDPError.missingLine(type: "t")) {
      try SessionDescription(parsing: "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n")
    }
    #expect(throws: SDPError.missingLine(type: "o")) {
      try SessionDescription(parsing: "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n")
    }
  }

  @Test func emptyLineInTheMiddle() {
    let error = parseError(inserting(""))
    #expect(error == .malformedLine(number: 9, text: "", reason: "empty line"))
  }

  @Test func truncatedInTheMiddleOfALine() throws {
    let bytes = try Fixtures.bytes(Fixtures.metaOffer)
    // Cut inside the second candidate line (line 12).
    let cut = Array(bytes.prefix(400))
    #expect(cut.last != 0x0A)
    #expect(cut.filter { $0 == 0x0A }.count == 11)
    #expect(throws: SDPError.truncated(line: 12)) { try SessionDescription(parsing: cut) }
    // Every cut that does not end a line is reported as truncated, never a crash.
    for length in stride(from: 1, to: bytes.count, by: 7) where bytes[length - 1] != 0x0A {
      let error = #expect(throws: SDPError.self) { try SessionDescription(parsing: bytes.prefix(length)) }
      if case .truncated = error {
      } else if error != .missingVersion {
        Issue.record("cut at \(length): \(String(describing: error))")
      }
    }
  }

  @Test func invalidUTF8() throws {
    var bytes = Array("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=".utf8)
    bytes += [0xC3, 0x28]
    bytes += Array("\r\nt=0 0\r\n".utf8)
    #expect(throws: SDPError.invalidUTF8(line: 3)) { try SessionDescription(parsing: bytes) }
    let valid = Array("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=Café ☎\r\nt=0 0\r\n".utf8)
    #expect(try SessionDescription(parsing: valid).sessionLines[2].value == "Café ☎")
  }

  @Test func megabyteOfRandomBytesIsTooLarge() {
    var generator = SeededGenerator(seed: 0x5EED)
    let bytes = (0..<1_048_576).map { _ in UInt8.random(in: 0...255, using: &generator) }
    #expect(throws: SDPError.tooLarge(size: 1_048_576, limit: 65_536)) { try SessionDescription(parsing: bytes) }
    #expect(throws: SDPError.tooLarge(size: 1_048_576, limit: 65_536)) {
      try SessionDescription(parsing: String(decoding: bytes, as: UTF8.self).utf8.prefix(1_048_576))
    }
  }

  @Test func megabyteOfAttributeLinesIsTooLarge() {
    let text = "v=0\r\n" + String(repeating: "a=\r\n", count: 262_144)
    let error = #expect(throws: SDPError.self) { try SessionDescription(parsing: text) }
    guard case .tooLarge(let size, 65_536) = error else {
      Issue.record("expected tooLarge, got \(String(describing: error))")
      return
    }
    #expect(size == text.utf8.count)
  }

  @Test func tooManyLines() {
    let text = "v=0\r\n" + String(repeating: "a=x\r\n", count: 5_000)
    #expect(throws: SDPError.tooManyLines(limit: 4_096)) { try SessionDescription(parsing: text) }
  }

  @Test func randomGarbageBelowTheLimitThrowsTypedErrors() {
    var generator = SeededGenerator(seed: 42)
    for round in 0..<200 {
      let count = Int.random(in: 0...65_536, using: &generator)
      var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      if round.isMultiple(of: 2) { bytes = Array("v=0\r\n".utf8) + bytes.prefix(60_000) }
      #expect(throws: SDPError.self) { try SessionDescription(parsing: bytes) }
    }
  }

  /// Random byte edits of a fixture: whatever parses must serialize and re-parse to the same value,
  /// and negotiation must throw or succeed, never trap.
  @Test func mutatedFixturesNeverCrash() throws {
    let original = try Fixtures.bytes(Fixtures.chromeOffer)
    let local = try Fixtures.local()
    let alphabet = Array(" :/=.-\r\n0123456789abcdefxyzAZ".utf8)
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<1_500 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        let index = Int.random(in: 0..<bytes.count, using: &generator)
        switch UInt8.random(in: 0...2, using: &generator) {
        case 0: bytes[index] = alphabet.randomElement(using: &generator) ?? 0
        case 1: bytes.remove(at: index)
        default: bytes.insert(alphabet.randomElement(using: &generator) ?? 0, at: index)
        }
      }
      guard let session = try? SessionDescription(parsing: bytes) else { continue }
      #expect(try SessionDescription(parsing: session.serialized()) == session)
      _ = try? session.audio()
      if let (answer, _) = try? Negotiation.answer(to: SDPOffer(session), local: local) {
        #expect(try SDPAnswer(parsing: answer.sdp) == answer)
      }
    }
  }

  @Test func descriptionsAreOneLine() {
    let errors: [SDPError] = [
      .tooLarge(size: 1, limit: 2), .tooManyLines(limit: 3), .invalidUTF8(line: 4), .truncated(line: 5),
      .missingVersion, .malformedLine(number: 6, text: "x", reason: "r"), .missingLine(type: "o"),
      .invalidCandidate(text: "c", reason: "r"), .invalidFingerprint(text: "f", reason: "r"),
      .invalidAddress(text: "a"), .noAudio, .notAudio(media: "video"), .noCommonCodec, .noFingerprint,
      .noSHA256Fingerprint(offered: ["sha-1"]), .missingICECredentials, .rtcpMuxRequired,
      .unsupportedProtocol("RTP/AVP"), .missingSetup, .invalidSetup("actpass"), .audioRejected,
      .answerMismatch(reason: "r"), .invalidLocalParameters(reason: "r"),
    ]
    for error in errors {
      #expect(!error.description.isEmpty)
      #expect(!error.description.contains("\n"))
    }
  }
}
