// libFuzzer target: SDP parsing (RFC 8866) and offer/answer (RFC 3264) with WhatsApp's rules.
// Built by scripts/fuzz together with Sources/ParleySDP. Every input must either throw a typed error
// or round-trip, and every answer Parley produces must parse again.

let local = try! LocalMediaParameters(
  iceUfrag: "fuzzUfrag", icePwd: "fuzzPasswordfuzzPassword", fingerprintSHA256: [UInt8](repeating: 0xAB, count: 32),
  candidates: [ICECandidate.host(address: try! IPAddress(parsing: "127.0.0.1"), port: 40_000)], ssrc: 1234,
  cname: "fuzzcname", streamID: "stream", trackID: "track", sessionID: 42)
let ourOffer = Negotiation.createOffer(local: local)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard let session = try? SessionDescription(parsing: bytes) else { return 0 }
  let text = session.serialized()
  let again = try! SessionDescription(parsing: text)
  precondition(again.serialized() == text, "serialize → parse → serialize differs")
  _ = try? session.audio()
  if let (answer, _) = try? Negotiation.answer(to: SDPOffer(session), local: local) {
    precondition((try? SDPAnswer(parsing: answer.sdp)) != nil, "our answer does not parse")
  }
  _ = try? Negotiation.applyAnswer(SDPAnswer(session), to: ourOffer)
  return 0
}
