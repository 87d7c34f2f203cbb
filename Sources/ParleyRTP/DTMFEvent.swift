/// The DTMF named events of RFC 4733 §3.2 (Table 1): event codes 0–15.
public enum DTMFEvent: UInt8, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  case digit0 = 0
  case digit1, digit2, digit3, digit4, digit5, digit6, digit7, digit8, digit9
  case star = 10
  case pound = 11
  case a = 12
  case b, c, d

  /// The event for a keypad character: `0`–`9`, `*`, `#`, `A`–`D` (lowercase accepted).
  public init?(character: Character) {
    switch character {
    case "0"..."9":
      guard let value = character.asciiValue, (0x30...0x39).contains(value) else { return nil }
      self.init(rawValue: value - 0x30)
    case "*": self = .star
    case "#": self = .pound
    case "A", "a": self = .a
    case "B", "b": self = .b
    case "C", "c": self = .c
    case "D", "d": self = .d
    default: return nil
    }
  }

  /// The keypad character: `0`–`9`, `*`, `#`, `A`–`D`.
  public var character: Character {
    switch self {
    case .star: "*"
    case .pound: "#"
    case .a: "A"
    case .b: "B"
    case .c: "C"
    case .d: "D"
    default: Character(Unicode.Scalar(0x30 + rawValue))
    }
  }

  public var description: String { String(character) }
}
