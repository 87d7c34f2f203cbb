public import ParleyOpus

/// One pulse's one-way latency, timed by RTP arrival: from the moment a probe sent the pulse to the
/// arrival of the RTP packet in which another probe (or the same one, through an echo) found its onset,
/// minus the delay the two probes' own codecs add.
public struct OneWayLatency: Sendable, Equatable, Codable {
  /// When the pulse went out (µs, ``MonotonicClock``).
  public var sentAt: Int64
  public var milliseconds: Double

  public init(sentAt: Int64, milliseconds: Double) {
    self.sentAt = sentAt
    self.milliseconds = milliseconds
  }

  /// Matches each onset that has an arrival time to the latest pulse sent before it, within `window` µs;
  /// a pulse is matched at most once (its first onset). `codecDelay` (µs, ``LatencyProbe/codecDelay(of:)``)
  /// is taken off: it is the sending phone's encoder and the receiving phone's decoder, not the path's.
  public static func match(
    pulses: [Int64], onsets: [LatencyProbe.Onset], codecDelay: Int64, window: Int64 = 400_000
  ) -> [OneWayLatency] {
    let pulses = pulses.sorted()
    var used = Set<Int>()
    var result: [OneWayLatency] = []
    for arrival in onsets.compactMap(\.arrival).sorted() {
      // The last pulse sent before the onset arrived.
      var low = 0
      var high = pulses.count
      while low < high {
        let middle = (low + high) / 2
        if pulses[middle] < arrival { low = middle + 1 } else { high = middle }
      }
      let index = low - 1
      guard index >= 0, arrival - pulses[index] <= window, used.insert(index).inserted else { continue }
      result.append(
        OneWayLatency(sentAt: pulses[index], milliseconds: Double(arrival - pulses[index] - codecDelay) / 1_000))
    }
    return result
  }
}

extension LatencyProbe {
  /// What an encoder with `configuration` and a 48 kHz decoder add between a pulse and its onset as the
  /// probe detects it (µs): measured by encoding the probe's own pulse after 200 ms of silence, decoding it
  /// and timing the onset the probe finds. Subtracted from a pulse's one-way time, it leaves what lies
  /// between the two probes. Nil if the decoded pulse was not found (it always is at speech bitrates).
  public static func codecDelay(of configuration: OpusEncoderConfiguration, frequency: Double = 1000) throws
    -> Int64?
  {
    let encoder = try OpusEncoder(sampleRate: .hz48000, channels: .mono, configuration: configuration)
    let decoder = try OpusDecoder(sampleRate: .hz48000, channels: .mono)
    let sender = LatencyProbe(frequency: frequency, pulseMilliseconds: 100, periodMilliseconds: 1_000)
    let receiver = LatencyProbe(frequency: frequency, pulseMilliseconds: 100, periodMilliseconds: 1_000)
    let frameSamples = LegAudio.frameSamples
    var pcm = [Int16](repeating: 0, count: frameSamples)
    var packet = [UInt8](repeating: 0, count: 1_500)
    var silence = [Int16](repeating: 0, count: frameSamples)
    // The sender starts its period at its first frame: 10 frames of silence first, so the receiver's
    // detector has its quiet stretch, then the pulse at the start of frame 10.
    for index in 0..<30 {
      let now = Int64(index) * 20_000
      try pcm.withUnsafeMutableBufferPointer { frame in
        if index < 10 {
          frame.update(repeating: 0)
        } else {
          sender.analyzer.speak(into: frame, sending: true, now: now, probe: sender)
        }
        let length = try packet.withUnsafeMutableBytes { bytes in
          try encoder.encode(pcm: UnsafeBufferPointer(frame), into: bytes)
        }
        let decoded = try packet.withUnsafeBytes { bytes in
          try silence.withUnsafeMutableBufferPointer { output in
            try decoder.decode(UnsafeRawBufferPointer(rebasing: bytes[0..<length]), into: output)
          }
        }
        guard decoded == frameSamples else { throw OpusError.invalidPacket }
      }
      silence.withUnsafeBufferPointer { output in
        receiver.analyzer.listen(to: output, fromPeer: true, now: now, arrival: now, probe: receiver)
      }
    }
    let sent = sender.report().pulseTimes
    let heard = receiver.report().onsets
    guard let pulse = sent.first, let onset = heard.first?.arrival else { return nil }
    return onset - pulse
  }
}
