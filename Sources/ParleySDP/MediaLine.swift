/// The `m=` line of a media section (RFC 8866 §5.14):
/// `m=<media> <port>[/<number of ports>] <proto> <fmt> ...`.
public struct MediaLine: Sendable, Hashable, CustomStringConvertible {
  /// `audio`, `video`, `application`, ...
  public var media: String
  /// The transport port; 0 rejects or disables the section (RFC 3264 §6).
  public var port: UInt16
  /// The optional `/<number of ports>`.
  public var portCount: UInt16?
  /// The transport protocol, e.g. `UDP/TLS/RTP/SAVPF`.
  public var proto: String
  /// Media formats: RTP payload types for RTP protocols, e.g. `webrtc-datachannel` for SCTP.
  public var formats: [String]

  public init(media: String, port: UInt16, portCount: UInt16? = nil, proto: String, formats: [String]) {
    self.media = media
    self.port = port
    self.portCount = portCount
    self.proto = proto
    self.formats = formats
  }

  /// Parses the value of an `m=` line (without `m=`).
  init(parsing value: Substring) throws(FieldError) {
    let fields = try SDPGrammar.fields(value, what: "m-line")
    guard fields.count >= 4 else {
      throw FieldError("m-line needs <media> <port> <proto> <fmt>...; found \(fields.count) fields")
    }
    guard SDPGrammar.isToken(fields[0]) else { throw FieldError("media '\(fields[0])' is not a token") }
    let portParts = SDPGrammar.split(fields[1], on: 0x2F)
    guard portParts.count <= 2, let port = SDPGrammar.port(portParts[0]) else {
      throw FieldError("port '\(SDPGrammar.printable(fields[1], limit: 20))' is not a number in 0...65535")
    }
    var portCount: UInt16?
    if portParts.count == 2 {
      guard let count = SDPGrammar.port(portParts[1]), count > 0 else {
        throw FieldError("number of ports '\(SDPGrammar.printable(portParts[1], limit: 20))' is invalid")
      }
      portCount = count
    }
    let protoParts = SDPGrammar.split(fields[2], on: 0x2F)
    guard protoParts.allSatisfy({ SDPGrammar.isToken($0) && !$0.utf8.contains(0x2F) }) else {
      throw FieldError("proto '\(SDPGrammar.printable(fields[2], limit: 40))' is not a token list")
    }
    var formats: [String] = []
    formats.reserveCapacity(fields.count - 3)
    for format in fields[3...] {
      guard SDPGrammar.isToken(format) else {
        throw FieldError("format '\(SDPGrammar.printable(format, limit: 20))' is not a token")
      }
      formats.append(String(format))
    }
    self.init(media: String(fields[0]), port: port, portCount: portCount, proto: String(fields[2]), formats: formats)
  }

  /// The formats as RTP payload types (0...127), skipping any that are not.
  public var payloadTypes: [UInt8] {
    formats.compactMap { format in
      SDPGrammar.decimal(format[...], as: UInt8.self).flatMap { $0 <= 127 ? $0 : nil }
    }
  }

  /// True for an RTP profile (`RTP/AVP`, `UDP/TLS/RTP/SAVPF`, ...).
  public var isRTP: Bool {
    proto.split(separator: "/").contains { $0 == "RTP" }
  }

  /// The value of the `m=` line, without `m=`.
  public var description: String {
    var text = "\(media) \(port)"
    if let portCount { text += "/\(portCount)" }
    text += " \(proto)"
    for format in formats { text += " \(format)" }
    return text
  }
}
