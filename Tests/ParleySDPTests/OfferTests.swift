import Foundation
import Testing

@testable import ParleySDP

@Suite struct OfferTests {
  let offer: SDPOffer
  let metaAnswer: String

  init() throws {
    offer = Negotiation.createOffer(local: try Fixtures.local())
    metaAnswer = try Fixtures.text(Fixtures.metaAnswer)
  }

  func applyError(_ text: String) throws -> SDPError? {
    let answer = try SDPAnswer(parsing: text)
    return #expect(throws: SDPError.self) { try Negotiation.applyAnswer(answer, to: offer) }
  }

  @Test func offerHasEveryProperty() throws {
    let sdp = offer.sdp
    let lines = sdp.sdpLines
    #expect(sdp.hasOnlyCRLF)
    #expect(lines.contains("m=audio 9 UDP/TLS/RTP/SAVPF 111 126"))
    #expect(lines.contains("a=setup:actpass"))
    #expect(lines.contains("a=rtpmap:111 opus/48000/2"))
    #expect(lines.contains("a=fmtp:111 minptime=10;useinbandfec=1"))
    #expect(lines.contains("a=rtpmap:126 telephone-event/8000"))
    #expect(lines.contains("a=mid:audio"))
    #expect(lines.contains("a=group:BUNDLE audio"))
    #expect(lines.contains("a=rtcp-mux"))
    #expect(lines.contains("a=ssrc:330833028 cname:parley-cname"))
    #expect(
      lines.filter { $0.hasPrefix("a=fingerprint:") } == [
        "a=fingerprint:sha-256 \(Fixtures.hex(Fixtures.localFingerprint))"
      ])
    #expect(!lines.contains { $0.hasPrefix("a=ice-lite") })

