/// A session description (RFC 8866): the session-level lines and the media sections, every line
/// kept verbatim and in order.
///
/// `SessionDescription(parsing:)` accepts CRLF or LF line ends; ``serialized()`` always writes
/// CRLF, so a CRLF input round-trips byte for byte. Unknown lines and attributes survive.
/// Typed views (``AudioMediaDescription``, ``ICECandidate``, ``Fingerprint``...) sit on top.
public struct SessionDescription: Sendable, Hashable, CustomStringConvertible {
  /// Inputs above this many bytes are refused with ``SDPError/tooLarge(size:limit:)``.
  public static let maximumSize = 65_536
  /// Inputs above this many lines are refused with ``SDPError/tooManyLines(limit:)``.
  public static let maximumLineCount = 4_096

  /// The lines before the first `m=` line, starting with `v=0`.
  public var sessionLines: [SDPLine]
  /// The media sections in order.
  public var mediaDescriptions: [MediaDescription]

  public init(sessionLines: [SDPLine], mediaDescriptions: [MediaDescription]) {
    self.sessionLines = sessionLines
    self.mediaDescriptions = mediaDescriptions
  }

  /// Parses SDP text (RFC 8866 §5).
  public init(parsing text: String) throws(SDPError) {
    let size = text.utf8.count
    guard size <= Self.maximumSize else { throw .tooLarge(size: size, limit: Self.maximumSize) }
    self = try SDPParser.parse(Array(text.utf8))
  }

  /// Parses SDP bytes (RFC 8866 §5); invalid UTF-8 throws ``SDPError/invalidUTF8(line:)``.
  public init(parsing bytes: some Collection<UInt8>) throws(SDPError) {
    guard bytes.count <= Self.maximumSize else { throw .tooLarge(size: bytes.count, limit: Self.maximumSize) }
    self = try SDPParser.parse(Array(bytes))
  }

  /// The text with CRLF line ends (RFC 8866 §5).
  public func serialized() -> String {
    var text = ""
    text.reserveCapacity(64 * (sessionLines.count + mediaDescriptions.count * 16))
    for line in sessionLines { append(line, to: &text) }
    for media in mediaDescriptions {
      text += "m=\(media.mediaLine.description)\r\n"
      for line in media.lines { append(line, to: &text) }
    }
    return text
  }

  public var description: String { serialized() }

  private func append(_ line: SDPLine, to text: inout String) {
    text.append(line.type)
    text += "="
    text += line.value
    text += "\r\n"
  }

  // MARK: Session-level accessors

  /// Session-level `a=` lines as attributes, in order.
  public var attributes: [SDPAttribute] { sessionLines.compactMap(\.attribute) }

  /// Values of every session-level `a=name:value` line with this name.
  public func attributeValues(_ name: String) -> [String] { sessionLines.attributeValues(name) }

  /// The value of the first session-level `a=name:value` line with this name.
  public func attributeValue(_ name: String) -> String? { sessionLines.attributeValue(name) }

  /// True when the session level has `a=name` or `a=name:value`.
  public func hasAttribute(_ name: String) -> Bool { sessionLines.hasAttribute(name) }

  /// The session-level `c=` line, if present and well formed.
  public var connection: ConnectionData? {
    guard let line = sessionLines.first(where: { $0.type == "c" }) else { return nil }
    return try? ConnectionData(parsing: line.value[...])
  }

  /// `a=ice-lite` at the session level (RFC 8839 §5.3).
  public var isICELite: Bool { hasAttribute("ice-lite") }

  /// The `a=group` lines (RFC 5888 §5): semantics and identification tags.
  public var groups: [MediaGroup] { attributeValues("group").compactMap(MediaGroup.init(attributeValue:)) }

  /// The BUNDLE group (RFC 9143 §7.1) that holds `mid`, if any.
  public func bundleGroup(containing mid: String) -> MediaGroup? {
    groups.first { $0.semantics == "BUNDLE" && $0.mids.contains(mid) }
  }

  /// The line number (1-based, as in the serialized text) of line `index` of media section `media`;
  /// `index` -1 is the `m=` line.
  func lineNumber(media: Int, index: Int) -> Int {
    var number = sessionLines.count
    for section in mediaDescriptions.prefix(media) { number += 1 + section.lines.count }
    return number + 2 + index
  }
}
