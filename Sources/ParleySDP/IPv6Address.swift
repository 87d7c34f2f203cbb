/// An IPv6 address (RFC 4291), printed in the canonical text form of RFC 5952.
public struct IPv6Address: Sendable, Hashable, CustomStringConvertible {
  /// The eight 16-bit groups, most significant first.
  public private(set) var groups: [UInt16]

  /// Eight groups; any other count gives `::`.
  public init(groups: [UInt16]) {
    self.groups = groups.count == 8 ? groups : Array(repeating: 0, count: 8)
  }

  /// Parses RFC 4291 §2.2 text: hex groups, one optional `::`, an optional trailing dotted quad.
  /// Zone identifiers (`%eth0`) and brackets are refused; nil for anything invalid.
  public init?(_ text: Substring) {
    guard text.utf8.count >= 2, text.utf8.count <= 45 else { return nil }
    var gaps: [String.Index] = []
    var previous: String.Index?
    for index in text.utf8.indices where text.utf8[index] == 0x3A {
      if let previous, text.utf8.index(after: previous) == index, gaps.last != previous { gaps.append(previous) }
      previous = index
    }
    guard gaps.count <= 1 else { return nil }
    var head: [UInt16] = []
    var tail: [UInt16] = []
    if let gap = gaps.first {
      let afterGap = text.utf8.index(gap, offsetBy: 2)
      guard let front = Self.parseGroups(text[..<gap], allowIPv4: false),
        let back = Self.parseGroups(text[afterGap...], allowIPv4: true),
        front.count + back.count <= 7
      else { return nil }
      head = front
      tail = back
    } else {
      guard let all = Self.parseGroups(text, allowIPv4: true), all.count == 8 else { return nil }
      head = all
    }
    groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
  }

  /// Groups separated by single colons; an empty text is no groups.
  private static func parseGroups(_ text: Substring, allowIPv4: Bool) -> [UInt16]? {
    if text.isEmpty { return [] }
    let parts = SDPGrammar.split(text, on: 0x3A)
    var groups: [UInt16] = []
    for (index, part) in parts.enumerated() {
      if allowIPv4, index == parts.count - 1, part.utf8.contains(0x2E) {
        guard let v4 = IPv4Address(part) else { return nil }
        groups.append(UInt16(truncatingIfNeeded: v4.value >> 16))
        groups.append(UInt16(truncatingIfNeeded: v4.value))
        continue
      }
      guard (1...4).contains(part.utf8.count) else { return nil }
      var group: UInt16 = 0
      for byte in part.utf8 {
        guard let digit = hexValue(byte) else { return nil }
        group = group << 4 | UInt16(digit)
      }
      groups.append(group)
    }
    return groups
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
  }

  public var bytes: [UInt8] {
    groups.flatMap { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
  }

  /// RFC 5952 §4: lowercase, no leading zeros, the longest run (≥ 2) of zero groups as `::`,
  /// and `::ffff:a.b.c.d` for IPv4-mapped addresses (§5).
  public var description: String {
    if groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xFFFF {
      let v4 = IPv4Address(value: UInt32(groups[6]) << 16 | UInt32(groups[7]))
      return "::ffff:\(v4)"
    }
    var best = (start: -1, length: 0)
    var index = 0
    while index < 8 {
      guard groups[index] == 0 else {
        index += 1
        continue
      }
      var end = index
      while end < 8, groups[end] == 0 { end += 1 }
      if end - index > best.length { best = (index, end - index) }
      index = end
    }
    func hex(_ range: Range<Int>) -> String {
      groups[range].map { String($0, radix: 16) }.joined(separator: ":")
    }
    guard best.length >= 2 else { return hex(0..<8) }
    return hex(0..<best.start) + "::" + hex((best.start + best.length)..<8)
  }
}
