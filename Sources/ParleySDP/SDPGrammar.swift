/// Small byte-level helpers shared by the parsers (RFC 8866 §9 core rules).
enum SDPGrammar {
  /// `token-char` of RFC 8866 §9.
  static func isTokenChar(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x21, 0x23...0x27, 0x2A...0x2B, 0x2D...0x2E, 0x30...0x39, 0x41...0x5A, 0x5E...0x7E: true
    default: false
    }
  }

  static func isToken(_ text: Substring) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy(isTokenChar)
  }

  /// One or more `VCHAR` (RFC 5234 §B.1): 0x21...0x7E.
  static func isVisible(_ text: Substring) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { (0x21...0x7E).contains($0) }
  }

  static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  /// `ice-char` of RFC 8839 §5.1: ALPHA / DIGIT / "+" / "/".
  static func isICEChar(_ byte: UInt8) -> Bool {
    isAlphanumeric(byte) || byte == 0x2B || byte == 0x2F
  }

  static func isICEString(_ text: Substring, length: ClosedRange<Int>) -> Bool {
    length.contains(text.utf8.count) && text.utf8.allSatisfy(isICEChar)
  }

  /// Parses ASCII decimal digits without overflow or trap; nil for anything else.
  static func decimal<T: FixedWidthInteger & UnsignedInteger>(_ text: Substring, as type: T.Type = T.self) -> T? {
    guard !text.isEmpty, text.utf8.count <= 20 else { return nil }
    var value: T = 0
    for byte in text.utf8 {
      guard (0x30...0x39).contains(byte) else { return nil }
      let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = shifted.addingReportingOverflow(T(truncatingIfNeeded: byte &- 0x30))
      guard !overflow1, !overflow2 else { return nil }
      value = sum
    }
    return value
  }

  /// A port number 0...65535.
  static func port(_ text: Substring) -> UInt16? {
    decimal(text, as: UInt16.self)
  }

  /// Splits on a byte (ASCII separator), keeping empty fields.
  static func split(_ text: Substring, on separator: UInt8, maxSplits: Int = .max) -> [Substring] {
    text.utf8.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: false).map {
      Substring($0)
    }
  }

  /// Splits on single spaces; throws when two spaces are adjacent or the text starts or ends with one.
  static func fields(_ text: Substring, what: String) throws(FieldError) -> [Substring] {
    let parts = split(text, on: 0x20)
    if parts.contains(where: \.isEmpty) { throw FieldError("\(what): fields must be separated by single spaces") }
    return parts
  }

  /// Splits `name:value` at the first colon.
  static func splitAttribute(_ text: Substring) -> (name: Substring, value: Substring?) {
    guard let colon = text.utf8.firstIndex(of: 0x3A) else { return (text, nil) }
    let name = text[text.startIndex..<colon]
    let value = text[text.utf8.index(after: colon)...]
    return (name, value)
  }

  /// Text safe to print on one line: control bytes replaced, clipped to `limit` bytes.
  static func printable(_ text: some StringProtocol, limit: Int = 80) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(text.utf8.count, limit) + 3)
    for byte in text.utf8.prefix(limit) {
      bytes.append(byte < 0x20 || byte == 0x7F ? 0x3F : byte)
    }
    var result = String(decoding: bytes, as: UTF8.self)
    if text.utf8.count > limit { result += "…" }
    return result
  }

  static func printable(bytes: some Collection<UInt8>, limit: Int = 80) -> String {
    printable(String(decoding: bytes.prefix(limit + 4), as: UTF8.self), limit: limit)
  }

  /// ASCII lowercase of a string (non-ASCII unchanged).
  static func lowercased(_ text: some StringProtocol) -> String {
    String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
  }

  static func equalsIgnoringCase(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
    guard lhs.utf8.count == rhs.utf8.count else { return false }
    return zip(lhs.utf8, rhs.utf8).allSatisfy { a, b in
      (((0x41...0x5A).contains(a) ? a | 0x20 : a)) == (((0x41...0x5A).contains(b) ? b | 0x20 : b))
    }
  }
}
