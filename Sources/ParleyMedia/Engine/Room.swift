public import ParleyMediaFiles
import ParleyMixer
public import ParleyOpus
import Synchronization

/// A mixing room on one worker: every tick it takes each member's next 20 ms from its jitter buffer,
/// mixes them (32-bit sums, mix-minus, limiter), and sends each member what the others said. Members
/// who contributed nothing this tick hear the full mix, encoded once and shared; each speaker's
/// mix-minus is encoded with that member's own encoder.
///
/// Members are ``MediaLeg``s created on the room's worker with the ``LegApp/room`` app. Joining and
/// leaving go through a small locked queue checked behind an atomic flag: the tick takes no lock.
public final class Room: MediaTask, @unchecked Sendable {
  public let name: String
  public let worker: MediaWorker
  private let pending = Mutex<[Change]>([])
  private let hasPending = Atomic<Bool>(false)

  // Owned by the worker thread.
  private let mixer: Mixer
  private var members: [(id: ParticipantID, leg: MediaLeg)] = []
  private var nextID = 0
  private let sharedEncoder: OpusEncoder
  private let sharedPayload = UnsafeMutableRawBufferPointer.allocate(byteCount: 1_500, alignment: 16)

  private var players: [(id: ParticipantID, reader: any PromptReader, loop: Bool)] = []
  private var recorders: [(id: ParticipantID, writer: WAVWriter)] = []

  private enum Change {
    case join(MediaLeg)
    case leave(MediaLeg)
    case play(PromptBox, loop: Bool)
    case record(WAVBox)
    case stopRecording(path: String, done: @Sendable () -> Void)
  }

  /// Frames quieter than this RMS level (about −47 dBFS) count as silence: they contribute nothing and
  /// their listener shares the full mix. Comfort noise and the concealment that follows a DTX pause sit
  /// well below it, so quiet listeners do not each cost an encode.
  static let speechRMS: Int64 = 150

  public init(name: String, worker: MediaWorker, encoder: OpusEncoderConfiguration = OpusEncoderConfiguration())
    throws
  {
    self.name = name
    self.worker = worker
    mixer = Mixer(frameSamples: LegAudio.frameSamples, maximumParticipants: 256)
    sharedEncoder = try OpusEncoder(sampleRate: .hz48000, channels: .mono, configuration: encoder)
  }

  deinit { sharedPayload.deallocate() }

  /// Adds `leg` (made on this room's worker with the `.room` app) from the next tick on.
  public func join(_ leg: MediaLeg) {
    precondition(leg.worker === worker, "a room's members live on the room's worker")
    enqueue(.join(leg))
  }

  /// Removes `leg` from the next tick on.
  public func leave(_ leg: MediaLeg) { enqueue(.leave(leg)) }

  /// Plays a prompt into the room (everyone hears it), once or looping.
  public func play(path: String, loop: Bool) throws(MediaFileError) {
    enqueue(.play(PromptBox(try PromptFile.open(path: path)), loop: loop))
  }

  /// Records what the room hears — everyone mixed — into a crash-safe 16-bit WAV at 48 kHz.
  public func record(wavPath: String) throws(MediaFileError) {
    enqueue(.record(WAVBox(try WAVWriter(path: wavPath), path: wavPath)))
  }

