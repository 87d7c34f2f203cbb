/// How an ``EmulatedPhone`` deviates from the plain case.
public struct PhoneBehaviour: Sendable, Equatable {
  /// Leave Parley's connectivity checks unanswered until the phone holds Parley's answer, as WhatsApp
  /// does (it needs the answer's fingerprint before ICE may complete): the checks Parley sent before
  /// ``EmulatedPhone/receiveAnswer(_:)`` are lost and only a later retransmission is answered, so call
  /// setup pays for Parley's STUN retransmission schedule (DESIGN §4). libnice alone would answer them
  /// at once (it needs only its own password for that).
  public var ignoreChecksUntilAnswer: Bool
  /// Route the phone's media through the host's ``NetworkEmulator`` (a ``NetworkPath`` per phone), so
  /// loss, jitter and reordering can be injected on the phone's side (``EmulatedPhone/networkPath``).
  public var throughNetworkEmulator: Bool

  public init(ignoreChecksUntilAnswer: Bool = false, throughNetworkEmulator: Bool = false) {
    self.ignoreChecksUntilAnswer = ignoreChecksUntilAnswer
    self.throughNetworkEmulator = throughNetworkEmulator
  }
}

/// Why the phone refused an SDP: what WhatsApp's calling API reports as error 100 "SDP validation"
/// (or SIP 403 "SDP Validation Error").
public struct PhoneError: Error, Sendable, Equatable, CustomStringConvertible {
  public var reason: String

  public init(_ reason: String) { self.reason = reason }

  public var description: String { "SDP validation: \(reason)" }
}
