import Foundation
import ParleyDTLS
import ParleyMedia
import ParleyMediaFiles
import ParleyNice
import ParleyTesting
import Synchronization
import Testing

/// The `play` and `record` apps on real legs over loopback: a WAV prompt played to the peer, and the
/// peer's received Opus packets recorded as they are (Ogg/Opus) beside a WAV of both directions.
@Suite struct PlayRecordTests {
  @Test func aPromptPlaysToTheOtherLegWhichRecordsBothWays() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-play-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // A 0.4 s prompt at 16 kHz (resampled to 48 kHz by the player), played once.
    let promptPath = directory.appendingPathComponent("prompt.wav").path
    let writer = try WAVWriter(path: promptPath, sampleRate: 16_000)
    let prompt = ToneAnalysis.sine(frequency: 660, sampleRate: 16_000, seconds: 0.4, amplitude: 9_000)
    try prompt.withUnsafeBufferPointer { try writer.append(samples: $0) }
    try writer.close()

    let worker = MediaWorker(name: "play-test")
    let loop = NiceLoop(name: "play-net")
    let context = try DTLSContext(certificate: try DTLSCertificate.generate())
    let eventsA = Mutex<[TransportLeg.Event]>([])
    let eventsB = Mutex<[TransportLeg.Event]>([])
    let recording = LegRecording(
      oggPath: directory.appendingPathComponent("b.opus").path, wavPath: directory.appendingPathComponent("b.wav").path)
    let a = try MediaLeg(
      worker: worker, loop: loop, context: context,
      ice: ICEAgentConfiguration(controlling: true, addresses: ["127.0.0.1"]), audio: LegAudioConfiguration(ssrc: 1),
      app: .play(path: promptPath, loop: true), onEvent: { event in eventsA.withLock { $0.append(event) } })
    let b = try MediaLeg(
      worker: worker, loop: loop, context: context,
      ice: ICEAgentConfiguration(controlling: false, addresses: ["127.0.0.1"]), audio: LegAudioConfiguration(ssrc: 2),
      app: .tone(frequency: 1_000), recording: recording, onEvent: { event in eventsB.withLock { $0.append(event) } })
    try a.connect(to: b, role: .client)
    try await Task.sleep(for: .milliseconds(1_800))
    a.close()
    b.close()
    worker.stop()
    #expect(eventsB.withLock { $0.contains(.recordingReady(recording)) })

    // The Ogg/Opus file holds A's packets: the looping 660 Hz prompt, more than a second of it.
    let ogg = try OggOpusReader(path: recording.oggPath!)
    var received = [Int16](repeating: 0, count: ogg.durationSamples)
    let count = try received.withUnsafeMutableBufferPointer { try ogg.read(into: $0) }
    #expect(count > 48_000, "recorded \(count) samples")
    let heard = ToneAnalysis.dominantFrequency(in: received[9_600..<min(count, 48_000)], sampleRate: 48_000, step: 1)
    #expect(abs(heard - 660) < 14, "recorded \(heard) Hz")

    // The WAV mixes both directions: A's prompt (660 Hz) and B's own tone (1000 Hz).
    let wav = try WAVReader(path: recording.wavPath!)
    var mixed = [Int16](repeating: 0, count: wav.durationSamples)
    let mixedCount = try mixed.withUnsafeMutableBufferPointer { try wav.read(into: $0) }
    let window = mixed[max(0, mixedCount - 24_000)..<mixedCount]
    let prompt660 = ToneAnalysis.power(of: 660, in: window, sampleRate: 48_000)
    let own1000 = ToneAnalysis.power(of: 1_000, in: window, sampleRate: 48_000)
    let elsewhere = ToneAnalysis.power(of: 1_700, in: window, sampleRate: 48_000)
    #expect(prompt660 > elsewhere * 1_000 && own1000 > elsewhere * 1_000)
  }

  @Test func aPromptPlayedOnceReportsItsEnd() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-once-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let promptPath = directory.appendingPathComponent("short.wav").path
    let writer = try WAVWriter(path: promptPath)
    let prompt = ToneAnalysis.sine(frequency: 500, sampleRate: 48_000, seconds: 0.1)
    try prompt.withUnsafeBufferPointer { try writer.append(samples: $0) }
    try writer.close()
    let worker = MediaWorker(name: "once-test")
    let events = Mutex<[TransportLeg.Event]>([])
    let leg = try MediaLeg(
      worker: worker, loop: NiceLoop(name: "once-net"),
      context: try DTLSContext(certificate: try DTLSCertificate.generate()),
      ice: ICEAgentConfiguration(controlling: true, addresses: ["127.0.0.1"]), audio: LegAudioConfiguration(ssrc: 3),
      app: .play(path: promptPath, loop: false), onEvent: { event in events.withLock { $0.append(event) } })
    // The prompt runs on ticks whether or not a peer is there yet.
    worker.add(leg)
    try await Task.sleep(for: .milliseconds(300))
    #expect(events.withLock { $0.filter { $0 == .playbackFinished }.count } == 1)
    worker.remove(leg)
    leg.close()
    worker.stop()
  }

  @Test func aMissingPromptIsATypedError() throws {
    #expect(throws: MediaFileError.self) {
      _ = try MediaLeg(
        worker: MediaWorker(name: "missing"), loop: NiceLoop(name: "missing-net"),
        context: try DTLSContext(certificate: try DTLSCertificate.generate()),
        ice: ICEAgentConfiguration(controlling: true, addresses: ["127.0.0.1"]), audio: LegAudioConfiguration(ssrc: 4),
        app: .play(path: "/nonexistent/prompt.opus", loop: false), onEvent: { _ in })
    }
  }
}
