// libFuzzer target: RTP parsing (RFC 3550, RFC 8285 extensions, RFC 4733, RFC 6464, RFC 7983 demux).
// Built by scripts/fuzz together with Sources/ParleyRTP; every parse must either throw or round-trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let raw = UnsafeRawBufferPointer(start: data, count: size)
  _ = PacketClass(classifying: raw)
  _ = try? TelephoneEvent(parsing: raw)
  _ = try? AudioLevel(parsing: raw)
  guard let view = try? RTPPacketView(parsing: raw) else { return 0 }
  for i in 0..<view.csrcCount { _ = view.csrc(at: i, in: raw) }
  _ = view.payload(in: raw)
  _ = view.extensionData(in: raw)
  if var it = try? view.headerExtensions(in: raw) {
    while let e = try? it.next() { _ = e.data(in: raw) }
  }
  let owned = RTPPacket(view, in: raw)
  let bytes = try! owned.serialized()
  precondition(bytes.count == size)
  let again = try! RTPPacket(parsing: bytes)
  precondition(again == owned)
  if let elements = try? owned.headerExtensions(), !elements.isEmpty,
    let block = try? RTPPacket.ExtensionBlock(elements: elements)
  {
    var p = owned
    p.extensionBlock = block
    let b = try! p.serialized()
    precondition(try! RTPPacket(parsing: b).headerExtensions() == elements)
  }
  return 0
}
