/// An IPv4 address (RFC 791), written as a dotted quad.
public struct IPv4Address: Sendable, Hashable, CustomStringConvertible {
  /// The address in host order: `a.b.c.d` is `a << 24 | b << 16 | c << 8 | d`.
  public var value: UInt32

  public init(value: UInt32) { self.value = value }

  public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
    value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
  }

  /// Parses `a.b.c.d` with four decimal parts 0...255 and no leading zeros; nil otherwise.
  public init?(_ text: Substring) {
    guard text.utf8.count <= 15 else { return nil }
    let parts = SDPGrammar.split(text, on: 0x2E)
    guard parts.count == 4 else { return nil }
    var value: UInt32 = 0
    for part in parts {
      guard part.utf8.count <= 3, part.utf8.count == 1 || part.utf8.first != 0x30,
        let octet = SDPGrammar.decimal(part, as: UInt16.self), octet <= 255
      else { return nil }
      value = value << 8 | UInt32(octet)
    }
    self.value = value
  }

  public var bytes: [UInt8] {
    [
      UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
      UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
    ]
  }

  /// 0.0.0.0 (RFC 8829 uses it as the placeholder address).
  public var isUnspecified: Bool { value == 0 }

  public var description: String { bytes.map { String($0) }.joined(separator: ".") }
}
