/// One participant's place in a ``Mixer``: its settings, this frame's input flag, and what it heard
/// last frame. Slot `s` owns input frame `s` of the mixer's input buffer.
struct ParticipantSlot {
  var id = ParticipantID(0)
  var isOccupied = false
  var gain = MixGain.unity
  var isMuted = false
  /// Whether audio was written since the last mix.
  var hasInput = false
  /// Whether the last mix gave this participant its own mix-minus.
  var contributed = false
  /// The output the last mix gave this participant, or -1 if it joined since.
  var outputIndex = -1
  /// The limiter envelope of this participant's mix-minus, while it contributes.
  var envelope = Limiter.Envelope()

  /// A fresh slot for a participant joining with default settings.
  init(joining id: ParticipantID) {
    self.id = id
    self.isOccupied = true
  }

  /// An empty slot.
  init() {}

  /// Whether this participant's input, if any, counts toward the mix.
  var isAudible: Bool { !isMuted && gain != .zero }
}
