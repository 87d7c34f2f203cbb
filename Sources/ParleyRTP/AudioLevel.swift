/// The client-to-mixer audio level header extension (RFC 6464 §3): one byte holding a voice activity flag and
/// the level in -dBov.
///
/// ```
///  0 1 2 3 4 5 6 7
/// +-+-+-+-+-+-+-+-+
/// |V|    level    |
/// +-+-+-+-+-+-+-+-+
/// ```
public struct AudioLevel: Hashable, Sendable, CustomStringConvertible {
  /// The extension's URI for SDP `a=extmap` (RFC 6464 §4).
  public static let uri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"

  /// The V bit: the sender believes the packet contains voice.
  public var voiceActivity: Bool
  /// The level in -dBov, 0 (loudest) to 127 (silence or quieter).
  public let level: UInt8

  /// Throws ``RTPError/valueOutOfRange(field:value:)`` when `level` is above 127.
  public init(voiceActivity: Bool, level: UInt8) throws(RTPError) {
    guard level <= 127 else { throw .valueOutOfRange(field: "audio level", value: Int(level)) }
    self.voiceActivity = voiceActivity
    self.level = level
  }

  /// Decodes the extension byte.
  public init(byte: UInt8) {
    voiceActivity = byte & 0x80 != 0
    level = byte & 0x7F
  }

  /// Parses an element's data; RFC 6464 data is one byte (the one-byte form's L = 0, or the two-byte form's
  /// length 1). Throws ``RTPError/tooShort(needed:have:)`` when the data is empty.
  public init(parsing data: UnsafeRawBufferPointer) throws(RTPError) {
    guard !data.isEmpty else { throw .tooShort(needed: 1, have: 0) }
    self.init(byte: data.u8(at: 0))
  }

  /// The extension byte.
  public var byte: UInt8 { (voiceActivity ? 0x80 : 0) | level }

  public var description: String { "-\(level) dBov\(voiceActivity ? " voice" : "")" }
}
