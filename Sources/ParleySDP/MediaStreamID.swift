/// A media stream and track identifier pair, `a=msid:<stream> [<track>]` (RFC 8830 §2).
public struct MediaStreamID: Sendable, Hashable, CustomStringConvertible {
  public var streamID: String
  public var trackID: String?

  public init(streamID: String, trackID: String? = nil) {
    self.streamID = streamID
    self.trackID = trackID
  }

  public init?(attributeValue: String) {
    let parts = SDPGrammar.split(attributeValue[...], on: 0x20)
    guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
    self.init(streamID: String(parts[0]), trackID: parts.count == 2 ? String(parts[1]) : nil)
  }

  public var description: String { trackID.map { "\(streamID) \($0)" } ?? streamID }
}
