/// A room's audio mixer: 16-bit frames in, one 32-bit sum, mix-minus out, limited back to 16 bits.
///
/// Each frame (20 ms; 960 samples at 48 kHz mono by default) the engine:
/// 1. writes each participant's decoded frame straight into the mixer with ``writeInput(for:_:)``
///    (a participant with nothing this frame — jitter buffer waiting, silence — is simply skipped);
/// 2. calls ``mix()``;
/// 3. encodes each of the ``distinctOutputCount`` outputs once (``withOutputSamples(at:_:)``) and sends
///    each participant the one ``output(for:)`` names.
///
/// A participant whose contribution this frame is non-zero hears the total minus exactly its own
/// contribution; everyone else (silent, muted, gain 0, no input) shares the full mix. Gain and mute
/// apply to what a participant contributes, never to what it hears. All buffers are allocated up front
/// for ``maximumParticipants``; after ``add(_:)``, a frame allocates nothing.
///
/// One owner (a media worker) uses a mixer; it is not `Sendable`.
public final class Mixer {
  /// Samples in one frame.
  public let frameSamples: Int
  /// The most participants the mixer holds.
  public let maximumParticipants: Int

  let limiter: Limiter
  /// `maximumParticipants` input frames, one per slot.
  let inputs: UnsafeMutableBufferPointer<Int16>
  /// `maximumParticipants + 1` output frames: mix-minus outputs first, then the full mix.
  let outputs: UnsafeMutableBufferPointer<Int16>
  /// The 32-bit sum of all contributions.
  let total: UnsafeMutableBufferPointer<Int32>
  /// One 32-bit mix on its way into the limiter.
  let scratch: UnsafeMutableBufferPointer<Int32>
  let slots: UnsafeMutableBufferPointer<ParticipantSlot>
  /// The slots of this frame's contributors, in order of their outputs.
  let contributors: UnsafeMutableBufferPointer<Int>

  /// Occupied slots, in the order participants joined.
  var members: ContiguousArray<Int> = []
  var freeSlots: ContiguousArray<Int> = []
  var slotByID: [ParticipantID: Int] = [:]
  var fullMixEnvelope = Limiter.Envelope()

  /// How many different outputs the last ``mix()`` produced that someone hears: one per contributor,
  /// plus one full mix if any participant contributed nothing.
  public internal(set) var distinctOutputCount = 0

  /// A mixer for up to `maximumParticipants` participants with `frameSamples`-sample frames at
  /// `sampleRate` Hz (which sets the limiter's time constants).
  public init(
    frameSamples: Int = 960, maximumParticipants: Int = 64, sampleRate: Int = 48_000,
    limiter: LimiterConfiguration = LimiterConfiguration()
  ) {
    precondition(frameSamples > 0, "a frame needs samples")
    precondition((1...16_383).contains(maximumParticipants), "a mixer holds 1...16383 participants")
    self.frameSamples = frameSamples
    self.maximumParticipants = maximumParticipants
    self.limiter = Limiter(limiter, sampleRate: sampleRate)
    inputs = .allocate(capacity: maximumParticipants * frameSamples)
    inputs.initialize(repeating: 0)
    outputs = .allocate(capacity: (maximumParticipants + 1) * frameSamples)
    outputs.initialize(repeating: 0)
    total = .allocate(capacity: frameSamples)
    total.initialize(repeating: 0)
    scratch = .allocate(capacity: frameSamples)
    scratch.initialize(repeating: 0)
    slots = .allocate(capacity: maximumParticipants)
    slots.initialize(repeating: ParticipantSlot())
    contributors = .allocate(capacity: maximumParticipants)
    contributors.initialize(repeating: 0)
    members.reserveCapacity(maximumParticipants)
    freeSlots.reserveCapacity(maximumParticipants)
    freeSlots.append(contentsOf: (0..<maximumParticipants).reversed())
    slotByID.reserveCapacity(maximumParticipants)
  }

  deinit {
    inputs.deallocate()
    outputs.deallocate()
    total.deallocate()
    scratch.deallocate()
    slots.deallocate()
    contributors.deallocate()
  }

  /// The number of participants in the mixer.
  public var participantCount: Int { members.count }

  /// Whether `id` is in the mixer.
  public func contains(_ id: ParticipantID) -> Bool { slotByID[id] != nil }

  /// Adds a participant at unity gain, unmuted. It has no output until the next ``mix()``.
  public func add(_ id: ParticipantID) throws(MixerError) {
    guard slotByID[id] == nil else { throw .participantExists(id) }
    guard let slot = freeSlots.popLast() else { throw .full(maximumParticipants: maximumParticipants) }
    slots[slot] = ParticipantSlot(joining: id)
    slotByID[id] = slot
    members.append(slot)
  }

  /// Removes a participant, with any input it wrote since the last mix. Returns whether it was there.
  @discardableResult
  public func remove(_ id: ParticipantID) -> Bool {
    guard let slot = slotByID.removeValue(forKey: id) else { return false }
    slots[slot] = ParticipantSlot()
    members.remove(at: members.firstIndex(of: slot)!)
    freeSlots.append(slot)
    return true
  }

  /// Sets the gain applied to what `id` contributes to the others (not to what it hears).
  public func setGain(_ gain: MixGain, for id: ParticipantID) throws(MixerError) {
    slots[try slot(of: id)].gain = gain
  }

  /// Sets the gain applied to what `id` contributes, as a linear factor from 0 up to
  /// ``MixGain/maximum`` (just under 4); other values throw ``MixerError/invalidGain(_:)``.
  public func setGain(_ linear: Float, for id: ParticipantID) throws(MixerError) {
    guard let gain = MixGain(linear) else { throw .invalidGain(linear) }
    try setGain(gain, for: id)
  }

  /// Mutes or unmutes `id`: a muted participant contributes nothing but still hears everyone else.
  public func setMuted(_ muted: Bool, for id: ParticipantID) throws(MixerError) {
    slots[try slot(of: id)].isMuted = muted
  }

  /// The gain and mute state of `id`, or `nil` if it is not in the mixer.
  public func settings(of id: ParticipantID) -> (gain: MixGain, isMuted: Bool)? {
    guard let slot = slotByID[id] else { return nil }
    return (slots[slot].gain, slots[slot].isMuted)
  }

  func slot(of id: ParticipantID) throws(MixerError) -> Int {
    guard let slot = slotByID[id] else { throw .unknownParticipant(id) }
    return slot
  }
}

@available(*, unavailable, message: "a mixer has one owner")
extension Mixer: Sendable {}
