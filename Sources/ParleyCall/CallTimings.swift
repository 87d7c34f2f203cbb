/// When each step of a call happened, in milliseconds of the machine's clock (`nil` until it happens).
public struct CallTimings: Sendable, Equatable {
  /// The machine was created.
  public var createdAt: Int64
  /// User-initiated: the connect webhook with the offer was handled.
  public var offerReceived: Int64?
  /// The answer (user-initiated) was prepared.
  public var answerPrepared: Int64?
  public var preAcceptSent: Int64?
  /// `pre_accept` succeeded.
  public var preAcceptDone: Int64?
  /// ICE and DTLS completed.
  public var mediaSecured: Int64?
  public var acceptSent: Int64?
  /// Business-initiated: the offer was prepared.
  public var offerPrepared: Int64?
  /// Business-initiated: `connect` was sent.
  public var connectSent: Int64?
  /// Business-initiated: the first `RINGING` status.
  public var ringing: Int64?
  /// Business-initiated: WhatsApp's answer arrived.
  public var answerReceived: Int64?
  /// The call was connected (media started).
  public var connectedAt: Int64?
  public var endedAt: Int64?

  public init(createdAt: Int64) {
    self.createdAt = createdAt
  }

  /// Call setup time: from the machine's creation to the connection.
  public var setupMilliseconds: Int64? {
    connectedAt.map { $0.subtractingSaturated(createdAt) }
  }
}

extension Int64 {
  /// `self + other`, clamped to the representable range (inputs never trap).
  func addingSaturated(_ other: Int64) -> Int64 {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? (other > 0 ? .max : .min) : sum
  }

  /// `self - other`, clamped to the representable range.
  func subtractingSaturated(_ other: Int64) -> Int64 {
    let (difference, overflow) = subtractingReportingOverflow(other)
    return overflow ? (other < 0 ? .max : .min) : difference
  }
}
