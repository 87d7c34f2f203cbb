public import ParleyRTP

/// Sending DTMF (RFC 4733 on telephone-event/8000): the packets of one digit go out on the ticks whose
/// time has come, in the audio stream's sequence space, the event's timestamp fixed at its start.
extension LegAudio {
  /// Starts sending `digit` for `durationMilliseconds`. Throws if telephone-event was not negotiated, or
  /// a digit is still being sent.
  public func sendDTMF(_ digit: DTMFEvent, durationMilliseconds: Int = 100, now: Int64) throws {
    guard configuration.telephoneEventPayloadType != nil else { throw LegAudioError.noTelephoneEvent }
    guard outgoingDTMF == nil else { throw LegAudioError.dtmfBusy }
    let plan = try DTMFSender().plan(digit, startingAt: currentTimestamp, durationMilliseconds: durationMilliseconds)
    outgoingDTMF = OutgoingDTMF(plan: plan, start: now, next: 0)
  }

  /// Writes the next due DTMF packet into `packet` and returns its length, or nil when none is due.
  public func nextDTMFPacket(now: Int64, into packet: UnsafeMutableRawBufferPointer) -> Int? {
    guard var sending = outgoingDTMF, let payloadType = configuration.telephoneEventPayloadType else { return nil }
    guard sending.next < sending.plan.count else {
      outgoingDTMF = nil
      return nil
    }
    let planned = sending.plan[sending.next]
    guard now - sending.start >= planned.sendOffset else { return nil }
    sending.next += 1
    outgoingDTMF = sending.next < sending.plan.count ? sending : nil
    let header = planned.header(
      payloadType: PayloadType(rawValue: payloadType)!, sequenceNumber: takeSequenceNumber(),
      ssrc: SSRC(rawValue: configuration.ssrc))
    guard let headerLength = try? header.write(into: packet),
      let payloadLength = try? planned.payload.write(
        into: UnsafeMutableRawBufferPointer(rebasing: packet[headerLength...]))
    else { return nil }
    return headerLength + payloadLength
  }
}

/// A digit on its way out.
struct OutgoingDTMF {
  var plan: DTMFSender.Plan
  var start: Int64
  var next: Int
}

public enum LegAudioError: Error, Equatable, Sendable {
  case noTelephoneEvent
  case dtmfBusy
}
