import Foundation
import ParleyOpus
public import ParleyRTP

/// Receives Opus RTP packets from any thread, decodes them to 48 kHz mono and keeps the audio.
/// Every member is guarded by `lock`, hence `@unchecked Sendable`.
public final class OpusRTPSink: @unchecked Sendable {
  private let lock = NSLock()
  private let decoder: OpusDecoder
  private let opus: PayloadType
  private var audio: [Int16] = []
  private var packetCount = 0
  private var seenPayloadTypes: Set<UInt8> = []
  private var frame = [Int16](repeating: 0, count: 5760)

  /// - Parameter opus: the payload type carrying Opus; other payload types are only noted.
  public init(opus: PayloadType) throws {
    self.opus = opus
    decoder = try OpusDecoder(sampleRate: .hz48000, channels: .mono)
  }

  /// Decodes one RTP packet.
  public func receive(_ rtp: UnsafeRawBufferPointer) {
    lock.lock()
    defer { lock.unlock() }
    guard let view = try? RTPPacketView(parsing: rtp) else { return }
    packetCount += 1
    seenPayloadTypes.insert(view.header.payloadType.rawValue)
    guard view.header.payloadType == opus else { return }
    let samples = frame.withUnsafeMutableBufferPointer { output in
      (try? decoder.decode(view.payload(in: rtp), into: output)) ?? 0
    }
    audio.append(contentsOf: frame[0..<samples])
  }

  public var pcm: [Int16] { lock.withLock { audio } }
  public var packets: Int { lock.withLock { packetCount } }
  public var payloadTypes: Set<UInt8> { lock.withLock { seenPayloadTypes } }
  public var seconds: Double { Double(lock.withLock { audio.count }) / 48_000 }

  /// The dominant frequency of what arrived (at most `analyzeSeconds` of it), skipping the first
  /// `skipSeconds` (decoder warm-up).
  public func dominantFrequency(skipSeconds: Double = 0.2, analyzeSeconds: Double = 0.5) -> Double? {
    let audio = pcm
    let skip = Int(skipSeconds * 48_000)
    guard audio.count > skip + 4_800 else { return nil }
    let end = min(audio.count, skip + Int(analyzeSeconds * 48_000))
    return ToneAnalysis.dominantFrequency(in: audio[skip..<end], sampleRate: 48_000, step: 1)
  }
}
