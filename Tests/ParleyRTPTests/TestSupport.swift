import ParleyRTP

/// Runs `body` over the raw bytes of `bytes`.
@discardableResult
func withRaw<T>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
  try bytes.withUnsafeBytes(body)
}

/// Runs a writer over a zeroed buffer of `capacity` bytes and returns what it wrote.
func written(capacity: Int = 1500, _ body: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows -> [UInt8] {
  var buffer = [UInt8](repeating: 0, count: capacity)
  let count = try buffer.withUnsafeMutableBytes(body)
  return Array(buffer[0..<count])
}

/// Every packet of an RTCP compound packet, as views, with the bytes kept alive by the caller.
func views(_ raw: UnsafeRawBufferPointer) throws -> [RTCPPacketView] {
  var iterator = RTCPCompoundIterator(raw)
  var result: [RTCPPacketView] = []
  while let packet = try iterator.next() { result.append(packet) }
  return result
}

/// The RFC 8285 elements of a parsed packet as (id, data) pairs.
func elements(of view: RTPPacketView, in raw: UnsafeRawBufferPointer) throws -> [RTPHeaderExtension] {
  guard var iterator = try view.headerExtensions(in: raw) else { return [] }
  var result: [RTPHeaderExtension] = []
  while let element = try iterator.next() { result.append(RTPHeaderExtension(element, in: raw)) }
  return result
}
