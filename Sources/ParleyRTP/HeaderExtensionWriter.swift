/// Writes an RFC 8285 header extension block — profile, length, elements, zero padding to 32 bits — into a
/// caller-provided buffer without allocating (RFC 8285 §4.1–§4.3).
///
/// ```swift
/// var writer = try HeaderExtensionWriter(form: .oneByte, into: rest)
/// try writer.append(id: 1, byte: AudioLevel(voiceActivity: true, level: 30).byte)
/// let blockSize = try writer.finish()
/// ```
///
/// The writer keeps the buffer pointer it was given: use it only while that buffer is alive.
public struct HeaderExtensionWriter {
  public let form: HeaderExtensionForm
  private let buffer: UnsafeMutableRawBufferPointer
  private var offset: Int

  /// Starts a block at the beginning of `buffer` by writing its profile (the length is written by ``finish()``).
  public init(form: HeaderExtensionForm, into buffer: UnsafeMutableRawBufferPointer) throws(RTPError) {
    try buffer.require(4)
    self.form = form
    self.buffer = buffer
    buffer.put(form.profile, at: 0)
    buffer.put(UInt16(0), at: 2)
    offset = 4
  }

  /// Appends one element. Throws ``RTPError/invalidExtensionID(_:)`` for an id the form cannot carry,
  /// ``RTPError/extensionLengthOutOfRange(_:)`` for a data length it cannot express, and
  /// ``RTPError/bufferTooSmall(needed:have:)``.
  public mutating func append(id: UInt8, data: some Collection<UInt8>) throws(RTPError) {
    let length = data.count
    switch form {
    case .oneByte:
      guard (1...14).contains(id) else { throw .invalidExtensionID(id) }
      guard (1...16).contains(length) else { throw .extensionLengthOutOfRange(length) }
      try buffer.require(offset + 1 + length)
      buffer.put(id << 4 | UInt8(truncatingIfNeeded: length - 1), at: offset)
      offset += 1
    case .twoByte:
      guard id != 0 else { throw .invalidExtensionID(id) }
      guard length <= 255 else { throw .extensionLengthOutOfRange(length) }
      try buffer.require(offset + 2 + length)
      buffer.put(id, at: offset)
      buffer.put(UInt8(truncatingIfNeeded: length), at: offset + 1)
      offset += 2
    }
    buffer.put(bytes: data, at: offset)
    offset += length
  }

  /// Appends a one-byte element, such as an RFC 6464 audio level.
  public mutating func append(id: UInt8, byte: UInt8) throws(RTPError) {
    try append(id: id, data: CollectionOfOne(byte))
  }

  /// Pads the data with zeros to a multiple of 4 bytes, writes the length field and returns the size of the
  /// whole block (4 + padded data length).
  public mutating func finish() throws(RTPError) -> Int {
    let padded = (offset + 3) & ~3
    try buffer.require(padded)
    buffer.zero(offset, padded - offset)
    let words = (padded - 4) / 4
    guard words <= Int(UInt16.max) else { throw .badLength }
    buffer.put(UInt16(truncatingIfNeeded: words), at: 2)
    offset = padded
    return padded
  }
}

/// An owned RFC 8285 element (id and data), for building packets.
public struct RTPHeaderExtension: Hashable, Sendable {
  public var id: UInt8
  public var data: [UInt8]

  public init(id: UInt8, data: [UInt8]) {
    self.id = id
    self.data = data
  }

  /// Copies the element `element` out of `bytes`.
  public init(_ element: HeaderExtensionElement, in bytes: UnsafeRawBufferPointer) {
    self.init(id: element.id, data: Array(element.data(in: bytes)))
  }
}

extension HeaderExtensionForm {
  /// The form for `elements`: one-byte when every id is 1...14 and every length 1...16, two-byte otherwise
  /// (RFC 8285 §4.1).
  public static func fitting(_ elements: some Sequence<RTPHeaderExtension>) -> HeaderExtensionForm {
    elements.allSatisfy { fitsOneByte(id: $0.id, length: $0.data.count) } ? .oneByte : .twoByte(appBits: 0)
  }
}

extension HeaderExtensionWriter {
  /// Writes `elements` as one block in the form that fits them (``HeaderExtensionForm/fitting(_:)``) and returns
  /// the block size.
  public static func write(
    _ elements: some Collection<RTPHeaderExtension>, into buffer: UnsafeMutableRawBufferPointer
  ) throws(RTPError) -> Int {
    var writer = try HeaderExtensionWriter(form: .fitting(elements), into: buffer)
    for element in elements { try writer.append(id: element.id, data: element.data) }
    return try writer.finish()
  }
}