  /// Stops a recording and waits until its file is complete.
  public func stopRecording(wavPath: String) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      enqueue(.stopRecording(path: wavPath, done: { continuation.resume() }))
    }
  }

  /// How many members the room has (read on the worker; approximate elsewhere).
  public var memberCount: Int { members.count }

  private func enqueue(_ change: Change) {
    pending.withLock { $0.append(change) }
    hasPending.store(true, ordering: .releasing)
    worker.wake()
  }

  // MARK: MediaTask

  public func service(now: Int64) {
    guard hasPending.load(ordering: .acquiring) else { return }
    hasPending.store(false, ordering: .releasing)
    let changes = pending.withLock { queue in
      defer { queue.removeAll(keepingCapacity: true) }
      return queue
    }
    for change in changes {
      switch change {
      case .join(let leg):
        guard !members.contains(where: { $0.leg === leg }), let id = addParticipant() else { continue }
        members.append((id, leg))
      case .leave(let leg):
        guard let index = members.firstIndex(where: { $0.leg === leg }) else { continue }
        _ = mixer.remove(members[index].id)
        members.remove(at: index)
      case .play(let prompt, let loop):
        guard let id = addParticipant() else { continue }
        players.append((id, prompt.reader, loop))
      case .record(let wav):
        // A recorder contributes nothing, so it always hears the full mix.
        guard let id = addParticipant() else { continue }
        recorders.append((id, wav.writer))
        recorderPaths[id] = wav.path
      case .stopRecording(let path, let done):
        if let index = recorders.firstIndex(where: { recorderPaths[$0.id] == path }) {
          try? recorders[index].writer.close()
          _ = mixer.remove(recorders[index].id)
          recorderPaths[recorders[index].id] = nil
          recorders.remove(at: index)
        }
        done()
      }
    }
  }

  private var recorderPaths: [ParticipantID: String] = [:]

  private func addParticipant() -> ParticipantID? {
    let id = ParticipantID(rawValue: nextID)
    nextID += 1
    return (try? mixer.add(id)) != nil ? id : nil
  }

  public func tick(now: Int64) {
    guard !members.isEmpty || !players.isEmpty || !recorders.isEmpty else { return }
    var finished: [Int] = []
    for (index, player) in players.enumerated() {
      mixer.writeInput(for: player.id) { frame in
        var filled = (try? player.reader.read(into: frame)) ?? 0
        if filled < frame.count, player.loop, player.reader.durationSamples > 0 {
          try? player.reader.rewind()
          filled += (try? player.reader.read(into: UnsafeMutableBufferPointer(rebasing: frame[filled...]))) ?? 0
        }
        if filled < frame.count {
          UnsafeMutableBufferPointer(rebasing: frame[filled...]).update(repeating: 0)
          if !player.loop { finished.append(index) }
        }
        return filled > 0
      }
    }
    for index in finished.reversed() {
      _ = mixer.remove(players[index].id)
      players.remove(at: index)
    }
    for member in members {
      mixer.writeInput(for: member.id) { frame in
        _ = member.leg.audio.decodeFrame(now: now, into: frame)
        return Self.isSpeech(frame)
      }
    }
    mixer.mix()
    for recorder in recorders {
      _ = mixer.withOutputSamples(for: recorder.id) { _, samples in try? recorder.writer.append(samples: samples) }
    }
    var sharedLength = -1  // the full mix is encoded at most once per tick, and only if someone hears it
    for member in members {
      _ = mixer.withOutputSamples(for: member.id) { output, samples in
        if output.isFullMix {
          if sharedLength < 0 { sharedLength = (try? sharedEncoder.encode(pcm: samples, into: sharedPayload)) ?? 0 }
          if sharedLength > 0 {
            member.leg.sendPayload(UnsafeRawBufferPointer(rebasing: sharedPayload[0..<sharedLength]))
          }
        } else {
          member.leg.sendEncoded(samples)
        }
      }
    }
  }

  public var nextDeadline: Int64? { nil }

  /// Whether a decoded frame is loud enough to count as a contribution to the mix.
  public static func isSpeech(_ frame: UnsafeMutableBufferPointer<Int16>) -> Bool {
    var energy: Int64 = 0
    for sample in frame { energy &+= Int64(sample) * Int64(sample) }
    return energy > speechRMS * speechRMS * Int64(frame.count)
  }
}

/// Carries a prompt reader to the worker thread; after that only the worker uses it.
private final class PromptBox: @unchecked Sendable {
  let reader: any PromptReader
  init(_ reader: any PromptReader) { self.reader = reader }
}

/// Carries a WAV writer to the worker thread; after that only the worker uses it.
private final class WAVBox: @unchecked Sendable {
  let writer: WAVWriter
  let path: String
  init(_ writer: WAVWriter, path: String) {
    self.writer = writer
    self.path = path
  }
}
