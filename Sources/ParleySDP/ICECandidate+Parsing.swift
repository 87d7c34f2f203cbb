extension ICECandidate {
  /// Parses a candidate: the value after `a=candidate:`, optionally with an `a=` and/or
  /// `candidate:` prefix (RFC 8839 §5.1; `tcptype` from RFC 6544 §4.5).
  ///
  /// Transport is matched case-insensitively (`UDP`/`udp`); ports must be 0...65535, the priority
  /// must fit 32 bits, the component 1...256 and the foundation 1...32 ice-chars.
  public init(parsing text: some StringProtocol) throws(SDPError) {
    var value = Substring(text)
    if value.hasPrefix("a=") { value = value.dropFirst(2) }
    if value.hasPrefix("candidate:") { value = value.dropFirst("candidate:".utf8.count) }
    do {
      try self.init(value: value)
    } catch {
      throw .invalidCandidate(text: SDPGrammar.printable(text), reason: SDPGrammar.printable(error.reason, limit: 160))
    }
  }

  init(value: Substring) throws(FieldError) {
    guard value.utf8.count <= 1024 else { throw FieldError("longer than 1024 bytes") }
    let fields = try SDPGrammar.fields(value, what: "candidate")
    guard fields.count >= 8 else { throw FieldError("needs at least 8 fields, found \(fields.count)") }
    guard SDPGrammar.isICEString(fields[0], length: 1...32) else {
      throw FieldError("foundation '\(fields[0])' must be 1...32 ice-chars")
    }
    guard let component = SDPGrammar.decimal(fields[1], as: UInt16.self), (1...256).contains(component) else {
      throw FieldError("component '\(fields[1])' must be 1...256")
    }
    guard let transport = Transport(rawValue: SDPGrammar.lowercased(fields[2])) else {
      throw FieldError("unsupported transport '\(fields[2])' (udp or tcp)")
    }
    guard let priority = SDPGrammar.decimal(fields[3], as: UInt32.self) else {
      throw FieldError("priority '\(fields[3])' must be a 32-bit unsigned integer")
    }
    let address = try Self.address(fields[4])
    let port = try Self.port(fields[5])
    guard fields[6] == "typ" else { throw FieldError("expected 'typ' after the port, found '\(fields[6])'") }
    guard let type = CandidateType(rawValue: String(fields[7])) else {
      throw FieldError("unknown candidate type '\(fields[7])'")
    }
    let rest = fields.dropFirst(8)
    guard rest.count % 2 == 0 else { throw FieldError("extension '\(rest.last ?? "")' has no value") }
    var relatedAddress: Address?
    var relatedPort: UInt16?
    var tcpType: TCPType?
    var extensions: [Extension] = []
    var index = rest.startIndex
    while index < rest.endIndex {
      let name = rest[index]
      let pairValue = rest[index + 1]
      index += 2
      switch name {
      case "raddr":
        guard relatedAddress == nil else { throw FieldError("raddr given twice") }
        relatedAddress = try Self.address(pairValue)
      case "rport":
        guard relatedPort == nil else { throw FieldError("rport given twice") }
        relatedPort = try Self.port(pairValue)
      case "tcptype":
        guard let parsed = TCPType(rawValue: String(pairValue)), tcpType == nil else {
          throw FieldError("tcptype '\(pairValue)' must be given once as active, passive or so")
        }
        tcpType = parsed
      default:
        guard SDPGrammar.isToken(name), SDPGrammar.isVisible(pairValue) else {
          throw FieldError("extension '\(name) \(pairValue)' needs a token name and a visible value")
        }
        extensions.append(Extension(name: String(name), value: String(pairValue)))
      }
    }
    self.init(
      foundation: String(fields[0]), component: component, transport: transport, priority: priority,
      address: address, port: port, type: type, relatedAddress: relatedAddress, relatedPort: relatedPort,
      tcpType: tcpType, extensions: extensions)
  }

  private static func address(_ text: Substring) throws(FieldError) -> Address {
    do { return try Address(parsing: text) } catch {
      throw FieldError("address '\(SDPGrammar.printable(text, limit: 64))' is not IPv4, IPv6 or an mDNS .local name")
    }
  }

  private static func port(_ text: Substring) throws(FieldError) -> UInt16 {
    guard let port = SDPGrammar.port(text) else {
      throw FieldError("port '\(SDPGrammar.printable(text, limit: 20))' is not in 0...65535")
    }
    return port
  }
}
