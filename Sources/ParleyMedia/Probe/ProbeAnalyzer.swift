import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The worker-owned half of a ``LatencyProbe``: pulse generation, onset detection and the received
/// levels. Every buffer is allocated at init; a tick allocates nothing. Touched only by the worker of
/// the leg that runs the probe, hence `@unchecked Sendable`.
final class ProbeAnalyzer: @unchecked Sendable {
  static let sampleRate = 48_000.0
  /// The pulse's peak amplitude: −12 dBFS.
  static let pulseAmplitude = 32_767 * 0.251
  /// Onset detection: 2.5 ms windows, −30 dBFS at the probe frequency, after at least 100 ms below it.
  static let windowSamples = 120
  static let onsetAmplitude = 32_767 * 0.0316
  static let quietSamplesBeforeOnset = 4_800
  /// "Audible": frame RMS above −50 dBFS.
  static let audibleRMS = 32_767 * 0.00316
  /// The dominant frequency is computed every this many frames, from the loudest of them.
  static let dominantEveryFrames = 25
  static let pulseHistory = 64

  let frequency: Double
  let pulseSamples: Int
  let periodSamples: Int
  let listenFrequency: Double?
  /// Whether the probe sends pulses; a listening-only probe sends silence.
  let speaks: Bool
  /// Whether it scans the loudest frames for their dominant frequency (≈ 0.4 ms every half second): tests
  /// want it, a load generator running many probes on one thread does not.
  let findsDominantFrequency: Bool
  private var sentSamples = 0
  private var quietSamples = 0
  /// Sent pulses, a ring: send time (µs, monotonic) and whether an onset matched it.
  private let sendTimes = UnsafeMutableBufferPointer<Int64>.allocate(capacity: pulseHistory)
  private let matched = UnsafeMutableBufferPointer<Bool>.allocate(capacity: pulseHistory)
  private var pulseCount = 0
  private let loudest = UnsafeMutableBufferPointer<Int16>.allocate(capacity: 960)
  private let windowed = UnsafeMutableBufferPointer<Double>.allocate(capacity: 960)
  private let hann = UnsafeMutableBufferPointer<Double>.allocate(capacity: 960)
  private var loudestRMS = 0.0
  private var framesSinceDominant = 0
  private var probeLevel = -120.0
  private var listenLevel = -120.0

  init(
    frequency: Double, pulseSamples: Int, periodSamples: Int, listenFrequency: Double?, speaks: Bool = true,
    findsDominantFrequency: Bool = true
  ) {
    self.speaks = speaks
    self.findsDominantFrequency = findsDominantFrequency
    self.frequency = frequency
    self.pulseSamples = pulseSamples
    self.periodSamples = periodSamples
    self.listenFrequency = listenFrequency
    sendTimes.initialize(repeating: 0)
    matched.initialize(repeating: true)
    loudest.initialize(repeating: 0)
    windowed.initialize(repeating: 0)
    for index in 0..<hann.count {
      hann[index] = 0.5 - 0.5 * cos(2 * Double.pi * Double(index) / Double(hann.count - 1))
    }
  }

  deinit {
    sendTimes.deallocate()
    matched.deallocate()
    loudest.deallocate()
    windowed.deallocate()
    hann.deallocate()
  }

  // MARK: Sending

  /// Writes the next frame of pulses and silence; notes each pulse's send time.
  func speak(into frame: UnsafeMutableBufferPointer<Int16>, sending: Bool, now: Int64, probe: LatencyProbe) {
    guard sending, speaks else {
      frame.update(repeating: 0)
      return
    }
    for index in 0..<frame.count {
      let phase = (sentSamples + index) % periodSamples
      if phase == 0 { notePulseSent(at: now + Self.microseconds(samples: index), probe: probe) }
      frame[index] =
        phase < pulseSamples
        ? Int16(Self.pulseAmplitude * sin(2 * Double.pi * frequency * Double(phase) / Self.sampleRate)) : 0
    }
    sentSamples += frame.count
  }

  private func notePulseSent(at time: Int64, probe: LatencyProbe) {
    let slot = pulseCount % Self.pulseHistory
    sendTimes[slot] = time
    matched[slot] = false
    pulseCount += 1
    probe.pulsesSent.add(1, ordering: .relaxed)
    probe.timeline.withLock { $0.pulses.append(time) }  // rare: once per pulse
  }

  // MARK: Listening

