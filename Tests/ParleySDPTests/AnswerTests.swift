import Foundation
import Testing

@testable import ParleySDP

@Suite struct AnswerTests {
  let metaOffer: String

  init() throws {
    metaOffer = try Fixtures.text(Fixtures.metaOffer)
  }

  func answer(_ text: String, local: LocalMediaParameters? = nil) throws -> (SDPAnswer, NegotiatedAudio) {
    try Negotiation.answer(to: SDPOffer(parsing: text), local: local ?? Fixtures.local())
  }

  func answerError(_ text: String) throws -> SDPError? {
    let offer = try SDPOffer(parsing: text)
    let local = try Fixtures.local()
    return #expect(throws: SDPError.self) { try Negotiation.answer(to: offer, local: local) }
  }

  @Test func metaOfferAnswerHasEveryProperty() throws {
    let (answer, negotiated) = try answer(metaOffer)
    let sdp = answer.sdp
    let lines = sdp.sdpLines
    #expect(sdp.hasOnlyCRLF)
    #expect(sdp.hasSuffix("\r\n"))
    #expect(lines.first == "v=0")
    #expect(lines.contains("o=- 2822644248144643933 2 IN IP4 127.0.0.1"))
    #expect(lines.contains("a=setup:active"))
    #expect(
      lines.filter { $0.hasPrefix("a=fingerprint:") } == [
        "a=fingerprint:sha-256 \(Fixtures.hex(Fixtures.localFingerprint))"
      ])
    #expect(!lines.contains { $0.hasPrefix("a=ice-lite") })
    #expect(lines.contains("m=audio 9 UDP/TLS/RTP/SAVPF 111 126"))
    #expect(lines.contains("c=IN IP4 0.0.0.0"))
    #expect(lines.contains("a=rtcp:9 IN IP4 0.0.0.0"))
    #expect(lines.contains("a=rtpmap:111 opus/48000/2"))
    #expect(lines.contains("a=fmtp:111 minptime=10;useinbandfec=1"))
    #expect(lines.contains("a=rtpmap:126 telephone-event/8000"))
    #expect(lines.contains("a=group:BUNDLE audio"))
    #expect(lines.contains("a=mid:audio"))
    #expect(lines.contains("a=rtcp-mux"))
    #expect(lines.contains("a=sendrecv"))
    #expect(lines.contains("a=ice-ufrag:PrlY"))
    #expect(lines.contains("a=ice-pwd:ParleyIcePassword0123456"))
    #expect(lines.contains("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level"))
    #expect(!lines.contains { $0.hasPrefix("a=extmap:2") || $0.hasPrefix("a=extmap:3") })
    #expect(lines.contains("a=ssrc:330833028 cname:parley-cname"))
    #expect(lines.contains("a=ssrc:330833028 msid:parley-stream parley-track"))
    #expect(!lines.contains { $0.hasPrefix("a=candidate") || $0 == "a=end-of-candidates" })
    #expect(lines.filter { $0.hasPrefix("m=") }.count == 1)

    let reparsed = try SDPAnswer(parsing: sdp)
    #expect(reparsed == answer)
    let audio = try reparsed.session.audio()
    #expect(audio.setup == .active)
    #expect(audio.fingerprints == [Fingerprint(sha256: Fixtures.localFingerprint)])

