/// The two RFC 8285 header extension forms (RFC 8285 §4.2, §4.3).
public enum HeaderExtensionForm: Hashable, Sendable {
  /// One-byte headers, profile 0xBEDE: ids 1...14, 1...16 data bytes per element.
  case oneByte
  /// Two-byte headers, profile 0x100 followed by 4 application bits: ids 1...255, 0...255 data bytes.
  case twoByte(appBits: UInt8)

  /// The "defined by profile" value of the one-byte form.
  public static let oneByteProfile: UInt16 = 0xBEDE
  /// The "defined by profile" value of the two-byte form, application bits zero.
  public static let twoByteProfile: UInt16 = 0x1000

  /// The form named by an extension block's profile, or `nil` for a profile RFC 8285 does not define.
  public init?(profile: UInt16) {
    if profile == Self.oneByteProfile {
      self = .oneByte
    } else if profile & 0xFFF0 == Self.twoByteProfile {
      self = .twoByte(appBits: UInt8(truncatingIfNeeded: profile & 0x000F))
    } else {
      return nil
    }
  }

  /// The profile value written in the extension block.
  public var profile: UInt16 {
    switch self {
    case .oneByte: Self.oneByteProfile
    case .twoByte(let appBits): Self.twoByteProfile | UInt16(appBits & 0x0F)
    }
  }

  /// Whether an element with `id` and `length` data bytes fits the one-byte form (RFC 8285 §4.2).
  public static func fitsOneByte(id: UInt8, length: Int) -> Bool {
    (1...14).contains(id) && (1...16).contains(length)
  }

  /// Bytes an element with `length` data bytes takes in this form, header included.
  public func elementSize(length: Int) -> Int {
    switch self {
    case .oneByte: 1 + length
    case .twoByte: 2 + length
    }
  }
}

/// One RFC 8285 element: its id and where its data lies in the buffer that was parsed.
public struct HeaderExtensionElement: Hashable, Sendable {
  public var id: UInt8
  public var dataOffset: Int
  public var dataLength: Int

  public init(id: UInt8, dataOffset: Int, dataLength: Int) {
    self.id = id
    self.dataOffset = dataOffset
    self.dataLength = dataLength
  }

  /// The element's data bytes.
  public func data(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    bytes.slice(dataOffset, dataLength)
  }
}

/// Walks the elements of an RFC 8285 header extension block without allocating (RFC 8285 §4.2, §4.3).
///
/// Padding bytes (0) between and after elements are skipped. In the one-byte form an element with id 15 ends the
/// walk (its length is ignored). An element whose data runs past the block throws ``RTPError/extensionOverrun``;
/// a non-zero byte with id 0 in the one-byte form throws ``RTPError/invalidExtensionID(_:)``.
///
/// The iterator keeps the buffer pointer it was given: use it only while that buffer is alive.
public struct HeaderExtensionIterator {
  public let form: HeaderExtensionForm
  private let bytes: UnsafeRawBufferPointer
  private var offset: Int
  private let end: Int

  /// Iterates the elements in `bytes[dataOffset..<dataOffset + dataLength]` (the block's data, after the profile
  /// and length words).
  public init(form: HeaderExtensionForm, bytes: UnsafeRawBufferPointer, dataOffset: Int, dataLength: Int) {
    precondition(dataOffset >= 0 && dataLength >= 0 && dataOffset <= bytes.count - dataLength, "range out of bounds")
    self.form = form
    self.bytes = bytes
    self.offset = dataOffset
    self.end = dataOffset + dataLength
  }

  /// The next element, `nil` at the end of the block.
  public mutating func next() throws(RTPError) -> HeaderExtensionElement? {
    while offset < end {
      let first = bytes.u8(at: offset)
      if first == 0 {  // padding
        offset += 1
        continue
      }
      switch form {
      case .oneByte:
        let id = first >> 4
        if id == 15 {  // reserved: stop processing (RFC 8285 §4.2)
          offset = end
          return nil
        }
        guard id != 0 else { throw .invalidExtensionID(0) }
        let length = Int(first & 0x0F) + 1
        let dataOffset = offset + 1
        guard length <= end - dataOffset else { throw .extensionOverrun }
        offset = dataOffset + length
        return HeaderExtensionElement(id: id, dataOffset: dataOffset, dataLength: length)
      case .twoByte:
        guard offset + 2 <= end else { throw .extensionOverrun }
        let length = Int(bytes.u8(at: offset + 1))
        let dataOffset = offset + 2
        guard length <= end - dataOffset else { throw .extensionOverrun }
        offset = dataOffset + length
        return HeaderExtensionElement(id: first, dataOffset: dataOffset, dataLength: length)
      }
    }
    return nil
  }
}
