internal import Crypto

/// `X-Hub-Signature-256` and `x-360dialog-signature`: HMAC-SHA256 of the raw body
/// (whatsapp-calling.md §2.8).
public enum WebhookSignature {
  /// `sha256=<lowercase hex>` of HMAC-SHA256(body, secret).
  public static func sign(_ body: [UInt8], secret: String) -> String {
    "sha256=" + hex(mac(body, secret: secret))
  }

  /// True when `header` is the HMAC of `body` under `secret`: with or without the `sha256=`
  /// prefix, hex digits in either case, surrounding spaces ignored; compared in constant time.
  /// False for a nil, empty or malformed header.
  public static func verify(_ header: String?, body: [UInt8], secret: String) -> Bool {
    guard let header, let given = parse(header) else { return false }
    return ConstantTime.equal(given, mac(body, secret: secret))
  }

  /// The 32 digest bytes of a header value, nil unless it is 64 hex digits after an optional
  /// `sha256=`.
  static func parse(_ header: String) -> [UInt8]? {
    var text = Substring(header.trimmingSpaces)
    if text.count >= 7, text.prefix(7).lowercased() == "sha256=" { text = text.dropFirst(7) }
    let digits = Array(text.utf8)
    guard digits.count == 64 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    var index = 0
    while index < 64 {
      guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }

  static func mac(_ body: [UInt8], secret: String) -> [UInt8] {
    let key = SymmetricKey(data: Array(secret.utf8))
    return Array(HMAC<SHA256>.authenticationCode(for: body, using: key))
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}

/// Comparison whose time depends only on the lengths, not on where the bytes differ.
enum ConstantTime {
  static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }
}
