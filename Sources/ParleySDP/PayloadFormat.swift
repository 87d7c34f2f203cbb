/// One RTP payload format of a media section: `a=rtpmap:<pt> <name>/<clock>[/<channels>]`
/// (RFC 8866 §6.6) with its `a=fmtp` (§6.15) and `a=rtcp-fb` (RFC 4585 §4.2) lines.
public struct PayloadFormat: Sendable, Hashable {
  /// 0...127.
  public var payloadType: UInt8
  /// As written, e.g. `opus`, `telephone-event`, `PCMU`.
  public var encodingName: String
  public var clockRate: UInt32
  /// The encoding parameters of audio: the channel count.
  public var channels: UInt16?
  public var parameters: FormatParameters
  /// The `a=rtcp-fb` values for this payload type (`transport-cc`, `nack`...).
  public var feedback: [String]

  public init(
    payloadType: UInt8, encodingName: String, clockRate: UInt32, channels: UInt16? = nil,
    parameters: FormatParameters = FormatParameters(), feedback: [String] = []
  ) {
    self.payloadType = payloadType
    self.encodingName = encodingName
    self.clockRate = clockRate
    self.channels = channels
    self.parameters = parameters
    self.feedback = feedback
  }

  /// Parses the value after `a=rtpmap:`.
  init(rtpmap value: Substring) throws(FieldError) {
    let parts = SDPGrammar.split(value, on: 0x20)
    guard parts.count == 2, let payloadType = SDPGrammar.decimal(parts[0], as: UInt8.self), payloadType <= 127 else {
      throw FieldError("rtpmap needs '<payload type 0...127> <encoding>/<clock rate>[/<channels>]'")
    }
    let encoding = SDPGrammar.split(parts[1], on: 0x2F)
    guard (2...3).contains(encoding.count), SDPGrammar.isToken(encoding[0]) else {
      throw FieldError("rtpmap encoding '\(parts[1])' must be <name>/<clock rate>[/<channels>]")
    }
    guard let clockRate = SDPGrammar.decimal(encoding[1], as: UInt32.self), clockRate > 0 else {
      throw FieldError("rtpmap clock rate '\(encoding[1])' is not a positive 32-bit number")
    }
    var channels: UInt16?
    if encoding.count == 3 {
      guard let count = SDPGrammar.decimal(encoding[2], as: UInt16.self), count > 0 else {
        throw FieldError("rtpmap channels '\(encoding[2])' is not a positive number")
      }
      channels = count
    }
    self.init(payloadType: payloadType, encodingName: String(encoding[0]), clockRate: clockRate, channels: channels)
  }

  /// The static audio payload types of RFC 3551 §6 that may appear without `a=rtpmap`.
  static func staticAudio(_ payloadType: UInt8) -> PayloadFormat? {
    switch payloadType {
    case 0: PayloadFormat(payloadType: 0, encodingName: "PCMU", clockRate: 8000, channels: 1)
    case 8: PayloadFormat(payloadType: 8, encodingName: "PCMA", clockRate: 8000, channels: 1)
    case 9: PayloadFormat(payloadType: 9, encodingName: "G722", clockRate: 8000, channels: 1)
    case 13: PayloadFormat(payloadType: 13, encodingName: "CN", clockRate: 8000, channels: 1)
    default: nil
    }
  }

  /// Opus as RFC 7587 §7 requires it to be written: `opus/48000/2`.
  public var isOpus: Bool {
    SDPGrammar.equalsIgnoringCase(encodingName, "opus") && clockRate == 48_000 && channels == 2
  }

  /// `telephone-event` at any clock rate (RFC 4733 §7.1).
  public var isTelephoneEvent: Bool { SDPGrammar.equalsIgnoringCase(encodingName, "telephone-event") }

  /// The value after `a=rtpmap:`.
  public var rtpmapValue: String {
    var text = "\(payloadType) \(encodingName)/\(clockRate)"
    if let channels { text += "/\(channels)" }
    return text
  }
}
