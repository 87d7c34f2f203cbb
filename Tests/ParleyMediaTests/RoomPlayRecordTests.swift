import Foundation
import ParleyDTLS
import ParleyMedia
import ParleyMediaFiles
import ParleyNice
import ParleyTesting
import Testing

/// A room mixes a prompt player with a leg, and records what the room hears.
@Suite struct RoomPlayRecordTests {
  @Test func aPlayerIsHeardByMembersAndTheRecorderHearsEveryone() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-room-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let promptPath = directory.appendingPathComponent("music.wav").path
    let writer = try WAVWriter(path: promptPath)
    let music = ToneAnalysis.sine(frequency: 660, sampleRate: 48_000, seconds: 0.5, amplitude: 8_000)
    try music.withUnsafeBufferPointer { try writer.append(samples: $0) }
    try writer.close()

    let roomWorker = MediaWorker(name: "room-pr")
    let peerWorker = MediaWorker(name: "peer-pr")
    let loop = NiceLoop(name: "room-pr-net")
    let context = try DTLSContext(certificate: try DTLSCertificate.generate())
    let room = try Room(name: "pr", worker: roomWorker)
    roomWorker.add(room)
    let member = try MediaLeg(
      worker: roomWorker, loop: loop, context: context,
      ice: ICEAgentConfiguration(controlling: true, addresses: ["127.0.0.1"]), audio: LegAudioConfiguration(ssrc: 10),
      app: .room, onEvent: { _ in })
    let peerRecording = LegRecording(oggPath: directory.appendingPathComponent("peer.opus").path)
    let peer = try MediaLeg(
      worker: peerWorker, loop: loop, context: context,
      ice: ICEAgentConfiguration(controlling: false, addresses: ["127.0.0.1"]), audio: LegAudioConfiguration(ssrc: 11),
      app: .tone(frequency: 1_000), recording: peerRecording, onEvent: { _ in })
    room.join(member)
    try member.connect(to: peer, role: .client)
    let roomRecording = directory.appendingPathComponent("room.wav").path
    try room.record(wavPath: roomRecording)
    try room.play(path: promptPath, loop: true)
    try await Task.sleep(for: .milliseconds(1_500))
    await room.stopRecording(wavPath: roomRecording)
    member.close()
    peer.close()

    // The room's recording holds both the music and the peer's tone.
    let wav = try WAVReader(path: roomRecording)
    var heard = [Int16](repeating: 0, count: wav.durationSamples)
    let count = try heard.withUnsafeMutableBufferPointer { try wav.read(into: $0) }
    #expect(count > 48_000)
    let window = heard[(count - 24_000)..<count]
    let background = ToneAnalysis.power(of: 1_700, in: window, sampleRate: 48_000)
    #expect(ToneAnalysis.power(of: 660, in: window, sampleRate: 48_000) > background * 1_000)
    #expect(ToneAnalysis.power(of: 1_000, in: window, sampleRate: 48_000) > background * 1_000)

    // The peer received the music (its own tone is left out of its mix).
    let ogg = try OggOpusReader(path: peerRecording.oggPath!)
    var received = [Int16](repeating: 0, count: ogg.durationSamples)
    let receivedCount = try received.withUnsafeMutableBufferPointer { try ogg.read(into: $0) }
    let tail = received[max(0, receivedCount - 24_000)..<receivedCount]
    let heardMusic = ToneAnalysis.power(of: 660, in: tail, sampleRate: 48_000)
    #expect(heardMusic > ToneAnalysis.power(of: 1_000, in: tail, sampleRate: 48_000) * 100)
    roomWorker.remove(room)
    roomWorker.stop()
    peerWorker.stop()
  }

  @Test func thePoolSpreadsWorkOverItsWorkers() {
    let pool = MediaWorkerPool(count: 2, name: "pool-media")
    let picks = (0..<4).map { _ in ObjectIdentifier(pool.nextWorker()) }
    #expect(Set(picks).count == 2 && picks[0] == picks[2])
    pool.stop()
  }
}
