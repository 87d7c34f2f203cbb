import Foundation
import ParleyDTLS
import ParleyMedia
import ParleyNice
import ParleySDP
import ParleySandbox
import Testing

/// The phone's SDP has WhatsApp's shape, Parley accepts it, and the phone refuses answers WhatsApp
/// would refuse.
@Suite struct PhoneSDPTests {
  final class Fixture {
    let loop = NiceLoop(name: "sdp-net")
    let worker = MediaWorker(name: "sdp")
    let phone: EmulatedPhone
    let parley: MediaLeg

    init() throws {
      let context = try DTLSContext(certificate: try DTLSCertificate.generate())
      phone = try EmulatedPhone(
        number: "15550100001", worker: worker, loop: loop, context: context, addresses: ["127.0.0.1", "::1"],
        app: .silence)
      parley = try ParleySide.leg(
        worker: worker, loop: loop, context: try DTLSContext(certificate: try DTLSCertificate.generate()),
        controlling: true, app: .silence, events: ParleySide.Events())
    }

    /// Parley's real answer to the phone's offer.
    func parleyAnswer() throws -> String {
      let offer = try SDPOffer(parsing: try phone.makeOffer())
      return try Negotiation.answer(to: offer, local: ParleySide.localParameters(for: parley)).0.sdp
    }

    func close() {
      phone.close()
      parley.close()
      worker.stop()
    }
  }

  @Test func theOfferHasWhatsAppsShapeAndParleyAnswersIt() throws {
    let fixture = try Fixture()
    defer { fixture.close() }
    let text = try fixture.phone.makeOffer()
    let lines = text.components(separatedBy: "\r\n").dropLast()
    #expect(text.hasSuffix("\r\n") && !lines.contains { $0.contains("\n") })
    for expected in [
      "a=ice-lite", "a=group:BUNDLE audio", "a=rtcp:9 IN IP4 0.0.0.0", "a=setup:actpass", "a=mid:audio", "a=sendrecv",
      "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "a=rtcp-fb:111 transport-cc",
      "a=fmtp:111 maxaveragebitrate=20000;maxplaybackrate=16000;minptime=20;sprop-maxcapturerate=16000;useinbandfec=1",
      "a=ptime:20", "a=maxptime:20", "a=rtpmap:126 telephone-event/8000",
      "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
      "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
      "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
    ] {
      #expect(lines.contains(expected), "missing \(expected)")
    }
    #expect(lines.filter { $0.hasPrefix("a=fingerprint:") }.count == 1)
    #expect(lines.contains { $0.hasPrefix("m=audio ") && $0.hasSuffix(" UDP/TLS/RTP/SAVPF 111 126") })
    #expect(lines.contains { $0.hasSuffix("cname:WhatsAppAudioStream1") })
    #expect(
      !lines.contains { $0.contains("ice-options") || $0.contains("end-of-candidates") || $0.contains("rtcp-rsize") })

    let offer = try SDPOffer(parsing: text)
    let audio = try offer.session.audio()
    let ufrag = try #require(audio.iceUfrag)
    #expect(ufrag.contains("/"))
    #expect(audio.iceLite && audio.setup == .actpass && audio.mid == "audio")
    #expect(audio.candidates.count == 2)
    #expect(audio.candidates.allSatisfy { $0.ufrag == ufrag && $0.type == .host && $0.transport == .udp })
    #expect(audio.fingerprints.map(\.algorithm) == ["sha-256"])
    #expect(audio.opusParameters?.maxPlaybackRate == 16_000)