    let reparsed = try SDPOffer(parsing: sdp)
    #expect(reparsed == offer)
    let audio = try reparsed.session.audio()
    #expect(audio.opus?.payloadType == 111)
    #expect(audio.telephoneEvent?.payloadType == 126)
    #expect(audio.audioLevelExtensionID == 1)
  }

  @Test func offerCarriesCandidatesAndLocalOpusPreferences() throws {
    let local = try LocalMediaParameters(
      iceUfrag: "abcd", icePwd: "0123456789abcdefghijkl", fingerprintSHA256: Fixtures.localFingerprint,
      candidates: [
        ICECandidate(
          foundation: "7", priority: 100, address: .ip(try IPAddress(parsing: "2001:db8::5")), port: 4000, type: .host)
      ], ssrc: 1, cname: "c", streamID: "s", trackID: "t", sessionID: 5, sessionVersion: 9,
      opus: OpusParameters(minPTime: 10, useInbandFEC: true, maxPlaybackRate: 16000, ptime: 20))
    let offer = Negotiation.createOffer(local: local)
    #expect(try SDPOffer(parsing: offer.sdp) == offer)
    #expect(offer.session.mediaDescriptions[0].connection?.ipAddress == (try IPAddress(parsing: "2001:db8::5")))
    let lines = offer.sdp.sdpLines
    #expect(lines.contains("o=- 5 9 IN IP4 127.0.0.1"))
    #expect(lines.contains("m=audio 4000 UDP/TLS/RTP/SAVPF 111 126"))
    #expect(lines.contains("c=IN IP6 2001:db8::5"))
    #expect(lines.contains("a=candidate:7 1 udp 100 2001:db8::5 4000 typ host"))
    #expect(lines.contains("a=end-of-candidates"))
    #expect(lines.contains("a=fmtp:111 minptime=10;useinbandfec=1;maxplaybackrate=16000"))
    #expect(lines.contains("a=ptime:20"))
  }

  /// Meta's sample answer (written for Meta's own offer, but it fits ours: mid audio, 111 + 126).
  @Test func metaAnswerMakesUsTheDTLSServer() throws {
    let negotiated = try Negotiation.applyAnswer(try SDPAnswer(parsing: metaAnswer), to: offer)
    #expect(negotiated.dtlsRole == .server)
    #expect(negotiated.iceControlling)
    #expect(!negotiated.remoteICELite)
    #expect(
      negotiated.remoteFingerprint
        == Fingerprint(
          sha256: try Fingerprint.bytes(
            fromHex: "2E:35:9F:21:9E:63:72:E5:42:74:76:2D:B3:70:F7:CB:24:14:9B:14:52:71:05:48:DA:4D:67:31:09:58:2A:ED"))
    )
    #expect(negotiated.remoteICEUfrag == "X1ho")
    #expect(negotiated.remoteICEPwd == "7fJSbV2N5qWiA5QiDKwK3vuh")
    #expect(negotiated.opusPayloadType == 111)
    #expect(negotiated.opus == OpusParameters(minPTime: 10, useInbandFEC: true))
    #expect(negotiated.telephoneEventPayloadType == 126)
    #expect(negotiated.audioLevelExtensionID == 1)
    #expect(negotiated.remoteCandidates.isEmpty)
    #expect(negotiated.remoteSSRC == 330_833_028)
    #expect(negotiated.mid == "audio")
    #expect(negotiated.bundle)
    #expect(negotiated.direction == .sendrecv)
  }

  /// A real aiortc answer to Parley's offer (full ICE agent, recvonly, sha-256/384/512, no telephone-event).
  @Test func aiortcAnswer() throws {
    let negotiated = try Negotiation.applyAnswer(
      try SDPAnswer(parsing: try Fixtures.text("aiortc-answer.sdp")), to: offer)
    #expect(negotiated.dtlsRole == .server)
    #expect(negotiated.iceControlling)
    #expect(!negotiated.remoteICELite)
    #expect(negotiated.remoteFingerprint.algorithm == "sha-256")
    #expect(negotiated.remoteFingerprint.bytes.first == 0x92)
    #expect(negotiated.opusPayloadType == 111)
    #expect(negotiated.telephoneEventPayloadType == nil)
    #expect(negotiated.direction == .sendonly)
    #expect(negotiated.remoteCandidates.map(\.address.description) == ["127.0.0.1"])
    #expect(negotiated.remoteSSRC == 388_003_976)
  }

  @Test func iceLiteAnswerWithCandidates() throws {
    let text = Fixtures.edit(
      metaAnswer,
      [
        "a=msid-semantic: WMS eb909cf0-87f0-4358-a4c9-7861680d9431":
          "a=msid-semantic: WMS eb909cf0-87f0-4358-a4c9-7861680d9431\r\na=ice-lite",
        "a=rtcp:9 IN IP4 0.0.0.0":
          "a=rtcp:9 IN IP4 0.0.0.0\r\na=candidate:1 1 udp 2113937151 31.13.65.130 3482 typ host generation 0",
      ])
    let negotiated = try Negotiation.applyAnswer(try SDPAnswer(parsing: text), to: offer)
    #expect(negotiated.remoteICELite)
    #expect(negotiated.iceControlling)
    #expect(negotiated.dtlsRole == .server)
    #expect(negotiated.remoteCandidates.map(\.port) == [3482])
  }

  @Test func passiveAnswerMakesUsTheClient() throws {
    let text = Fixtures.edit(metaAnswer, ["a=setup:active": "a=setup:passive"])
    #expect(try Negotiation.applyAnswer(try SDPAnswer(parsing: text), to: offer).dtlsRole == .client)
  }

  @Test func actpassInAnAnswerIsAnError() throws {
    #expect(
      try applyError(Fixtures.edit(metaAnswer, ["a=setup:active": "a=setup:actpass"])) == .invalidSetup("actpass"))
    #expect(try applyError(Fixtures.edit(metaAnswer, ["a=setup:active": nil])) == .missingSetup)
  }

  @Test func answerMustUseOfferedPayloadTypes() throws {
    let text = metaAnswer.replacingOccurrences(of: "111 126", with: "111 126 0")
    #expect(try applyError(text) == .answerMismatch(reason: "payload type 0 was not offered"))
    let remapped = Fixtures.edit(
      metaAnswer.replacingOccurrences(of: "SAVPF 111 126", with: "SAVPF 126"),
      ["a=rtpmap:126 telephone-event/8000": "a=rtpmap:126 opus/48000/2"])
    #expect(try applyError(remapped) == .answerMismatch(reason: "payload type 126 was not offered as opus"))
    let noOpus = metaAnswer.replacingOccurrences(of: "SAVPF 111 126", with: "SAVPF 126")
    #expect(try applyError(noOpus) == .noCommonCodec)
  }

  @Test func answerShapeMustFitTheOffer() throws {
    #expect(
      try applyError(metaAnswer + "m=video 0 UDP/TLS/RTP/SAVPF 96\r\n")
        == .answerMismatch(reason: "2 m-lines answer 1 offered"))
    #expect(
      try applyError(metaAnswer.replacingOccurrences(of: "m=audio", with: "m=video"))
        == .answerMismatch(reason: "m-line 1 is video, offered audio"))
    #expect(try applyError(metaAnswer.replacingOccurrences(of: "m=audio 9", with: "m=audio 0")) == .audioRejected)
    #expect(
      try applyError(metaAnswer.replacingOccurrences(of: "a=mid:audio", with: "a=mid:other"))
        == .answerMismatch(reason: "mid 'other' answers mid 'audio'"))
  }

  @Test func answerFingerprintAndTransportRules() throws {
    let fingerprintLine = metaAnswer.sdpLines[11]
    #expect(fingerprintLine.hasPrefix("a=fingerprint:"))
    #expect(try applyError(Fixtures.edit(metaAnswer, [fingerprintLine: nil])) == .noFingerprint)
    #expect(try applyError(Fixtures.edit(metaAnswer, ["a=rtcp-mux": nil])) == .rtcpMuxRequired)
    #expect(try applyError(Fixtures.edit(metaAnswer, ["a=ice-ufrag:X1ho": nil])) == .missingICECredentials)
  }

  @Test func localParametersAreValidated() {
    func make(
      ufrag: String = "abcd", pwd: String = "0123456789abcdefghijkl", fingerprint: [UInt8] = Fixtures.localFingerprint,
      cname: String = "c", sessionID: UInt64 = 1, candidates: [ICECandidate] = []
    ) throws(SDPError) -> LocalMediaParameters {
      try LocalMediaParameters(
        iceUfrag: ufrag, icePwd: pwd, fingerprintSHA256: fingerprint, candidates: candidates, ssrc: 1, cname: cname,
        streamID: "s", trackID: "t", sessionID: sessionID)
    }
    #expect(throws: Never.self) { try make() }
    #expect(throws: SDPError.invalidLocalParameters(reason: "ice-ufrag must be 4...256 ice-chars")) {
      try make(ufrag: "abc")
    }
    #expect(throws: SDPError.invalidLocalParameters(reason: "ice-pwd must be 22...256 ice-chars")) {
      try make(pwd: "short")
    }
    #expect(throws: SDPError.invalidLocalParameters(reason: "sha-256 fingerprint needs 32 bytes, got 3")) {
      try make(fingerprint: [1, 2, 3])
    }
    #expect(throws: SDPError.invalidLocalParameters(reason: "cname must be 1...256 token characters")) {
      try make(cname: "a b")
    }
    #expect(throws: SDPError.invalidLocalParameters(reason: "session id must be below 2^63 - 1")) {
      try make(sessionID: .max)
    }
    let mdns = ICECandidate(foundation: "1", priority: 1, address: .mdns("x.local"), port: 1, type: .host)
    #expect(throws: SDPError.invalidLocalParameters(reason: "local candidates need an IP address")) {
      try make(candidates: [mdns])
    }
  }
}
