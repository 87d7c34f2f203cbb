/// A certificate fingerprint, `a=fingerprint:<hash-func> <AB:CD:...>` (RFC 8122 §5).
public struct Fingerprint: Sendable, Hashable, CustomStringConvertible {
  /// The hash function, lowercase (`sha-256`, `sha-384`, `sha-512`, `sha-1`, ...).
  public var algorithm: String
  /// The digest bytes.
  public var bytes: [UInt8]

  /// The algorithm WhatsApp accepts and Parley always offers.
  public static let sha256 = "sha-256"

  public init(algorithm: String, bytes: [UInt8]) {
    self.algorithm = SDPGrammar.lowercased(algorithm)
    self.bytes = bytes
  }

  /// A sha-256 fingerprint.
  public init(sha256 bytes: [UInt8]) {
    self.init(algorithm: Self.sha256, bytes: bytes)
  }

  /// Parses the value after `a=fingerprint:`. The hash name is case-insensitive; hex digits may
  /// be either case. Known hash functions must have their digest length (sha-256: 32 bytes).
  public init(attributeValue text: some StringProtocol) throws(SDPError) {
    let text = Substring(text)
    let fail = { (reason: String) in SDPError.invalidFingerprint(text: SDPGrammar.printable(text), reason: reason) }
    let parts = SDPGrammar.split(text, on: 0x20)
    guard parts.count == 2, SDPGrammar.isToken(parts[0]) else { throw fail("expected '<hash-func> <hex>'") }
    let algorithm = SDPGrammar.lowercased(parts[0])
    let bytes: [UInt8]
    do { bytes = try Self.parseHex(parts[1]) } catch { throw fail(error.reason) }
    if let expected = Self.digestLength(of: algorithm), expected != bytes.count {
      throw fail("\(algorithm) needs \(expected) bytes, found \(bytes.count)")
    }
    self.init(algorithm: algorithm, bytes: bytes)
  }

  /// Digest length in bytes of the hash functions of RFC 8122 §5, nil for others.
  public static func digestLength(of algorithm: String) -> Int? {
    switch SDPGrammar.lowercased(algorithm) {
    case "sha-1": 20
    case "sha-224": 28
    case "sha-256": 32
    case "sha-384": 48
    case "sha-512": 64
    case "md5", "md2": 16
    default: nil
    }
  }

  /// `AB:CD:...`: uppercase hex pairs joined by colons (RFC 8122 §5).
  public static func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for byte in bytes {
      if !out.isEmpty { out.append(0x3A) }
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Parses `AB:CD:...` (either case) back into bytes.
  public static func bytes(fromHex text: some StringProtocol) throws(SDPError) -> [UInt8] {
    do { return try parseHex(Substring(text)) } catch {
      throw .invalidFingerprint(text: SDPGrammar.printable(text), reason: error.reason)
    }
  }

  static func parseHex(_ text: Substring) throws(FieldError) -> [UInt8] {
    guard text.utf8.count <= 64 * 3 else { throw FieldError("longer than 64 bytes") }
    var bytes: [UInt8] = []
    for pair in SDPGrammar.split(text, on: 0x3A) {
      guard pair.utf8.count == 2, let high = IPv6Address.hexValue(pair.utf8.first ?? 0),
        let low = IPv6Address.hexValue(pair.utf8.last ?? 0)
      else { throw FieldError("expected colon-separated pairs of hex digits") }
      bytes.append(high << 4 | low)
    }
    return bytes
  }

  /// The digest as `AB:CD:...`.
  public var hex: String { Self.hexString(bytes) }

  /// The value after `a=fingerprint:`.
  public var description: String { "\(algorithm) \(hex)" }
}
