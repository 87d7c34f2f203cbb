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

  private enum Change {
    case join(MediaLeg)
    case leave(MediaLeg)
  }

  /// Frames whose peak stays below this are treated as silence (they contribute nothing and their
  /// listener shares the full mix): about −50 dBFS.
  static let speechPeak: Int16 = 100

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
        guard !members.contains(where: { $0.leg === leg }) else { continue }
        let id = ParticipantID(rawValue: nextID)
        nextID += 1
        guard (try? mixer.add(id)) != nil else { continue }
        members.append((id, leg))
      case .leave(let leg):
        guard let index = members.firstIndex(where: { $0.leg === leg }) else { continue }
        _ = mixer.remove(members[index].id)
        members.remove(at: index)
      }
    }
  }

  public func tick(now: Int64) {
    guard !members.isEmpty else { return }
    for member in members {
      mixer.writeInput(for: member.id) { frame in
        _ = member.leg.audio.decodeFrame(now: now, into: frame)
        return Self.isSpeech(frame)
      }
    }
    mixer.mix()
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

  static func isSpeech(_ frame: UnsafeMutableBufferPointer<Int16>) -> Bool {
    for sample in frame where sample > speechPeak || sample < -speechPeak { return true }
    return false
  }
}
