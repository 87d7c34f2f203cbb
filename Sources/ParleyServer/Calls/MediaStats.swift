import ParleyJitter
import ParleyMedia

/// A call's media figures, as `GET /v1/calls/{id}` and the metrics show them.
struct MediaStats: Codable, Sendable, Equatable {
  var packetsReceived: Int
  var packetsSent: Int
  var authenticationFailures: Int
  var jitterDelayMilliseconds: Int64
  var targetDelayMilliseconds: Int64
  var played: Int
  var concealed: Int
  var recoveredWithFEC: Int
  var lost: Int
  var roundTripMilliseconds: Double?

  enum CodingKeys: String, CodingKey {
    case packetsReceived = "packets_received"
    case packetsSent = "packets_sent"
    case authenticationFailures = "authentication_failures"
    case jitterDelayMilliseconds = "jitter_delay_ms"
    case targetDelayMilliseconds = "target_delay_ms"
    case played, concealed
    case recoveredWithFEC = "fec_recovered"
    case lost
    case roundTripMilliseconds = "rtt_ms"
  }

  init(_ snapshot: LegSnapshot) {
    packetsReceived = snapshot.counters.rtpReceived
    packetsSent = snapshot.counters.rtpSent
    authenticationFailures = snapshot.counters.authenticationFailures
    jitterDelayMilliseconds = snapshot.jitter.playoutDelay / 1000  // the jitter buffer counts µs
    targetDelayMilliseconds = snapshot.jitter.targetDelay / 1000
    played = snapshot.jitter.played
    concealed = snapshot.jitter.concealed
    recoveredWithFEC = snapshot.jitter.recoveredWithFEC
    lost = snapshot.lost
    roundTripMilliseconds = snapshot.roundTripMilliseconds
  }
}
