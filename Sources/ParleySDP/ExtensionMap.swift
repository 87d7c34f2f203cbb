/// An RTP header extension mapping, `a=extmap:<id>[/<direction>] <uri> [<attributes>]` (RFC 8285 §8).
public struct ExtensionMap: Sendable, Hashable, CustomStringConvertible {
  /// The audio level extension of RFC 6464.
  public static let audioLevelURI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"

  /// 1...14 for one-byte headers, up to 255 for two-byte headers.
  public var id: UInt8
  public var direction: MediaDirection?
  public var uri: String
  public var attributes: String?

  public init(id: UInt8, direction: MediaDirection? = nil, uri: String, attributes: String? = nil) {
    self.id = id
    self.direction = direction
    self.uri = uri
    self.attributes = attributes
  }

  init(attributeValue value: Substring) throws(FieldError) {
    let parts = SDPGrammar.split(value, on: 0x20, maxSplits: 2)
    guard parts.count >= 2, !parts[1].isEmpty else { throw FieldError("extmap needs '<id> <uri>'") }
    let idParts = SDPGrammar.split(parts[0], on: 0x2F)
    guard idParts.count <= 2, let id = SDPGrammar.decimal(idParts[0], as: UInt8.self), (1...255).contains(id) else {
      throw FieldError("extmap id '\(parts[0])' must be 1...255")
    }
    var direction: MediaDirection?
    if idParts.count == 2 {
      guard let parsed = MediaDirection(rawValue: String(idParts[1])) else {
        throw FieldError("extmap direction '\(idParts[1])' is unknown")
      }
      direction = parsed
    }
    self.init(
      id: id, direction: direction, uri: String(parts[1]), attributes: parts.count == 3 ? String(parts[2]) : nil)
  }

  /// The value after `a=extmap:`.
  public var description: String {
    var text = "\(id)"
    if let direction { text += "/\(direction.rawValue)" }
    text += " \(uri)"
    if let attributes { text += " \(attributes)" }
    return text
  }
}
