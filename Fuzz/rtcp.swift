// libFuzzer target: RTCP compound parsing (RFC 3550, RFC 4585, transport-cc).
// Built by scripts/fuzz together with Sources/ParleyRTP; every parse must either throw or round-trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let raw = UnsafeRawBufferPointer(start: data, count: size)
  var iterator = RTCPCompoundIterator(raw)
  while true {
    guard let packet = try? iterator.next() else { break }
    switch packet {
    case .senderReport(let p):
      for i in 0..<p.reportCount { _ = p.reportBlock(at: i, in: raw) }
      _ = p.profileExtension(in: raw)
    case .receiverReport(let p):
      for i in 0..<p.reportCount { _ = p.reportBlock(at: i, in: raw) }
      _ = p.profileExtension(in: raw)
    case .sourceDescription(let p):
      var chunks = p.chunks(in: raw)
      while let c = try? chunks.next() { for item in c.items(in: raw) { _ = item.text(in: raw) } }
    case .bye(let p):
      for i in 0..<p.sourceCount { _ = p.source(at: i, in: raw) }
      _ = p.reason(in: raw)
    case .genericNACK(let p): _ = p.lostSequenceNumbers(in: raw)
    case .transportWideFeedback(let p): _ = p.feedbackControlInformation(in: raw)
    case .payloadSpecificFeedback(let p): _ = p.feedbackControlInformation(in: raw)
    case .unknown(let p): _ = p.body(in: raw)
    }
  }
  guard let packets = try? RTCPPacket.parseCompound(Array(raw)) else { return 0 }
  let bytes = try! RTCPPacket.serializeCompound(packets)
  let again = try! RTCPPacket.parseCompound(bytes)
  precondition(again == packets, "reparse differs")
  return 0
}
