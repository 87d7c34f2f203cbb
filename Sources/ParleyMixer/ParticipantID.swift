/// Who a mixer input and output belong to: a leg, a prompt player or a recorder in a room.
///
/// The engine chooses the values; the mixer only compares them.
public struct ParticipantID: RawRepresentable, Hashable, Sendable, CustomStringConvertible,
  ExpressibleByIntegerLiteral
{
  public var rawValue: Int

  public init(rawValue: Int) { self.rawValue = rawValue }
  public init(_ rawValue: Int) { self.rawValue = rawValue }
  public init(integerLiteral value: Int) { self.rawValue = value }

  public var description: String { "participant \(rawValue)" }
}
