extension Mixer {
  /// Lets `body` write this frame's audio for `id` straight into the mixer: it receives the
  /// participant's input frame (``frameSamples`` samples, holding whatever was there before) and
  /// returns `true` if it filled the whole frame with audio, `false` if it has nothing this frame.
  /// The body runs even for a muted participant, so a decoder can keep its state.
  ///
  /// A participant for whom nothing is written before ``mix()`` contributes nothing; that costs
  /// nothing. Writing twice in one frame keeps the last. `id` must be in the mixer.
  public func writeInput<E: Error>(
    for id: ParticipantID, _ body: (UnsafeMutableBufferPointer<Int16>) throws(E) -> Bool
  ) throws(E) {
    guard let slot = slotByID[id] else { preconditionFailure("\(id) is not in the mixer") }
    let frame = UnsafeMutableBufferPointer(rebasing: inputs[slot * frameSamples..<(slot + 1) * frameSamples])
    slots[slot].hasInput = try body(frame)
  }

  /// Copies `frame` (exactly ``frameSamples`` samples) in as this frame's audio for `id`.
  public func writeInput(_ frame: some Collection<Int16>, for id: ParticipantID) {
    precondition(frame.count == frameSamples, "a frame has \(frameSamples) samples, not \(frame.count)")
    writeInput(for: id) { destination in
      _ = destination.update(fromContentsOf: frame)
      return true
    }
  }

  /// Which output `id` hears after the last ``mix()``, or `nil` if it was not in that mix (it joined
  /// since, or is not in the mixer). Participants with the same ``MixOutput/index`` hear the same samples.
  public func output(for id: ParticipantID) -> MixOutput? {
    guard let slot = slotByID[id], slots[slot].outputIndex >= 0 else { return nil }
    return MixOutput(index: slots[slot].outputIndex, excluding: slots[slot].contributed ? id : nil)
  }

  /// Calls `body` with the samples of output `index` (below ``distinctOutputCount``) from the last
  /// ``mix()``. The pointer is valid only inside `body`.
  public func withOutputSamples<R, E: Error>(
    at index: Int, _ body: (UnsafeBufferPointer<Int16>) throws(E) -> R
  ) throws(E) -> R {
    precondition(index >= 0 && index < distinctOutputCount, "output \(index) is not in the last mix")
    return try body(UnsafeBufferPointer(outputFrame(index)))
  }

  /// Calls `body` with the samples `id` hears after the last ``mix()``, or returns `nil` if it was not
  /// in that mix.
  public func withOutputSamples<R, E: Error>(
    for id: ParticipantID, _ body: (MixOutput, UnsafeBufferPointer<Int16>) throws(E) -> R
  ) throws(E) -> R? {
    guard let output = output(for: id) else { return nil }
    return try body(output, UnsafeBufferPointer(outputFrame(output.index)))
  }

  func inputFrame(_ slot: Int) -> UnsafeMutablePointer<Int16> { inputs.baseAddress! + slot * frameSamples }
  func outputFrame(_ index: Int) -> UnsafeMutableBufferPointer<Int16> {
    UnsafeMutableBufferPointer(rebasing: outputs[index * frameSamples..<(index + 1) * frameSamples])
  }
}
