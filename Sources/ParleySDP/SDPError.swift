/// Everything that can go wrong while parsing SDP or negotiating audio.
///
/// Every case names the problem; ``description`` is a single line suitable for a log or the CLI.
/// Parsing never traps on bad input: it throws one of these instead.
public enum SDPError: Error, CustomStringConvertible, Equatable, Sendable {
  // MARK: Syntax (RFC 8866 §5)

  /// The input is larger than ``SessionDescription/maximumSize`` bytes.
  case tooLarge(size: Int, limit: Int)
  /// The input has more than ``SessionDescription/maximumLineCount`` lines.
  case tooManyLines(limit: Int)
  /// A line is not valid UTF-8.
  case invalidUTF8(line: Int)
  /// The last line has no line terminator: the text was cut.
  case truncated(line: Int)
  /// The first line is not `v=0` (RFC 8866 §5.1).
  case missingVersion
  /// A line breaks the grammar of RFC 8866 or of the attribute it carries.
  case malformedLine(number: Int, text: String, reason: String)
  /// A mandatory session-level line (`o=`, `s=`, `t=`) is missing or repeated.
  case missingLine(type: String)

  // MARK: Standalone values

  /// An `a=candidate` value that breaks RFC 8839 §5.1.
  case invalidCandidate(text: String, reason: String)
  /// An `a=fingerprint` value or hex string that breaks RFC 8122 §5.
  case invalidFingerprint(text: String, reason: String)
  /// Not an IPv4 or IPv6 address.
  case invalidAddress(text: String)

  // MARK: Offer/answer (RFC 3264, RFC 8829)

  /// The SDP has no usable audio m-section.
  case noAudio
  /// The audio m-section at this index is not audio.
  case notAudio(media: String)
  /// The audio m-section offers no Opus/48000/2.
  case noCommonCodec
  /// The audio m-section has no `a=fingerprint` (RFC 8122).
  case noFingerprint
  /// The audio m-section has fingerprints, but none with sha-256.
  case noSHA256Fingerprint(offered: [String])
  /// `a=ice-ufrag` or `a=ice-pwd` is missing (RFC 8839 §5.4).
  case missingICECredentials
  /// The peer does not multiplex RTP and RTCP (`a=rtcp-mux`, RFC 5761).
  case rtcpMuxRequired
  /// The audio m-line's protocol is not `UDP/TLS/RTP/SAVPF` or `UDP/TLS/RTP/SAVP`.
  case unsupportedProtocol(String)
  /// An answer has no `a=setup` attribute (RFC 5763 §5).
  case missingSetup
  /// An `a=setup` value that is not allowed here (e.g. `actpass` in an answer).
  case invalidSetup(String)
  /// The answer rejected the audio m-section (port 0).
  case audioRejected
  /// The answer does not fit the offer it answers.
  case answerMismatch(reason: String)
  /// The caller's ``LocalMediaParameters`` are not valid.
  case invalidLocalParameters(reason: String)

  public var description: String {
    switch self {
    case .tooLarge(let size, let limit): "SDP too large: \(size) bytes (limit \(limit))"
    case .tooManyLines(let limit): "SDP has more than \(limit) lines"
    case .invalidUTF8(let line): "line \(line): invalid UTF-8"
    case .truncated(let line): "SDP truncated: line \(line) has no line terminator"
    case .missingVersion: "SDP must start with v=0"
    case .malformedLine(let number, let text, let reason): "line \(number) '\(text)': \(reason)"
    case .missingLine(let type): "session description needs exactly one \(type)= line"
    case .invalidCandidate(let text, let reason): "invalid ICE candidate '\(text)': \(reason)"
    case .invalidFingerprint(let text, let reason): "invalid fingerprint '\(text)': \(reason)"
    case .invalidAddress(let text): "invalid IP address '\(text)'"
    case .noAudio: "no audio m-line"
    case .notAudio(let media): "m-line is '\(media)', not audio"
    case .noCommonCodec: "no common codec: the audio m-line offers no opus/48000/2"
    case .noFingerprint: "no fingerprint found in SDP"
    case .noSHA256Fingerprint(let offered):
      "no sha-256 fingerprint (offered: \(offered.joined(separator: ", ")))"
    case .missingICECredentials: "missing a=ice-ufrag or a=ice-pwd"
    case .rtcpMuxRequired: "peer does not offer a=rtcp-mux"
    case .unsupportedProtocol(let proto): "unsupported media protocol '\(proto)' (need UDP/TLS/RTP/SAVPF)"
    case .missingSetup: "answer has no a=setup"
    case .invalidSetup(let value): "a=setup:\(value) is not allowed here"
    case .audioRejected: "the answer rejected the audio m-line (port 0)"
    case .answerMismatch(let reason): "answer does not match the offer: \(reason)"
    case .invalidLocalParameters(let reason): "invalid local media parameters: \(reason)"
    }
  }
}

/// A grammar problem inside one line; the caller adds the line number and text.
struct FieldError: Error {
  let reason: String
  init(_ reason: String) { self.reason = reason }
}
