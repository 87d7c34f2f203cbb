public import ParleyMediaFiles
import ParleyRTP

/// Where a leg's recording goes: the peer's Opus packets as they arrived (Ogg/Opus, not re-encoded)
/// and/or both directions mixed (16-bit WAV at 48 kHz). Both files stay readable if the process dies:
/// Ogg pages are flushed every second, the WAV header is rewritten with every frame.
public struct LegRecording: Sendable, Equatable {
  public var oggPath: String?
  public var wavPath: String?

  public init(oggPath: String? = nil, wavPath: String? = nil) {
    self.oggPath = oggPath
    self.wavPath = wavPath
  }
}

/// Writes a leg's recording on its worker thread. Buffers are allocated when it opens.
final class LegRecorder {
  let recording: LegRecording
  private let ogg: OggOpusWriter?
  private let wav: WAVWriter?
  private let opusPayloadType: UInt8
  private var lastTimestamp: RTPTimestamp?
  private let mixed = UnsafeMutableBufferPointer<Int16>.allocate(capacity: LegAudio.frameSamples)
  private(set) var failure: MediaFileError?

  init(_ recording: LegRecording, opusPayloadType: UInt8) throws(MediaFileError) {
    self.recording = recording
    self.opusPayloadType = opusPayloadType
    ogg = try recording.oggPath.map { path throws(MediaFileError) in try OggOpusWriter(path: path) }
    wav = try recording.wavPath.map { path throws(MediaFileError) in try WAVWriter(path: path) }
    mixed.initialize(repeating: 0)
  }

  deinit { mixed.deallocate() }

  /// A decrypted RTP packet from the peer: its Opus payload is muxed as it is, its duration taken from
  /// the RTP timeline (a gap after loss or DTX becomes concealment in the file, RFC 7845 §4.1).
  func received(_ packet: UnsafeRawBufferPointer) {
    guard let ogg, failure == nil, let view = try? RTPPacketView(parsing: packet),
      view.header.payloadType.rawValue == opusPayloadType
    else { return }
    let timestamp = view.header.timestamp
    var samples = LegAudio.frameSamples
    if let last = lastTimestamp {
      let step = last.distance(to: timestamp)
      guard step > 0 else { return }  // a reordered or repeated packet: the file keeps RTP order
      samples = Int(min(step, 48_000 * 60))
    }
    lastTimestamp = timestamp
    do { try ogg.append(packet: view.payload(in: packet), samples: samples) } catch { failure = error }
  }

  /// One tick of both directions: what the peer said and what Parley sent, summed (saturating).
  func tick(heard: UnsafeBufferPointer<Int16>, sent: UnsafeBufferPointer<Int16>) {
    guard let wav, failure == nil else { return }
    for index in 0..<LegAudio.frameSamples {
      let sum = Int32(heard[index]) + Int32(sent[index])
      mixed[index] = Int16(clamping: sum)
    }
    do { try wav.append(samples: UnsafeBufferPointer(mixed)) } catch { failure = error }
  }

  func close() {
    try? ogg?.close()
    try? wav?.close()
  }
}
