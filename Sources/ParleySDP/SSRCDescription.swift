/// The `a=ssrc:<ssrc> <attribute>[:<value>]` lines of one synchronization source (RFC 5576 §4.1),
/// grouped: `cname` (§6.1) and the legacy `msid` (RFC 8830 §2), plus any others in order.
public struct SSRCDescription: Sendable, Hashable {
  public var ssrc: UInt32
  public var attributes: [SDPAttribute]

  public init(ssrc: UInt32, attributes: [SDPAttribute] = []) {
    self.ssrc = ssrc
    self.attributes = attributes
  }

  /// `cname:<value>`.
  public var cname: String? { attributes.first { $0.name == "cname" }?.value }

  /// `msid:<stream id> <track id>`.
  public var msid: MediaStreamID? {
    attributes.first { $0.name == "msid" }?.value.flatMap(MediaStreamID.init(attributeValue:))
  }

  /// Parses the value after `a=ssrc:` into the SSRC and its attribute.
  static func parse(_ value: Substring) throws(FieldError) -> (UInt32, SDPAttribute) {
    let parts = SDPGrammar.split(value, on: 0x20, maxSplits: 1)
    guard parts.count == 2, let ssrc = SDPGrammar.decimal(parts[0], as: UInt32.self), !parts[1].isEmpty else {
      throw FieldError("ssrc needs '<32-bit ssrc> <attribute>[:<value>]'")
    }
    let (name, attributeValue) = SDPGrammar.splitAttribute(parts[1])
    return (ssrc, SDPAttribute(name: String(name), value: attributeValue.map(String.init)))
  }
}
