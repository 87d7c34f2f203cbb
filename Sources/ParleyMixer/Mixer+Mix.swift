extension Mixer {
  /// Mixes the inputs written since the last mix and consumes them.
  ///
  /// Sums every audible input (not muted, gain above 0) at its gain in 32 bits. A participant whose
  /// contribution is non-zero gets its own output: the sum minus exactly its contribution. One full mix
  /// is shared by everyone else. Each output goes through its own limiter; an output whose samples fit
  /// under the threshold (and whose limiter has recovered) is the exact integer sum. Allocates nothing.
  public func mix() {
    let count = frameSamples
    let total = self.total.baseAddress!
    total.update(repeating: 0, count: count)

    // 1. Sum; note who contributed something.
    var contributorCount = 0
    for slot in members {
      slots[slot].outputIndex = -1
      guard slots[slot].hasInput else { continue }
      slots[slot].hasInput = false
      guard slots[slot].isAudible else { continue }
      if MixKernels.accumulate(inputFrame(slot), gain: slots[slot].gain, into: total, count: count) {
        contributors[contributorCount] = slot
        contributorCount += 1
      }
    }

    // 2. One mix-minus per contributor. A contributor that heard the full mix last frame continues
    //    from the full mix's envelope, which was limiting much the same signal.
    for index in 0..<contributorCount {
      let slot = contributors[index]
      var envelope = slots[slot].contributed ? slots[slot].envelope : fullMixEnvelope
      render(index, subtracting: (inputFrame(slot), slots[slot].gain), envelope: &envelope)
      slots[slot].envelope = envelope
      slots[slot].contributed = true
      slots[slot].outputIndex = index
    }

    // 3. The full mix, for everyone else. Rendered even without listeners, so that its envelope stays
    //    current for the next contributor that starts from it.
    render(contributorCount, subtracting: nil, envelope: &fullMixEnvelope)
    var fullMixListeners = 0
    for slot in members where slots[slot].outputIndex < 0 {
      slots[slot].contributed = false
      slots[slot].outputIndex = contributorCount
      fullMixListeners += 1
    }
    distinctOutputCount = contributorCount + (fullMixListeners > 0 ? 1 : 0)
  }

  /// Renders output `index`: the total minus one contribution (or the whole total), limited.
  private func render(
    _ index: Int, subtracting contribution: (input: UnsafeMutablePointer<Int16>, gain: MixGain)?,
    envelope: inout Limiter.Envelope
  ) {
    let count = frameSamples
    let total = UnsafePointer(self.total.baseAddress!)
    let output = outputFrame(index).baseAddress!
    let input = contribution.map { UnsafePointer($0.input) }
    let gain = contribution?.gain ?? .unity
    if envelope.isUnity {
      // Usually the mix fits in 16 bits: then one pass, and the output is the exact sum.
      let range = MixKernels.narrow(total, subtracting: input, gain: gain, into: output, count: count)
      if limiter.passesUnchanged(minimum: range.minimum, maximum: range.maximum) { return }
    }
    if let input {
      let scratch = self.scratch.baseAddress!
      MixKernels.materialize(total, subtracting: input, gain: gain, into: scratch, count: count)
      limiter.limit(scratch, into: output, count: count, envelope: &envelope)
    } else {
      limiter.limit(total, into: output, count: count, envelope: &envelope)
    }
  }
}
