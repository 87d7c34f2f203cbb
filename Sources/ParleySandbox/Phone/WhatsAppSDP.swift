import ParleyNice
import ParleySDP

/// The phone's SDP, written line by line in the exact shape of WhatsApp's own (whatsapp-calling.md
/// §3.1 for its offer, §3.3 for its answer to a business-initiated call): session-level `a=ice-lite`,
/// one `m=audio` on the phone's port, host candidates with the trailing `ufrag` extension, one sha-256
/// fingerprint, Opus 111 at 16 kHz / 20 kbit/s with FEC and telephone-event/8000 126, CRLF line ends.
struct WhatsAppSDP {
  static let audioLevelURI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"
  static let absSendTimeURI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"
  static let transportCCURI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"
  static let opusFormatParameters =
    "maxaveragebitrate=20000;maxplaybackrate=16000;minptime=20;sprop-maxcapturerate=16000;useinbandfec=1"

  var ufrag: String
  var password: String
  var fingerprint: [UInt8]
  var candidates: [ICECandidateInfo]
  var ssrc: UInt32
  var sessionID: UInt64
  var streamID: String

  /// What the phone's answer keeps from an offer.
  struct AnswerChoice {
    var mid: String
    var bundle: Bool
    var opusPayloadType: UInt8
    var telephoneEventPayloadType: UInt8?
    /// Offered extensions among the three WhatsApp knows, with the offer's IDs.
    var extensions: [(id: UInt8, uri: String)]
  }

  /// The user-initiated offer (`a=setup:actpass`).
  func offer() -> String {
    text(
      setup: "actpass", mid: "audio", bundle: true, opus: 111, telephoneEvent: 126,
      extensions: [(1, Self.audioLevelURI), (2, Self.absSendTimeURI), (3, Self.transportCCURI)])
  }

  /// The answer to a business's offer (`a=setup:active`: the phone is the DTLS client).
  func answer(_ choice: AnswerChoice) -> String {
    text(
      setup: "active", mid: choice.mid, bundle: choice.bundle, opus: choice.opusPayloadType,
      telephoneEvent: choice.telephoneEventPayloadType, extensions: choice.extensions)
  }

  private func text(
    setup: String, mid: String, bundle: Bool, opus: UInt8, telephoneEvent: UInt8?,
    extensions: [(id: UInt8, uri: String)]
  ) -> String {
    let first = candidates.first
    let port = first?.port ?? 9
    let connection = first.map { "IN \($0.address.contains(":") ? "IP6" : "IP4") \($0.address)" } ?? "IN IP4 0.0.0.0"
    var lines = ["v=0", "o=- \(sessionID) 2 IN IP4 127.0.0.1", "s=-", "t=0 0"]
    if bundle { lines.append("a=group:BUNDLE \(mid)") }
    lines += ["a=msid-semantic: WMS \(streamID)", "a=ice-lite"]
    lines.append("m=audio \(port) UDP/TLS/RTP/SAVPF \(opus)" + (telephoneEvent.map { " \($0)" } ?? ""))
    lines += ["c=\(connection)", "a=rtcp:9 IN IP4 0.0.0.0"]
    for (index, candidate) in candidates.enumerated() {
      let priority = (UInt32(126) << 24) | (UInt32(65_535 - min(index, 65_535)) << 8) | 255
      let foundation = 1_972_637_320 &+ UInt32(truncatingIfNeeded: index) &* 31
      lines.append(
        "a=candidate:\(foundation) 1 udp \(priority) \(candidate.address) \(candidate.port) typ host generation 0"
          + " network-cost 50 ufrag \(ufrag)")
    }
    lines += [
      "a=ice-ufrag:\(ufrag)", "a=ice-pwd:\(password)", "a=fingerprint:sha-256 \(Fingerprint.hexString(fingerprint))",
      "a=setup:\(setup)", "a=mid:\(mid)",
    ]
    lines += extensions.map { "a=extmap:\($0.id) \($0.uri)" }
    lines += ["a=sendrecv", "a=msid:\(streamID) WhatsAppTrack1", "a=rtcp-mux", "a=rtpmap:\(opus) opus/48000/2"]
    lines += [
      "a=rtcp-fb:\(opus) transport-cc", "a=fmtp:\(opus) \(Self.opusFormatParameters)", "a=ptime:20", "a=maxptime:20",
    ]
    if let telephoneEvent { lines.append("a=rtpmap:\(telephoneEvent) telephone-event/8000") }
    lines += ["a=ssrc:\(ssrc) cname:WhatsAppAudioStream1", "a=ssrc:\(ssrc) msid:\(streamID) WhatsAppTrack1"]
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// Fresh WhatsApp-like identifiers: a 12-character ufrag with a `/2` suffix, a 32-character password.
  static func credentials(using generator: inout some RandomNumberGenerator) -> (ufrag: String, password: String) {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    func token(_ length: Int) -> String {
      String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
    return (token(12) + "/2", token(32))
  }
}
