/// An SDP answer (RFC 3264 §6, RFC 8829 §5.3): a session description in the answer role.
public struct SDPAnswer: Sendable, Hashable, CustomStringConvertible {
  public var session: SessionDescription

  public init(_ session: SessionDescription) {
    self.session = session
  }

  /// Parses an answer's text (RFC 8866; CRLF or LF line ends).
  public init(parsing text: String) throws(SDPError) {
    self.init(try SessionDescription(parsing: text))
  }

  /// Parses an answer's bytes.
  public init(parsing bytes: some Collection<UInt8>) throws(SDPError) {
    self.init(try SessionDescription(parsing: bytes))
  }

  /// The SDP text, CRLF line ends.
  public var sdp: String { session.serialized() }

  public var description: String { sdp }
}