    #expect(negotiated.iceControlling)
    #expect(negotiated.dtlsRole == .client)
    #expect(negotiated.remoteICELite)
    #expect(
      negotiated.remoteFingerprint.bytes
        == (try Fingerprint.bytes(
          fromHex:
            "1B:B6:6B:40:A5:0B:8C:75:0D:8C:CB:90:2F:99:74:1E:26:45:AE:AF:45:C1:51:60:8F:73:C9:2D:10:6D:8A:88")))
    #expect(negotiated.remoteFingerprint.algorithm == "sha-256")
    #expect(negotiated.remoteICEUfrag == "6k2qP1R6kBfI/2")
    #expect(negotiated.remoteICEPwd == "UApvJw3NcwFRDvIMKdM0vWCdlXah25E9")
    #expect(negotiated.remoteSSRC == 4_208_138_518)
    #expect(negotiated.opusPayloadType == 111)
    #expect(negotiated.telephoneEventPayloadType == 126)
    #expect(negotiated.opus == OpusParameters(minPTime: 10, useInbandFEC: true))
    #expect(negotiated.audioLevelExtensionID == 1)
    #expect(negotiated.mid == "audio")
    #expect(negotiated.bundle)
    #expect(negotiated.rtcpMux)
    #expect(negotiated.direction == .sendrecv)

    let candidates = negotiated.remoteCandidates
    #expect(candidates.count == 2)
    #expect(candidates.map(\.address.description) == ["31.13.65.60", "2a03:2880:f211:cf:face:b00c:0:6443"])
    #expect(candidates[0].address == .ip(.v4(IPv4Address(31, 13, 65, 60))))
    #expect(candidates[1].address.ipAddress?.isIPv6 == true)
    #expect(candidates.allSatisfy { $0.port == 40012 && $0.transport == .udp && $0.type == .host })
    #expect(candidates.allSatisfy { $0.ufrag == "6k2qP1R6kBfI/2" })
  }

  /// Meta's side of the same exchange: applying our answer to its offer gives the mirror roles.
  @Test func metaSideSeesTheMirrorRoles() throws {
    let offer = try SDPOffer(parsing: metaOffer)
    let (answer, _) = try Negotiation.answer(to: offer, local: try Fixtures.local())
    let seenByMeta = try Negotiation.applyAnswer(answer, to: offer)
    #expect(seenByMeta.dtlsRole == .server)
    #expect(seenByMeta.remoteFingerprint == Fingerprint(sha256: Fixtures.localFingerprint))
    #expect(seenByMeta.remoteSSRC == 330_833_028)
    #expect(!seenByMeta.remoteICELite)
  }

  @Test func sipStyleOpusParametersAreReportedAsDeclared() throws {
    let text = Fixtures.edit(
      metaOffer,
      [
        "a=fmtp:111 minptime=10;useinbandfec=1":
          "a=fmtp:111 maxaveragebitrate=20000;maxplaybackrate=16000;minptime=20;sprop-maxcapturerate=16000;"
          + "useinbandfec=1;stereo=0\r\na=ptime:20"
      ])
    let (answer, negotiated) = try answer(text)
    #expect(negotiated.opus.maxPlaybackRate == 16000)
    #expect(negotiated.opus.maxAverageBitrate == 20000)
    #expect(negotiated.opus.useInbandFEC == true)
    #expect(negotiated.opus.stereo == false)
    #expect(negotiated.opus.ptime == 20)
    #expect(answer.sdp.sdpLines.contains("a=fmtp:111 minptime=10;useinbandfec=1"))
  }

  @Test func aiortcOfferPicksSHA256AndAnswersAsControlledClient() throws {
    let (answer, negotiated) = try answer(try Fixtures.text(Fixtures.aiortcOffer))
    let lines = answer.sdp.sdpLines
    #expect(lines.contains("m=audio 9 UDP/TLS/RTP/SAVPF 96"))
    #expect(lines.contains("a=rtpmap:96 opus/48000/2"))
    #expect(lines.contains("a=group:BUNDLE 0"))
    #expect(lines.contains("a=mid:0"))
    #expect(lines.contains("a=setup:active"))
    #expect(lines.contains("a=extmap:2 urn:ietf:params:rtp-hdrext:ssrc-audio-level"))
    #expect(!lines.contains { $0.contains("telephone-event") })
    #expect(lines.filter { $0.hasPrefix("a=fingerprint:") }.count == 1)
    #expect(negotiated.remoteFingerprint.algorithm == "sha-256")
    #expect(negotiated.remoteFingerprint.bytes.first == 0x94)
    #expect(negotiated.telephoneEventPayloadType == nil)
    #expect(!negotiated.iceControlling)
    #expect(!negotiated.remoteICELite)
    #expect(negotiated.dtlsRole == .client)
    #expect(negotiated.remoteCandidates.count == 1)
    #expect(negotiated.remoteCandidates[0].port == 49558)
    #expect(negotiated.remoteSSRC == 260_534_318)
  }

  @Test func chromeOfferRejectsVideoAndData() throws {
    let (answer, negotiated) = try answer(try Fixtures.text(Fixtures.chromeOffer))
    let sections = answer.session.mediaDescriptions
    #expect(sections.map(\.media) == ["audio", "video", "application"])
    #expect(sections[0].mediaLine.description == "audio 9 UDP/TLS/RTP/SAVPF 111 126")
    #expect(sections[1].mediaLine.description == "video 0 UDP/TLS/RTP/SAVPF 96")
    #expect(sections[2].mediaLine.description == "application 0 UDP/DTLS/SCTP webrtc-datachannel")
    #expect(sections[1].mid == "1")
    #expect(sections[2].mid == "2")
    #expect(answer.session.groups == [MediaGroup(semantics: "BUNDLE", mids: ["0"])])
    let lines = answer.sdp.sdpLines
    #expect(!lines.contains { $0.contains("red/") || $0.contains("G722") || $0.contains("PCM") || $0.contains("CN/") })
    #expect(!lines.contains { $0.contains("telephone-event/48000") })
    #expect(lines.filter { $0.hasPrefix("a=fingerprint:") }.count == 1)
    #expect(!lines.contains { $0.hasPrefix("a=rtcp-rsize") || $0.hasPrefix("a=ice-options") })
    #expect(negotiated.opusPayloadType == 111)
    #expect(negotiated.telephoneEventPayloadType == 126)
    #expect(negotiated.mid == "0")
    #expect(!negotiated.iceControlling)
    #expect(negotiated.remoteCandidates.count == 5)
    #expect(negotiated.remoteCandidates.filter { $0.transport == .tcp }.count == 1)
    #expect(negotiated.remoteCandidates.contains { $0.address == .mdns("7e1f2c3a-5b4d-4e6f-8a9b-0c1d2e3f4a5b.local") })
    #expect(negotiated.remoteSSRC == 1_604_539_237)
    #expect(try SDPAnswer(parsing: answer.sdp) == answer)
  }

  @Test func secondAudioSectionIsRejected() throws {
    let extra = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:second\r\na=rtpmap:111 opus/48000/2\r\n"
    let (answer, negotiated) = try answer(metaOffer + extra)
    #expect(answer.session.mediaDescriptions.map(\.mediaLine.port) == [9, 0])
    #expect(answer.session.mediaDescriptions[1].mid == "second")
    #expect(negotiated.mid == "audio")
  }

  @Test func rejectedFirstAudioIsSkipped() throws {
    let first = "m=audio 0 UDP/TLS/RTP/SAVPF 0\r\na=mid:old\r\n"
    let lines = metaOffer.sdpLines
    let text = (Array(lines[0..<7]) + first.sdpLines + Array(lines[7...])).joined(separator: "\r\n") + "\r\n"
    let (answer, negotiated) = try answer(text)
    #expect(answer.session.mediaDescriptions.map(\.mediaLine.port) == [0, 9])
    #expect(negotiated.mid == "audio")
  }

  @Test(arguments: [
    (DTLSSetup.active, DTLSSetup.passive, DTLSRole.server),
    (.passive, .active, .client),
    (.actpass, .active, .client),
  ])
  func dtlsSetup(offered: DTLSSetup, answered: DTLSSetup, role: DTLSRole) throws {
    let (answer, negotiated) = try answer(Fixtures.edit(metaOffer, ["a=setup:actpass": "a=setup:\(offered.rawValue)"]))
    #expect(try answer.session.audio().setup == answered)
    #expect(negotiated.dtlsRole == role)
  }

  @Test func offerWithoutSetupIsTreatedAsActpass() throws {
    let (_, negotiated) = try answer(Fixtures.edit(metaOffer, ["a=setup:actpass": nil]))
    #expect(negotiated.dtlsRole == .client)
  }

  @Test(arguments: [
    (MediaDirection.sendrecv, MediaDirection.sendrecv), (.sendonly, .recvonly), (.recvonly, .sendonly),
    (.inactive, .inactive),
  ])
  func direction(offered: MediaDirection, answered: MediaDirection) throws {
    let (answer, negotiated) = try answer(Fixtures.edit(metaOffer, ["a=sendrecv": "a=\(offered.rawValue)"]))
    #expect(try answer.session.audio().direction == answered)
    #expect(negotiated.direction == answered)
  }

  @Test func localCandidatesSetTheDefaultAddress() throws {
    let candidates = [
      ICECandidate(
        foundation: "1", priority: 2_130_706_431, address: .ip(.v4(IPv4Address(127, 0, 0, 1))), port: 50000, type: .host
      ),
      ICECandidate(
        foundation: "2", priority: 2_130_706_430, address: .ip(try IPAddress(parsing: "::1")), port: 50002,
        type: .host),
    ]
    let (answer, _) = try answer(metaOffer, local: try Fixtures.local(candidates: candidates))
    let lines = answer.sdp.sdpLines
    #expect(lines.contains("m=audio 50000 UDP/TLS/RTP/SAVPF 111 126"))
    #expect(lines.contains("c=IN IP4 127.0.0.1"))
    #expect(lines.contains("a=candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host"))
    #expect(lines.contains("a=candidate:2 1 udp 2130706430 ::1 50002 typ host"))
    #expect(lines.contains("a=end-of-candidates"))
    #expect(try answer.session.audio().candidates == candidates)
  }

  // MARK: Errors

  @Test func noFingerprint() throws {
    let text = Fixtures.edit(metaOffer, [metaOffer.sdpLines[14]: nil])
    #expect(try answerError(text) == .noFingerprint)
  }

  @Test func noSHA256Fingerprint() throws {
    let sha1 = "a=fingerprint:sha-1 " + Fingerprint.hexString([UInt8](repeating: 1, count: 20))
    let text = Fixtures.edit(metaOffer, [metaOffer.sdpLines[14]: sha1])
    #expect(try answerError(text) == .noSHA256Fingerprint(offered: ["sha-1"]))
  }

  @Test func noAudio() throws {
    let text = metaOffer.replacingOccurrences(of: "m=audio", with: "m=video")
    #expect(try answerError(text) == .noAudio)
    #expect(try answerError("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n") == .noAudio)
  }

  @Test func noCommonCodec() throws {
    let text = Fixtures.edit(metaOffer, ["a=rtpmap:111 opus/48000/2": "a=rtpmap:111 ISAC/16000"])
    #expect(try answerError(text) == .noCommonCodec)
    let mono = Fixtures.edit(metaOffer, ["a=rtpmap:111 opus/48000/2": "a=rtpmap:111 opus/48000"])
    #expect(try answerError(mono) == .noCommonCodec)
  }

  @Test func rtcpMuxRequired() throws {
    #expect(try answerError(Fixtures.edit(metaOffer, ["a=rtcp-mux": nil])) == .rtcpMuxRequired)
  }

  @Test func missingICECredentials() throws {
    let text = Fixtures.edit(metaOffer, ["a=ice-pwd:UApvJw3NcwFRDvIMKdM0vWCdlXah25E9": nil])
    #expect(try answerError(text) == .missingICECredentials)
  }

  @Test func unsupportedProtocol() throws {
    let text = metaOffer.replacingOccurrences(of: "UDP/TLS/RTP/SAVPF", with: "RTP/AVP")
    #expect(try answerError(text) == .unsupportedProtocol("RTP/AVP"))
    let savp = metaOffer.replacingOccurrences(of: "UDP/TLS/RTP/SAVPF", with: "UDP/TLS/RTP/SAVP")
    #expect(try answer(savp).0.sdp.contains("m=audio 9 UDP/TLS/RTP/SAVP 111 126\r\n"))
  }

  @Test func holdconnIsRefused() throws {
    let text = Fixtures.edit(metaOffer, ["a=setup:actpass": "a=setup:holdconn"])
    #expect(try answerError(text) == .invalidSetup("holdconn"))
  }
}

extension Fixtures {
  static func hex(_ bytes: [UInt8]) -> String { Fingerprint.hexString(bytes) }
}
