/// An SDP offer (RFC 3264 §5, RFC 8829 §5.2): a session description in the offer role.
public struct SDPOffer: Sendable, Hashable, CustomStringConvertible {
  public var session: SessionDescription

  public init(_ session: SessionDescription) {
    self.session = session
  }

  /// Parses an offer's text (RFC 8866; CRLF or LF line ends).
  public init(parsing text: String) throws(SDPError) {
    self.init(try SessionDescription(parsing: text))
  }

  /// Parses an offer's bytes.
  public init(parsing bytes: some Collection<UInt8>) throws(SDPError) {
    self.init(try SessionDescription(parsing: bytes))
  }

  /// The SDP text, CRLF line ends.
  public var sdp: String { session.serialized() }

  public var description: String { sdp }
}
