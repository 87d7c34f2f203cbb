/// One media section (RFC 8866 §5.14): the `m=` line and every line after it up to the next `m=`.
public struct MediaDescription: Sendable, Hashable {
  /// The typed `m=` line.
  public var mediaLine: MediaLine
  /// The lines after the `m=` line, verbatim and in order.
  public var lines: [SDPLine]

  public init(mediaLine: MediaLine, lines: [SDPLine] = []) {
    self.mediaLine = mediaLine
    self.lines = lines
  }

  /// `audio`, `video`, `application`, ...
  public var media: String { mediaLine.media }

  /// Every `a=` line as an attribute, in order.
  public var attributes: [SDPAttribute] { lines.compactMap(\.attribute) }

  /// Values of every `a=name:value` line with this name (flags give an empty string).
  public func attributeValues(_ name: String) -> [String] { lines.attributeValues(name) }

  /// The value of the first `a=name:value` line with this name.
  public func attributeValue(_ name: String) -> String? { lines.attributeValue(name) }

  /// True when `a=name` or `a=name:value` is present.
  public func hasAttribute(_ name: String) -> Bool { lines.hasAttribute(name) }

  /// The media-level `c=` line (RFC 8866 §5.7), if present and well formed.
  public var connection: ConnectionData? {
    guard let line = lines.first(where: { $0.type == "c" }) else { return nil }
    return try? ConnectionData(parsing: line.value[...])
  }

  /// The `a=mid` identification tag (RFC 9143 §4 / RFC 5888 §4).
  public var mid: String? { attributeValue("mid") }

  /// True when the port is 0 and the section is not `a=bundle-only` (RFC 3264 §6, RFC 9143 §6).
  public var isRejected: Bool { mediaLine.port == 0 && !hasAttribute("bundle-only") }
}
