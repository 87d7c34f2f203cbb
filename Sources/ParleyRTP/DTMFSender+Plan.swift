extension DTMFSender {
  /// One planned telephone-event packet.
  public struct Packet: Hashable, Sendable {
    /// Set on the event's first packet only.
    public var marker: Bool
    /// The event's start, the same for all its packets.
    public var timestamp: RTPTimestamp
    public var payload: TelephoneEvent
    /// When to send it, in microseconds after the event's start.
    public var sendOffset: Int64

    /// The RTP header for this packet in the stream `ssrc`, with the next `sequenceNumber` of that stream.
    public func header(payloadType: PayloadType, sequenceNumber: SequenceNumber, ssrc: SSRC) -> RTPHeader {
      RTPHeader(
        marker: marker, payloadType: payloadType, sequenceNumber: sequenceNumber, timestamp: timestamp, ssrc: ssrc)
    }
  }

  /// The packets of one digit in sending order, computed on access (no storage, no allocation).
  public struct Plan: RandomAccessCollection, Hashable, Sendable {
    let sender: DTMFSender
    let event: TelephoneEvent
    let timestamp: RTPTimestamp
    /// The digit's duration in clock units.
    public let duration: UInt16

    /// Updates strictly below the final duration, before the end packets.
    var updateCount: Int { (Int(duration) - 1) / Int(sender.updateInterval) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { updateCount + sender.endRepetitions }

    public subscript(position: Int) -> Packet {
      precondition(position >= 0 && position < endIndex, "DTMFSender.Plan index out of range")
      var payload = event
      let sendUnits: Int
      var repeatIndex = 0
      if position < updateCount {
        sendUnits = (position + 1) * Int(sender.updateInterval)
        payload.duration = UInt16(sendUnits)
      } else {
        sendUnits = Int(duration)
        repeatIndex = position - updateCount
        payload.duration = duration
        payload.isEnd = true
      }
      let offset = Int64(sendUnits) * 1_000_000 / Int64(sender.clockRate) + Int64(repeatIndex) * sender.endRepeatSpacing
      return Packet(marker: position == 0, timestamp: timestamp, payload: payload, sendOffset: offset)
    }
  }
}
