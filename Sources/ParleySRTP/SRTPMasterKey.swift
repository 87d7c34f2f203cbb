/// One direction's SRTP master key and master salt (RFC 3711 §8.2).
///
/// Its `description` never prints the secret bytes.
public struct SRTPMasterKey: Hashable, Sendable, CustomStringConvertible {
  /// The master key.
  public let key: [UInt8]
  /// The master salt.
  public let salt: [UInt8]

  /// A key and salt; their lengths are checked against the profile when a session is created.
  public init(key: [UInt8], salt: [UInt8]) {
    self.key = key
    self.salt = salt
  }

  public var description: String { "SRTPMasterKey(\(key.count)-byte key, \(salt.count)-byte salt)" }
}
