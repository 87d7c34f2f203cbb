/// What a leg does with its audio each tick.
public enum LegApp: Sendable, Equatable {
  /// The caller hears themself, through the jitter buffer (decode → encode).
  case echo
  /// A steady tone (testing, latency probes); the caller's audio is still received and played out.
  case tone(frequency: Double)
  /// Silence: the leg is held but has nothing to say (WhatsApp drops a call without media after 20 s).
  case silence
  /// A prompt (Ogg/Opus or WAV, any rate: resampled to 48 kHz mono), once or looping; the caller's
  /// audio is still received.
  case play(path: String, loop: Bool)
  /// Latency and audio probe (tests, benchmarks): tone pulses out, their echoes and the peer's audio
  /// measured in what comes back. Probes compare by identity.
  case probe(LatencyProbe)
  /// The leg is a participant of a ``Room``, which decodes, mixes and encodes for it.
  case room
}
