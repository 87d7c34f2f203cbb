import Synchronization

/// A latency and audio probe for one ``MediaLeg`` (``LegApp/probe(_:)``): it sends tone pulses and listens
/// for them in what the leg receives, so a test or benchmark can measure the round trip through a peer
/// that echoes, and check what the peer sends (its level, its dominant frequency).
///
/// Sending: on each 20 ms tick the leg sends a pulse of a sine at ``frequency`` (−12 dBFS) for
/// ``pulseMilliseconds`` at the start of every ``periodMilliseconds``, silence otherwise. A pulse's send
/// time is the tick's monotonic time plus its first sample's offset in the frame (1/48 ms per sample).
/// Nothing is counted before the leg sends media (DTLS up and sending enabled).
///
/// Listening: in each decoded received frame it looks for pulse onsets — the first sample of a 2.5 ms
/// window whose Goertzel amplitude at ``frequency`` crosses −30 dBFS after at least 100 ms without —
/// and matches each to the most recent earlier pulse not matched yet.
///
/// What a latency includes: the frame decoded at tick `now` is the audio the leg plays out at `now`, so
/// a latency (onset tick time + onset sample offset − pulse send time) is mouth-to-ear of the round trip:
/// both encoders and decoders (Opus lookahead and decoder delay), SRTP, both network paths, the PEER's
/// jitter-buffer delay and the phase between its ticks and ours (0–20 ms), the peer's echo (decode →
/// encode in the same tick), and THIS leg's own jitter-buffer delay. On loopback it is mostly the two
/// jitter buffers and the tick phases.
///
/// Threads: the leg's worker owns the analysis; counters are atomics and latencies are appended under a
/// mutex only when a pulse is heard, so ``report()`` may be called from any thread at any time. One probe
/// serves one leg.
public final class LatencyProbe: Sendable, Equatable {
  /// What the probe has measured so far.
  public struct Report: Sendable, Equatable {
    /// Pulses that went out (counted only while the leg was sending media).
    public var pulsesSent: Int
    /// Pulse onsets heard in the received audio and matched to a sent pulse.
    public var pulsesHeard: Int
    /// One round-trip latency per heard pulse, in ms (see ``LatencyProbe`` for what it includes).
    public var latenciesMilliseconds: [Double]
    /// Frames decoded from the peer's packets (audio, FEC or loss concealment) — not the silence
    /// played before its first packet.
    public var receivedFrames: Int
    /// Received frames whose RMS is above −50 dBFS.
    public var audibleFrames: Int
    /// The dominant frequency (Hz, 100–8000) of the loudest audible received frame of the last
    /// half-second that had one; nil until one was heard. It keeps its value when the peer falls silent.
    public var dominantFrequency: Double?
    /// The loudest level (dBFS, peak amplitude of a 20 ms frame) of the received audio at the probe's
    /// frequency, and at ``LatencyProbe/listenFrequency`` when one was given; −120 for none.
    public var probeFrequencyLevel: Double
    public var listenFrequencyLevel: Double?

    /// When each pulse went out (µs, ``MonotonicClock``), oldest first.
    public var pulseTimes: [Int64]
    /// Each pulse onset heard, oldest first, whoever sent it.
    public var onsets: [Onset]

    /// The median of ``latenciesMilliseconds``.
    public var medianLatencyMilliseconds: Double? {
      guard !latenciesMilliseconds.isEmpty else { return nil }
      return latenciesMilliseconds.sorted()[latenciesMilliseconds.count / 2]
    }
  }

  /// A pulse onset heard: when it played out, and when the RTP packet that carried it arrived (µs on
  /// ``MonotonicClock``, plus the onset's offset in the packet's frame in both cases). `arrival` is nil
  /// for an onset in a concealed frame.
  public struct Onset: Sendable, Equatable, Codable {
    public var playout: Int64
    public var arrival: Int64?

    public init(playout: Int64, arrival: Int64?) {
      self.playout = playout
      self.arrival = arrival
    }
  }

  /// Pulse send times and onsets, appended rarely (twice a period) under a mutex.
  struct Timeline {
    var pulses: [Int64] = []
    var onsets: [Onset] = []
  }