  /// Analyses one received frame, played out at `now`, decoded from a packet that arrived at `arrival`
  /// (nil when the frame was concealed or is silence).
  func listen(
    to frame: UnsafeBufferPointer<Int16>, fromPeer: Bool, now: Int64, arrival: Int64?, probe: LatencyProbe
  ) {
    detectOnsets(in: frame, now: now, arrival: arrival, probe: probe)
    guard fromPeer else { return }
    probe.receivedFrames.add(1, ordering: .relaxed)
    let rms = Self.rms(frame)
    if rms >= Self.audibleRMS { probe.audibleFrames.add(1, ordering: .relaxed) }
    let level = Goertzel.dBFS(amplitude: Goertzel.amplitude(of: frequency, in: frame))
    if level > probeLevel {
      probeLevel = level
      probe.probeLevelBits.store(level.bitPattern, ordering: .relaxed)
    }
    if let listenFrequency {
      let level = Goertzel.dBFS(amplitude: Goertzel.amplitude(of: listenFrequency, in: frame))
      if level > listenLevel {
        listenLevel = level
        probe.listenLevelBits.store(level.bitPattern, ordering: .relaxed)
      }
    }
    guard findsDominantFrequency else { return }
    if rms > loudestRMS, frame.count == loudest.count {
      loudestRMS = rms
      _ = loudest.update(fromContentsOf: frame)
    }
    framesSinceDominant += 1
    if framesSinceDominant >= Self.dominantEveryFrames {
      publishDominantFrequency(probe: probe)
    }
  }

  private func detectOnsets(
    in frame: UnsafeBufferPointer<Int16>, now: Int64, arrival: Int64?, probe: LatencyProbe
  ) {
    var start = 0
    while start + Self.windowSamples <= frame.count {
      let window = UnsafeBufferPointer(rebasing: frame[start..<start + Self.windowSamples])
      let amplitude = Goertzel.amplitude(of: frequency, in: window)
      if amplitude >= Self.onsetAmplitude {
        if quietSamples >= Self.quietSamplesBeforeOnset {
          let offset = Self.microseconds(samples: onsetSample(in: frame, window: start, amplitude: amplitude))
          let onset = LatencyProbe.Onset(playout: now + offset, arrival: arrival.map { $0 + offset })
          probe.timeline.withLock { $0.onsets.append(onset) }  // rare: once per onset
          heardOnset(at: now + offset, probe: probe)
        }
        quietSamples = 0
      } else {
        quietSamples += Self.windowSamples
      }
      start += Self.windowSamples
    }
  }

  /// The first sample, from the window before the crossing one, that reaches a quarter of the
  /// crossing window's amplitude: the onset to well under a window.
  private func onsetSample(in frame: UnsafeBufferPointer<Int16>, window: Int, amplitude: Double) -> Int {
    let threshold = amplitude / 4
    for index in max(0, window - Self.windowSamples)..<(window + Self.windowSamples)
    where abs(Double(frame[index])) >= threshold {
      return index
    }
    return window
  }

  /// Matches an onset to the most recent earlier pulse not matched yet.
  private func heardOnset(at time: Int64, probe: LatencyProbe) {
    var index = pulseCount - 1
    while index >= max(0, pulseCount - Self.pulseHistory) {
      let slot = index % Self.pulseHistory
      if !matched[slot], sendTimes[slot] < time {
        matched[slot] = true
        probe.pulsesHeard.add(1, ordering: .relaxed)
        let latency = Double(time - sendTimes[slot]) / 1_000
        probe.latencies.withLock { $0.append(latency) }  // rare: once per heard pulse
        return
      }
      index -= 1
    }
  }

  private func publishDominantFrequency(probe: LatencyProbe) {
    framesSinceDominant = 0
    guard loudestRMS >= Self.audibleRMS else { return }
    for index in 0..<windowed.count { windowed[index] = Double(loudest[index]) * hann[index] }
    let dominant = Goertzel.dominantFrequency(inWindowed: UnsafeBufferPointer(windowed))
    probe.dominantFrequencyBits.store(dominant.bitPattern, ordering: .relaxed)
    loudestRMS = 0
  }

  static func rms(_ samples: UnsafeBufferPointer<Int16>) -> Double {
    guard !samples.isEmpty else { return 0 }
    var sum = 0.0
    for sample in samples { sum += Double(sample) * Double(sample) }
    return (sum / Double(samples.count)).squareRoot()
  }

  /// 48 samples per ms: a sample offset in µs.
  static func microseconds(samples: Int) -> Int64 { Int64(samples) * 1_000 / 48 }
}
