// Big-endian loads and stores on raw buffers, checked in every build configuration.
//
// Parsers check lengths before reading and report short input with a typed error; the preconditions here only
// guard against a bug in that checking (a broken invariant traps, bad input throws).

extension UnsafeRawBufferPointer {
  @inline(__always)
  func u8(at offset: Int) -> UInt8 {
    precondition(offset >= 0 && offset < count, "read past the end of the buffer")
    return load(fromByteOffset: offset, as: UInt8.self)
  }

  @inline(__always)
  func u16(at offset: Int) -> UInt16 {
    precondition(offset >= 0 && offset <= count - 2, "read past the end of the buffer")
    return UInt16(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self))
  }

  @inline(__always)
  func u32(at offset: Int) -> UInt32 {
    precondition(offset >= 0 && offset <= count - 4, "read past the end of the buffer")
    return UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  @inline(__always)
  func u64(at offset: Int) -> UInt64 {
    UInt64(u32(at: offset)) << 32 | UInt64(u32(at: offset + 4))
  }

  /// The bytes `offset..<offset + length`, rebased so that index 0 is `offset`.
  func slice(_ offset: Int, _ length: Int) -> UnsafeRawBufferPointer {
    precondition(offset >= 0 && length >= 0 && offset <= count - length, "slice past the end of the buffer")
    return UnsafeRawBufferPointer(rebasing: self[offset..<offset + length])
  }
}

extension UnsafeMutableRawBufferPointer {
  @inline(__always)
  func put(_ value: UInt8, at offset: Int) {
    precondition(offset >= 0 && offset < count, "write past the end of the buffer")
    storeBytes(of: value, toByteOffset: offset, as: UInt8.self)
  }

  @inline(__always)
  func put(_ value: UInt16, at offset: Int) {
    precondition(offset >= 0 && offset <= count - 2, "write past the end of the buffer")
    storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt16.self)
  }

  @inline(__always)
  func put(_ value: UInt32, at offset: Int) {
    precondition(offset >= 0 && offset <= count - 4, "write past the end of the buffer")
    storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
  }

  @inline(__always)
  func put(_ value: UInt64, at offset: Int) {
    put(UInt32(truncatingIfNeeded: value >> 32), at: offset)
    put(UInt32(truncatingIfNeeded: value), at: offset + 4)
  }

  /// Copies `bytes` to `offset`.
  func put(bytes: UnsafeRawBufferPointer, at offset: Int) {
    precondition(offset >= 0 && offset <= count - bytes.count, "write past the end of the buffer")
    guard let source = bytes.baseAddress, let destination = baseAddress, !bytes.isEmpty else { return }
    (destination + offset).copyMemory(from: source, byteCount: bytes.count)
  }

  /// Copies a collection of bytes to `offset`.
  func put(bytes: some Collection<UInt8>, at offset: Int) {
    precondition(offset >= 0 && offset <= count - bytes.count, "write past the end of the buffer")
    var index = offset
    for byte in bytes {
      storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
      index += 1
    }
  }

  /// Writes `length` zero bytes at `offset`.
  func zero(_ offset: Int, _ length: Int) {
    precondition(offset >= 0 && length >= 0 && offset <= count - length, "write past the end of the buffer")
    for index in offset..<offset + length { storeBytes(of: 0, toByteOffset: index, as: UInt8.self) }
  }

  /// Throws unless the buffer holds at least `needed` bytes.
  func require(_ needed: Int) throws(RTPError) {
    guard count >= needed else { throw .bufferTooSmall(needed: needed, have: count) }
  }
}

/// Runs a typed-throwing body over the bytes of an array (the array overloads of the parsers use it).
@inline(__always)
func withBytes<T>(
  _ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(RTPError) -> T
) throws(RTPError) -> T {
  let result: Result<T, RTPError> = bytes.withUnsafeBytes { raw in Result { () throws(RTPError) in try body(raw) } }
  return try result.get()
}

/// Runs a typed-throwing writer over a zeroed array of `capacity` bytes and returns the bytes it wrote.
func makeBytes(
  capacity: Int, _ body: (UnsafeMutableRawBufferPointer) throws(RTPError) -> Int
) throws(RTPError) -> [UInt8] {
  var bytes = [UInt8](repeating: 0, count: capacity)
  let written = try bytes.withUnsafeMutableBytes { buffer in
    Result { () throws(RTPError) in try body(buffer) }
  }.get()
  bytes.removeLast(capacity - written)
  return bytes
}