    let (answer, negotiated) = try Negotiation.answer(
      to: offer, local: ParleySide.localParameters(for: fixture.parley))
    #expect(negotiated.iceControlling && negotiated.dtlsRole == .client && negotiated.remoteICELite)
    #expect(negotiated.opusPayloadType == 111 && negotiated.telephoneEventPayloadType == 126)
    #expect(answer.sdp.contains("a=setup:active"))
  }

  @Test func aValidAnswerIsAccepted() throws {
    let fixture = try Fixture()
    defer { fixture.close() }
    try fixture.phone.receiveAnswer(try fixture.parleyAnswer())
    #expect(throws: PhoneError.self) { try fixture.phone.receiveAnswer(try fixture.parleyAnswer()) }
  }

  /// Parley's answer with one change, and the words the refusal must contain.
  @Test(arguments: [
    ("passive", "a=setup:passive"),
    ("two fingerprints", "fingerprint lines"),
    ("ice-lite", "a=ice-lite"),
    ("no fingerprint", "No fingerprint"),
    ("sha-384 only", "only sha-256"),
    ("no rtcp-mux", "rtcp-mux"),
    ("other mid", "a=mid:audio"),
  ])
  func badAnswersAreRefused(change: String, reason: String) throws {
    let fixture = try Fixture()
    defer { fixture.close() }
    var lines = try fixture.parleyAnswer().components(separatedBy: "\r\n")
    let fingerprint = try #require(lines.firstIndex { $0.hasPrefix("a=fingerprint:") })
    switch change {
    case "passive": lines = lines.map { $0 == "a=setup:active" ? "a=setup:passive" : $0 }
    case "two fingerprints":
      lines.insert(
        "a=fingerprint:sha-512 " + Array(repeating: "AB", count: 64).joined(separator: ":"), at: fingerprint + 1)
    case "ice-lite": lines.insert("a=ice-lite", at: try #require(lines.firstIndex(of: "t=0 0")) + 1)
    case "no fingerprint": lines.remove(at: fingerprint)
    case "sha-384 only":
      lines[fingerprint] = "a=fingerprint:sha-384 " + Array(repeating: "CD", count: 48).joined(separator: ":")
    case "no rtcp-mux": lines.removeAll { $0 == "a=rtcp-mux" }
    default:
      lines = lines.map { $0 == "a=mid:audio" ? "a=mid:0" : $0 == "a=group:BUNDLE audio" ? "a=group:BUNDLE 0" : $0 }
    }
    let error = #expect(throws: PhoneError.self) { try fixture.phone.receiveAnswer(lines.joined(separator: "\r\n")) }
    #expect(error?.reason.contains(reason) == true, "\(change): \(error?.reason ?? "accepted")")
  }

  @Test func theAnswerToABusinessOfferHasWhatsAppsShape() throws {
    let fixture = try Fixture()
    defer { fixture.close() }
    let offer = Negotiation.createOffer(local: try ParleySide.localParameters(for: fixture.parley))
    let text = try fixture.phone.answer(offer: offer.sdp)
    let answer = try SDPAnswer(parsing: text)
    let audio = try answer.session.audio()
    #expect(audio.iceLite && audio.setup == .active && audio.fingerprints.map(\.algorithm) == ["sha-256"])
    #expect(audio.mediaLine.payloadTypes == [111, 126] && audio.candidates.count == 2)
    let negotiated = try Negotiation.applyAnswer(answer, to: offer)
    #expect(negotiated.dtlsRole == .server && negotiated.iceControlling && negotiated.remoteICELite)
  }

  @Test func badOffersAreRefused() throws {
    let fixture = try Fixture()
    defer { fixture.close() }
    let offer = Negotiation.createOffer(local: try ParleySide.localParameters(for: fixture.parley)).sdp
    let noOpus = offer.replacingOccurrences(of: "opus/48000/2", with: "G722/8000")
    let active = offer.replacingOccurrences(of: "a=setup:actpass", with: "a=setup:active")
    let noFingerprint = offer.components(separatedBy: "\r\n").filter { !$0.hasPrefix("a=fingerprint:") }
      .joined(separator: "\r\n")
    for (bad, reason) in [(noOpus, "opus"), (active, "actpass"), (noFingerprint, "fingerprint")] {
      let error = #expect(throws: PhoneError.self) { _ = try fixture.phone.answer(offer: bad) }
      #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "accepted")")
    }
  }
}
