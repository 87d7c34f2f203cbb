/// An ICE candidate, `a=candidate:<foundation> <component> <transport> <priority> <address>
/// <port> typ <type> [raddr <address>] [rport <port>] *(<name> <value>)` (RFC 8839 §5.1).
///
/// `tcptype` (RFC 6544 §4.5) is typed; other extension pairs (`generation`, `network-id`,
/// `network-cost`, `ufrag` ...) are kept in order.
public struct ICECandidate: Sendable, Hashable, CustomStringConvertible {
  public enum Transport: String, Sendable, Hashable {
    case udp, tcp
  }

  /// `typ` (RFC 8445 §5.1.1).
  public enum CandidateType: String, Sendable, Hashable, CaseIterable {
    case host, srflx, prflx, relay
  }

  /// `tcptype` of an ICE-TCP candidate (RFC 6544 §4.5).
  public enum TCPType: String, Sendable, Hashable {
    case active, passive, so
  }

  /// The connection address: an IP address, or an mDNS `.local` name (RFC 8839 §5.1, carried as is;
  /// the ICE agent resolves it or skips the candidate).
  public enum Address: Sendable, Hashable, CustomStringConvertible {
    case ip(IPAddress)
    case mdns(String)

    /// Parses an IPv4/IPv6 address or a `<label>...local` host name.
    public init(parsing text: some StringProtocol) throws(SDPError) {
      let text = Substring(text)
      if let name = Self.mdnsName(text) {
        self = .mdns(name)
      } else {
        self = .ip(try IPAddress(parsing: text))
      }
    }

    /// A host name of LDH labels (1...63 bytes each, ≤ 253 total) whose last label is `local`.
    static func mdnsName(_ text: Substring) -> String? {
      guard text.utf8.count <= 253 else { return nil }
      let labels = SDPGrammar.split(text, on: 0x2E)
      guard labels.count >= 2, let last = labels.last, SDPGrammar.equalsIgnoringCase(last, "local") else {
        return nil
      }
      for label in labels {
        guard (1...63).contains(label.utf8.count), label.utf8.first != 0x2D, label.utf8.last != 0x2D,
          label.utf8.allSatisfy({ SDPGrammar.isAlphanumeric($0) || $0 == 0x2D })
        else { return nil }
      }
      return String(text)
    }

    public var ipAddress: IPAddress? {
      if case .ip(let address) = self { return address }
      return nil
    }

    public var description: String {
      switch self {
      case .ip(let address): address.description
      case .mdns(let name): name
      }
    }
  }

  /// An extension attribute pair after the standard fields.
  public struct Extension: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// 1...32 ice-chars.
  public var foundation: String
  /// 1 for RTP (the only component with rtcp-mux), 2 for RTCP.
  public var component: UInt16
  public var transport: Transport
  public var priority: UInt32
  public var address: Address
  public var port: UInt16
  public var type: CandidateType
  public var relatedAddress: Address?
  public var relatedPort: UInt16?
  public var tcpType: TCPType?
  public var extensions: [Extension]

  public init(
    foundation: String, component: UInt16 = 1, transport: Transport = .udp, priority: UInt32, address: Address,
    port: UInt16, type: CandidateType, relatedAddress: Address? = nil, relatedPort: UInt16? = nil,
    tcpType: TCPType? = nil, extensions: [Extension] = []
  ) {
    self.foundation = foundation
    self.component = component
    self.transport = transport
    self.priority = priority
    self.address = address
    self.port = port
    self.type = type
    self.relatedAddress = relatedAddress
    self.relatedPort = relatedPort
    self.tcpType = tcpType
    self.extensions = extensions
  }

  /// The value of the first extension with this name.
  public func extensionValue(_ name: String) -> String? {
    extensions.first { $0.name == name }?.value
  }

  /// The `ufrag` extension (Chrome and WhatsApp add it).
  public var ufrag: String? { extensionValue("ufrag") }

  /// The value after `a=candidate:`.
  public var attributeValue: String {
    var text = "\(foundation) \(component) \(transport.rawValue) \(priority) \(address) \(port) typ \(type.rawValue)"
    if let relatedAddress { text += " raddr \(relatedAddress)" }
    if let relatedPort { text += " rport \(relatedPort)" }
    if let tcpType { text += " tcptype \(tcpType.rawValue)" }
    for pair in extensions { text += " \(pair.name) \(pair.value)" }
    return text
  }

  /// The `a=candidate` line.
  public var line: SDPLine { .attribute("candidate", attributeValue) }

  /// `candidate:<value>`, the form of `RTCIceCandidate.candidate` in trickle signalling.
  public var description: String { "candidate:\(attributeValue)" }
}
