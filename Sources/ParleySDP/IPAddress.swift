/// An IPv4 or IPv6 address, parsed by Parley's own small parser (no Foundation, no libc).
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
  case v4(IPv4Address)
  case v6(IPv6Address)

  /// Parses dotted-quad IPv4 or RFC 4291 §2.2 IPv6 text (zone identifiers are refused).
  public init(parsing text: some StringProtocol) throws(SDPError) {
    let text = Substring(text)
    if text.utf8.contains(0x3A) {
      guard let address = IPv6Address(text) else { throw .invalidAddress(text: SDPGrammar.printable(text)) }
      self = .v6(address)
    } else {
      guard let address = IPv4Address(text) else { throw .invalidAddress(text: SDPGrammar.printable(text)) }
      self = .v4(address)
    }
  }

  public var isIPv6: Bool {
    if case .v6 = self { return true }
    return false
  }

  /// Network-order bytes: 4 for IPv4, 16 for IPv6.
  public var bytes: [UInt8] {
    switch self {
    case .v4(let address): address.bytes
    case .v6(let address): address.bytes
    }
  }

  /// Dotted quad, or the RFC 5952 canonical IPv6 text.
  public var description: String {
    switch self {
    case .v4(let address): address.description
    case .v6(let address): address.description
    }
  }
}
