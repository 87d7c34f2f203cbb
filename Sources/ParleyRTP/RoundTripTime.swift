/// A round-trip time measured from a report block about one of our streams (RFC 3550 §6.4.1):
/// RTT = A − LSR − DLSR, where A is when the report arrived, LSR the compact NTP timestamp of our sender report
/// that it echoes and DLSR how long the peer held that report before answering — all in compact NTP units
/// (1/65536 s, the middle 32 bits of an NTP timestamp).
///
/// The example of RFC 3550 Figure 2:
///
/// ```
///   A     0xb710:8000 (46864.500 s)
///   DLSR −0x0005:4000 (    5.250 s)
///   LSR  −0xb705:2000 (46853.125 s)
///   -------------------------------
///   delay 0x0006:2000 (    6.125 s)
/// ```
public struct RoundTripTime: Hashable, Sendable, CustomStringConvertible {
  /// The round trip in compact NTP units (1/65536 s).
  public var compactUnits: UInt32

  public init(compactUnits: UInt32) { self.compactUnits = compactUnits }

  /// The round trip from `block`, a report block the peer sent about our stream, received at `arrival` (compact NTP
  /// time of our wall clock: ``NTPTimestamp/compact``). `nil` when the peer has no sender report of ours to echo
  /// (LSR is 0) or when the numbers are inconsistent (the report claims to have held our SR longer than has passed).
  public init?(reportBlock block: RTCPReportBlock, arrival: UInt32) {
    guard block.lastSenderReport != 0 else { return nil }
    let sinceSenderReport = arrival &- block.lastSenderReport  // wraps correctly for up to 18 hours
    guard sinceSenderReport >= block.delaySinceLastSenderReport else { return nil }
    compactUnits = sinceSenderReport - block.delaySinceLastSenderReport
  }

  /// The round trip in microseconds, rounded to the nearest.
  public var microseconds: Int64 { NTPTimestamp.microseconds(compactUnits: compactUnits) }

  public var description: String { "\(Double(microseconds) / 1000) ms" }
}
