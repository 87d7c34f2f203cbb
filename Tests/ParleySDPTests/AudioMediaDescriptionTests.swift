import Testing

@testable import ParleySDP

@Suite struct AudioMediaDescriptionTests {
  @Test func metaOfferTypedView() throws {
    let audio = try SessionDescription(parsing: try Fixtures.text(Fixtures.metaOffer)).audio()
    #expect(audio.index == 0)
    #expect(audio.mid == "audio")
    #expect(audio.formats.map(\.payloadType) == [111, 126])
    #expect(audio.opus?.rtpmapValue == "111 opus/48000/2")
    #expect(audio.opus?.feedback == ["transport-cc"])
    #expect(audio.opus?.parameters["minptime"] == "10")
    #expect(audio.opusParameters == OpusParameters(minPTime: 10, useInbandFEC: true))
    #expect(audio.telephoneEvent?.payloadType == 126)
    #expect(audio.iceUfrag == "6k2qP1R6kBfI/2")
    #expect(audio.icePwd == "UApvJw3NcwFRDvIMKdM0vWCdlXah25E9")
    #expect(audio.iceLite)
    #expect(audio.iceOptions.isEmpty)
    #expect(audio.candidates.count == 2)
    #expect(!audio.endOfCandidates)
    #expect(audio.fingerprints.map(\.algorithm) == ["sha-256"])
    #expect(audio.setup == .actpass)
    #expect(audio.rtcpMux)
    #expect(!audio.rtcpReducedSize)
    #expect(audio.direction == .sendrecv)
    #expect(audio.extensionMaps.map(\.id) == [1, 2, 3])
    #expect(audio.audioLevelExtensionID == 1)
    #expect(audio.ssrcs.count == 1)
    #expect(audio.ssrcs[0].ssrc == 4_208_138_518)
    #expect(audio.ssrcs[0].cname == "gAXq2V9TKltrnapv")
    #expect(
      audio.ssrcs[0].msid
        == MediaStreamID(streamID: "6932bc1c-db1a-4abe-b437-0c4168be8a13", trackID: "audio#R5wfXFcdmT6"))
    #expect(audio.ssrcs[0].attributes.map(\.name) == ["cname", "msid", "mslabel", "label"])
    #expect(audio.bundleGroup == MediaGroup(semantics: "BUNDLE", mids: ["audio"]))
    #expect(audio.connection?.address == "31.13.65.60")
  }

  @Test func sipStyleOpusParameters() throws {
    let offer = try Fixtures.text(Fixtures.metaOffer)
    let text = Fixtures.edit(
      offer,
      [
        "a=fmtp:111 minptime=10;useinbandfec=1":
          "a=fmtp:111 maxaveragebitrate=20000;maxplaybackrate=16000;minptime=20;sprop-maxcapturerate=16000;"
          + "useinbandfec=1\r\na=ptime:20\r\na=maxptime:20"
      ])
    let audio = try SessionDescription(parsing: text).audio()
    #expect(
      audio.opusParameters
        == OpusParameters(
          minPTime: 20, useInbandFEC: true, maxPlaybackRate: 16000, spropMaxCaptureRate: 16000,
          maxAverageBitrate: 20000, ptime: 20, maxPTime: 20))
    #expect(audio.ptime == 20)
    #expect(audio.maxPTime == 20)
  }

  @Test func aiortcOfferTypedView() throws {
    let audio = try SessionDescription(parsing: try Fixtures.text(Fixtures.aiortcOffer)).audio()
    #expect(audio.mid == "0")
    #expect(audio.formats.map(\.encodingName) == ["opus", "G722", "PCMU", "PCMA"])
    #expect(audio.opus?.payloadType == 96)
    #expect(audio.telephoneEvent == nil)
    #expect(audio.fingerprints.map(\.algorithm) == ["sha-256", "sha-384", "sha-512"])
    #expect(audio.fingerprints.map(\.bytes.count) == [32, 48, 64])
    #expect(audio.endOfCandidates)
    #expect(audio.candidates.map(\.address) == [.ip(.v4(IPv4Address(127, 0, 0, 1)))])
    #expect(audio.msid?.trackID != nil)
    #expect(!audio.iceLite)
  }

  @Test func chromeOfferTypedView() throws {
    let audio = try SessionDescription(parsing: try Fixtures.text(Fixtures.chromeOffer)).audio()
    #expect(audio.formats.map(\.payloadType) == [111, 63, 9, 0, 8, 13, 110, 126])
    #expect(audio.format(named: "red", clockRate: 48000)?.parameters.parameters.first?.name == "111/111")
    #expect(audio.format(named: "telephone-event", clockRate: 48000)?.payloadType == 110)
    #expect(audio.telephoneEvent?.payloadType == 126)
    #expect(audio.iceOptions == ["trickle"])
    #expect(audio.rtcpReducedSize)
    #expect(audio.candidates.map(\.transport) == [.udp, .udp, .udp, .tcp, .udp])
    #expect(audio.bundleGroup?.mids == ["0", "1", "2"])
  }

  @Test func staticPayloadTypesWithoutRtpmap() throws {
    let text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0 8 99\r\n"
    let audio = try SessionDescription(parsing: text).audio()
    #expect(audio.formats.map(\.encodingName) == ["PCMU", "PCMA"])
    #expect(audio.opus == nil)
  }

  @Test func sessionLevelFallbacks() throws {
    let text =
      "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=ice-ufrag:sess\r\na=ice-pwd:sessionpasswordsessionpw\r\n"
      + "a=fingerprint:sha-256 \(Fixtures.hex32)\r\na=setup:passive\r\na=recvonly\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:medi\r\na=rtpmap:111 opus/48000/2\r\n"
    let audio = try SessionDescription(parsing: text).audio()
    #expect(audio.iceUfrag == "medi")
    #expect(audio.icePwd == "sessionpasswordsessionpw")
    #expect(audio.fingerprints.count == 1)
    #expect(audio.setup == .passive)
    #expect(audio.direction == .recvonly)
  }

  @Test(arguments: [
    ("a=rtpmap:111 opus", "rtpmap encoding 'opus' must be <name>/<clock rate>[/<channels>]"),
    ("a=rtpmap:300 opus/48000/2", "rtpmap needs '<payload type 0...127> <encoding>/<clock rate>[/<channels>]'"),
    ("a=rtpmap:111 opus/0/2", "rtpmap clock rate '0' is not a positive 32-bit number"),
    ("a=setup:sometimes", "setup must be active, passive, actpass or holdconn"),
    ("a=ice-ufrag:bad ufrag", "ice-ufrag must be 1...256 ice-chars"),
    ("a=fingerprint:sha-256 1B", "fingerprint: sha-256 needs 32 bytes, found 1"),
    ("a=extmap:0 urn:x", "extmap id '0' must be 1...255"),
    ("a=ssrc:notanumber cname:x", "ssrc needs '<32-bit ssrc> <attribute>[:<value>]'"),
    ("a=ptime:abc", "ptime must be a number of milliseconds"),
  ])
  func badAttributeNamesLineAndReason(line: String, reason: String) throws {
    var lines = try Fixtures.text(Fixtures.metaOffer).sdpLines
    lines.insert(line, at: 9)
    let session = try SessionDescription(parsing: lines.joined(separator: "\r\n") + "\r\n")
    let error = #expect(throws: SDPError.self) { try session.audio() }
    #expect(error == .malformedLine(number: 10, text: line, reason: reason))
  }

  @Test func badOpusParameterNamesTheFmtpLine() throws {
    let text = Fixtures.edit(
      try Fixtures.text(Fixtures.metaOffer), ["a=fmtp:111 minptime=10;useinbandfec=1": "a=fmtp:111 useinbandfec=yes"])
    let error = #expect(throws: SDPError.self) { try SessionDescription(parsing: text).audio() }
    #expect(
      error
        == .malformedLine(
          number: 25, text: "a=fmtp:111 useinbandfec=yes", reason: "opus useinbandfec=yes must be 0 or 1"))
  }

  @Test func notAudio() throws {
    let session = try SessionDescription(parsing: try Fixtures.text(Fixtures.chromeOffer))
    #expect(throws: SDPError.notAudio(media: "video")) { try AudioMediaDescription(session, mediaIndex: 1) }
    #expect(throws: SDPError.noAudio) { try AudioMediaDescription(session, mediaIndex: 9) }
  }
}

extension Fixtures {
  static let hex32 = Fingerprint.hexString([UInt8](repeating: 0xAB, count: 32))
}
