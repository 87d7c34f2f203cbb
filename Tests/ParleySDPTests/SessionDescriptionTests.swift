import Testing

@testable import ParleySDP

@Suite struct SessionDescriptionTests {
  @Test(arguments: [Fixtures.metaOffer, Fixtures.metaAnswer, Fixtures.aiortcOffer, Fixtures.chromeOffer])
  func exactRoundTrip(fixture: String) throws {
    let bytes = try Fixtures.bytes(fixture)
    let parsed = try SessionDescription(parsing: bytes)
    #expect(Array(parsed.serialized().utf8) == bytes)
    let fromText = try SessionDescription(parsing: try Fixtures.text(fixture))
    #expect(fromText == parsed)
  }

  @Test func acceptsLFOnlyAndWritesCRLF() throws {
    let crlf = try Fixtures.text(Fixtures.metaOffer)
    let lf = crlf.replacingCRLF()
    let parsed = try SessionDescription(parsing: lf)
    #expect(parsed == (try SessionDescription(parsing: crlf)))
    #expect(parsed.serialized() == crlf)
    #expect(parsed.serialized().hasOnlyCRLF)
  }

  @Test func keepsLinesInOrderWithTypedAccessors() throws {
    let session = try SessionDescription(parsing: try Fixtures.text(Fixtures.metaOffer))
    #expect(session.sessionLines.count == 7)
    #expect(session.sessionLines.first == SDPLine(type: "v", value: "0"))
    #expect(session.isICELite)
    #expect(session.groups == [MediaGroup(semantics: "BUNDLE", mids: ["audio"])])
    #expect(session.attributeValue("msid-semantic") == " WMS 6932bc1c-db1a-4abe-b437-0c4168be8a13")
    #expect(session.mediaDescriptions.count == 1)

    let media = session.mediaDescriptions[0]
    #expect(
      media.mediaLine == MediaLine(media: "audio", port: 40012, proto: "UDP/TLS/RTP/SAVPF", formats: ["111", "126"]))
    #expect(media.mediaLine.payloadTypes == [111, 126])
    #expect(media.mediaLine.isRTP)
    #expect(media.connection == ConnectionData(addressType: "IP4", address: "31.13.65.60"))
    #expect(media.connection?.ipAddress == .v4(IPv4Address(31, 13, 65, 60)))
    #expect(media.mid == "audio")
    #expect(media.hasAttribute("rtcp-mux"))
    #expect(media.attributes.first { $0.name == "rtcp-mux" }?.isFlag == true)
    #expect(media.attributes.first { $0.name == "setup" } == SDPAttribute(name: "setup", value: "actpass"))
    #expect(media.attributeValues("extmap").count == 3)
    #expect(media.lines.count == 22)
    #expect(!media.isRejected)
  }

  @Test func unknownAttributesSurvive() throws {
    let text =
      "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=x-custom:hello world\r\n"
      + "m=audio 9 RTP/AVP 0\r\na=x-flag\r\nb=AS:64\r\nk=prompt\r\n"
    let session = try SessionDescription(parsing: text)
    #expect(session.serialized() == text)
    #expect(session.attributeValue("x-custom") == "hello world")
    #expect(session.mediaDescriptions[0].hasAttribute("x-flag"))
    #expect(session.mediaDescriptions[0].lines.map(\.type) == ["a", "b", "k"])
  }

  @Test func dataChannelSectionHasTokenFormats() throws {
    let session = try SessionDescription(parsing: try Fixtures.text(Fixtures.chromeOffer))
    let data = session.mediaDescriptions[2].mediaLine
    #expect(data.media == "application")
    #expect(data.proto == "UDP/DTLS/SCTP")
    #expect(data.formats == ["webrtc-datachannel"])
    #expect(data.payloadTypes.isEmpty)
    #expect(!data.isRTP)
  }

  @Test func portCountAndEmptySessionName() throws {
    let text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=\r\nt=0 0\r\nm=audio 49170/2 RTP/AVP 0\r\n"
    let session = try SessionDescription(parsing: text)
    #expect(session.mediaDescriptions[0].mediaLine.portCount == 2)
    #expect(session.serialized() == text)
  }

  @Test func connectionLines() throws {
    let text =
      "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 224.2.36.42/127\r\nt=0 0\r\n"
      + "m=audio 9 RTP/AVP 0\r\nc=IN IP6 2001:db8::1\r\n"
    let session = try SessionDescription(parsing: text)
    #expect(session.connection == ConnectionData(addressType: "IP4", address: "224.2.36.42/127"))
    #expect(session.connection?.ipAddress == nil)
    #expect(session.mediaDescriptions[0].connection?.ipAddress?.description == "2001:db8::1")
    #expect(session.serialized() == text)
  }

  @Test func toleratesTrailingBlankLines() throws {
    let text = try Fixtures.text(Fixtures.metaOffer)
    #expect(try SessionDescription(parsing: text + "\r\n\r\n").serialized() == text)
  }
}

extension String {
  func replacingCRLF() -> String {
    String(decoding: Array(utf8).filter { $0 != 0x0D }, as: UTF8.self)
  }
}