  /// The pulse tone (Hz).
  public let frequency: Double
  public let pulseMilliseconds: Int
  public let periodMilliseconds: Int
  /// A second frequency whose received level is measured (e.g. 440 Hz: "did the phone hear the tone?").
  public let listenFrequency: Double?

  let pulsesSent = Atomic<Int>(0)
  let pulsesHeard = Atomic<Int>(0)
  let receivedFrames = Atomic<Int>(0)
  let audibleFrames = Atomic<Int>(0)
  /// Doubles as their bit patterns; NaN is "none".
  let dominantFrequencyBits = Atomic<UInt64>(Double.nan.bitPattern)
  let probeLevelBits = Atomic<UInt64>((-120.0).bitPattern)
  let listenLevelBits = Atomic<UInt64>((-120.0).bitPattern)
  let latencies: Mutex<[Double]>
  let timeline = Mutex(Timeline())
  /// Whether the probe sends pulses (else it only listens, sending silence).
  public let speaks: Bool
  /// Owned by the worker of the leg that runs the probe.
  let analyzer: ProbeAnalyzer

  /// `speaks: false` makes a listening-only probe (it sends silence, e.g. a room participant timing another's
  /// pulses); `findsDominantFrequency: false` skips the spectrum scan of ``Report/dominantFrequency`` (many
  /// probes on one thread, as in `parley bench`).
  public init(
    frequency: Double = 1000, pulseMilliseconds: Int = 100, periodMilliseconds: Int = 500,
    listenFrequency: Double? = nil, speaks: Bool = true, findsDominantFrequency: Bool = true
  ) {
    precondition(frequency > 0 && frequency < 24_000, "probe frequency must be below Nyquist")
    precondition(pulseMilliseconds > 0 && periodMilliseconds > pulseMilliseconds, "a pulse must fit its period")
    self.frequency = frequency
    self.pulseMilliseconds = pulseMilliseconds
    self.periodMilliseconds = periodMilliseconds
    self.listenFrequency = listenFrequency
    self.speaks = speaks
    var reserved: [Double] = []
    reserved.reserveCapacity(4_096)
    latencies = Mutex(reserved)
    analyzer = ProbeAnalyzer(
      frequency: frequency, pulseSamples: pulseMilliseconds * 48, periodSamples: periodMilliseconds * 48,
      listenFrequency: listenFrequency, speaks: speaks, findsDominantFrequency: findsDominantFrequency)
  }

  /// Probes are the same only if they are the same object.
  public static func == (lhs: LatencyProbe, rhs: LatencyProbe) -> Bool { lhs === rhs }

  /// What the probe measured so far (any thread).
  public func report() -> Report {
    let timeline = timeline.withLock { $0 }
    let dominant = Double(bitPattern: dominantFrequencyBits.load(ordering: .relaxed))
    return Report(
      pulsesSent: pulsesSent.load(ordering: .relaxed), pulsesHeard: pulsesHeard.load(ordering: .relaxed),
      latenciesMilliseconds: latencies.withLock { $0 }, receivedFrames: receivedFrames.load(ordering: .relaxed),
      audibleFrames: audibleFrames.load(ordering: .relaxed), dominantFrequency: dominant.isNaN ? nil : dominant,
      probeFrequencyLevel: Double(bitPattern: probeLevelBits.load(ordering: .relaxed)),
      listenFrequencyLevel: listenFrequency.map { _ in Double(bitPattern: listenLevelBits.load(ordering: .relaxed)) },
      pulseTimes: timeline.pulses, onsets: timeline.onsets)
  }

  /// One tick on the leg's worker: analyses the received frame in `frame` (decoded from the peer when
  /// `fromPeer` from a packet that arrived at `arrival`), then overwrites it with the probe's outgoing
  /// audio. `sending`: whether the leg sends this frame; pulses are timed and counted only then.
  func tick(_ frame: UnsafeMutableBufferPointer<Int16>, fromPeer: Bool, arrival: Int64?, sending: Bool, now: Int64) {
    analyzer.listen(to: UnsafeBufferPointer(frame), fromPeer: fromPeer, now: now, arrival: arrival, probe: self)
    analyzer.speak(into: frame, sending: sending, now: now, probe: self)
  }
}
