import Foundation
public import ParleyMedia

/// What a call does with its audio, as users name it (`PARLEY_INBOUND_APP`, `accept`'s `app`):
/// `echo`, `silence`, `tone:FREQ`, `play:PATH`, `play-loop:PATH`, `room:NAME`.
public enum CallApp: Sendable, Equatable, CustomStringConvertible {
  case leg(LegApp)
  case room(String)

  public init(parsing text: String) throws(ServerError) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let (name, argument): (Substring, String?) =
      if let colon = trimmed.firstIndex(of: ":") {
        (trimmed[..<colon], String(trimmed[trimmed.index(after: colon)...]))
      } else { (trimmed[...], nil) }
    switch (name, argument) {
    case ("echo", nil): self = .leg(.echo)
    case ("silence", nil): self = .leg(.silence)
    case ("tone", let value?):
      guard let frequency = Double(value), (20...20_000).contains(frequency) else {
        throw .badRequest("tone needs a frequency in Hz (20–20000): \(text)")
      }
      self = .leg(.tone(frequency: frequency))
    case ("play", let path?) where !path.isEmpty: self = .leg(.play(path: path, loop: false))
    case ("play-loop", let path?) where !path.isEmpty: self = .leg(.play(path: path, loop: true))
    case ("room", let room?) where CallApp.isRoomName(room): self = .room(room)
    default:
      throw .badRequest("unknown app \"\(text)\" (echo, silence, tone:HZ, play:PATH, play-loop:PATH, room:NAME)")
    }
  }

  /// Room names: 1–64 letters, digits, `-`, `_`, `.`.
  public static func isRoomName(_ name: String) -> Bool {
    (1...64).contains(name.utf8.count)
      && name.utf8.allSatisfy {
        $0 == 45 || $0 == 46 || $0 == 95 || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0)
      }
  }

  public var description: String {
    switch self {
    case .room(let name): "room:\(name)"
    case .leg(.echo): "echo"
    case .leg(.silence): "silence"
    case .leg(.tone(let frequency)): "tone:\(Int(frequency))"
    case .leg(.play(let path, let loop)): loop ? "play-loop:\(path)" : "play:\(path)"
    case .leg(.room): "room"
    case .leg(.probe): "probe"
    }
  }
}
