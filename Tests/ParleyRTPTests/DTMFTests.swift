import Testing

@testable import ParleyRTP

/// RFC 4733 DTMF at 8 kHz: the receiver's began/ended events and the sender's packet plan.
@Suite struct DTMFTests {
  typealias Event = DTMFReceiver.Event

  static func payload(_ digit: DTMFEvent, _ duration: UInt16, end: Bool = false) -> TelephoneEvent {
    try! TelephoneEvent(dtmf: digit, isEnd: end, volume: 10, duration: duration)
  }

  /// Feeds (timestamp, marker, payload, arrival) packets and collects the events.
  static func receive(
    _ receiver: inout DTMFReceiver, _ packets: [(UInt32, Bool, TelephoneEvent, Int64)]
  ) -> [Event] {
    packets.flatMap { timestamp, marker, payload, arrival in
      Array(receiver.receive(timestamp: RTPTimestamp(timestamp), marker: marker, payload: payload, arrival: arrival))
    }
  }

  @Test func aDigitWithThreeEndPacketsBeginsAndEndsOnce() {
    var receiver = DTMFReceiver()
    let events = Self.receive(
      &receiver,
      [
        (8000, true, Self.payload(.digit5, 400), 0),
        (8000, false, Self.payload(.digit5, 800), 50_000),
        (8000, false, Self.payload(.digit5, 1200, end: true), 150_000),
        (8000, false, Self.payload(.digit5, 1200, end: true), 170_000),
        (8000, false, Self.payload(.digit5, 1200, end: true), 190_000),
      ])
    #expect(events == [.began(.digit5), .ended(.digit5, durationMilliseconds: 150)])
    #expect(receiver.activeDigit == nil)
    #expect(receiver.timeoutDeadline == nil)
  }

  @Test func eventsComeOutAsSoonAsTheyHappen() {
    var receiver = DTMFReceiver()
    let first = receiver.receive(timestamp: 100, marker: true, payload: Self.payload(.star, 400), arrival: 0)
    #expect(Array(first) == [.began(.star)])
    #expect(receiver.activeDigit == .star)
    #expect(receiver.receive(timestamp: 100, marker: false, payload: Self.payload(.star, 800), arrival: 1).isEmpty)
    let end = receiver.receive(timestamp: 100, marker: false, payload: Self.payload(.star, 960, end: true), arrival: 2)
    #expect(Array(end) == [.ended(.star, durationMilliseconds: 120)])
  }

  @Test func lostEndPacketsAreEndedByTheNextDigit() {
    var receiver = DTMFReceiver()
    let events = Self.receive(
      &receiver,
      [
        (1000, true, Self.payload(.digit1, 400), 0),
        (1000, false, Self.payload(.digit1, 800), 50_000),
        // All three end packets of digit 1 are lost.
        (9000, true, Self.payload(.digit2, 400), 200_000),
        (9000, false, Self.payload(.digit2, 800, end: true), 250_000),
        (9000, false, Self.payload(.digit2, 800, end: true), 270_000),
        (1000, false, Self.payload(.digit1, 1200, end: true), 280_000),  // a very late end packet of digit 1
      ])
    #expect(
      events == [
        .began(.digit1), .ended(.digit1, durationMilliseconds: 100), .began(.digit2),
        .ended(.digit2, durationMilliseconds: 100),
      ])
  }

  @Test func lostEndPacketsAreEndedByTheTimeout() {
    var receiver = DTMFReceiver(timeout: 300_000)
    _ = Self.receive(
      &receiver, [(1000, true, Self.payload(.digit3, 400), 0), (1000, false, Self.payload(.digit3, 800), 50_000)])
    #expect(receiver.timeoutDeadline == 350_000)
    #expect(receiver.handleTimeout(now: 349_999) == nil)
    #expect(receiver.handleTimeout(now: 350_000) == .ended(.digit3, durationMilliseconds: 100))
    #expect(receiver.handleTimeout(now: 400_000) == nil)
    #expect(receiver.timeoutDeadline == nil)
    // The end packets turning up late change nothing.
    let late = Self.receive(&receiver, [(1000, false, Self.payload(.digit3, 1200, end: true), 420_000)])
    #expect(late.isEmpty)
  }

  @Test func backToBackDigits() {
    var receiver = DTMFReceiver()
    var packets: [(UInt32, Bool, TelephoneEvent, Int64)] = []
    for (index, digit) in [DTMFEvent.digit4, .digit4, .pound].enumerated() {
      let start = UInt32(index) * 1600  // 200 ms apart at 8 kHz: 100 ms tone, 100 ms pause
      let arrival = Int64(index) * 200_000
      packets += [
        (start, true, Self.payload(digit, 400), arrival + 50_000),
        (start, false, Self.payload(digit, 800, end: true), arrival + 100_000),
        (start, false, Self.payload(digit, 800, end: true), arrival + 120_000),
        (start, false, Self.payload(digit, 800, end: true), arrival + 140_000),
      ]
    }
    // Reordering on the way: the first update of the second digit overtakes the last end repeat of the first.
    packets.swapAt(3, 4)
    let events = Self.receive(&receiver, packets)
    #expect(
      events == [
        .began(.digit4), .ended(.digit4, durationMilliseconds: 100), .began(.digit4),
        .ended(.digit4, durationMilliseconds: 100), .began(.pound), .ended(.pound, durationMilliseconds: 100),
      ])
  }

  @Test func aLostFirstPacketOrOnlyEndPacketsStillMakeADigit() {
    var receiver = DTMFReceiver()
    // The marked first packet is lost: the first update begins the digit.
    let withoutMarker = Self.receive(
      &receiver,
      [(500, false, Self.payload(.digit7, 800), 0), (500, false, Self.payload(.digit7, 800, end: true), 50_000)])
    #expect(withoutMarker == [.began(.digit7), .ended(.digit7, durationMilliseconds: 100)])
    // Only an end packet arrives.
    let onlyEnd = Self.receive(&receiver, [(5000, false, Self.payload(.digit8, 640, end: true), 100_000)])
    #expect(onlyEnd == [.began(.digit8), .ended(.digit8, durationMilliseconds: 80)])
  }

  @Test func updatesOutOfOrderDoNotShortenTheDuration() {
    var receiver = DTMFReceiver()
    let events = Self.receive(
      &receiver,
      [
        (700, true, Self.payload(.digit9, 1200), 0),
        (700, false, Self.payload(.digit9, 800), 10),  // an older update, late
      ])
    #expect(events == [.began(.digit9)])
    #expect(receiver.handleTimeout(now: 1_000_000) == .ended(.digit9, durationMilliseconds: 150))
  }

  @Test func nonDTMFEventsAreIgnored() throws {
    var receiver = DTMFReceiver()
    let flash = try TelephoneEvent(event: 16, isEnd: false, volume: 10, duration: 400)
    #expect(receiver.receive(timestamp: 1, marker: true, payload: flash, arrival: 0).isEmpty)
    #expect(receiver.activeDigit == nil)
  }

  @Test func aLongEventContinuesInANewSegment() {
    // RFC 4733 long-duration events: a new segment (new timestamp, no marker) before the duration overflows.
    var receiver = DTMFReceiver()
    let events = Self.receive(
      &receiver,
      [
        (0, true, Self.payload(.digit0, 400), 0),
        (0, false, Self.payload(.digit0, 0xFFFF), 8_000_000),
        (0xFFFF, false, Self.payload(.digit0, 400), 8_050_000),
        (0xFFFF, false, Self.payload(.digit0, 800, end: true), 8_100_000),
      ])
    #expect(events == [.began(.digit0), .ended(.digit0, durationMilliseconds: (0xFFFF + 800) / 8)])
  }

  @Test func senderPlanForA100MillisecondDigit() throws {
    let sender = try DTMFSender()
    let plan = try sender.plan(.digit1, startingAt: 48_000)
    #expect(plan.duration == 800)
    #expect(plan.map(\.payload.duration) == [400, 800, 800, 800])
    #expect(plan.map(\.payload.isEnd) == [false, true, true, true])
    #expect(plan.map(\.marker) == [true, false, false, false])
    #expect(plan.allSatisfy { $0.timestamp == 48_000 && $0.payload.dtmf == .digit1 && $0.payload.volume == 10 })
    #expect(plan.map(\.sendOffset) == [50_000, 100_000, 120_000, 140_000])
  }

  @Test func senderPlanShapes() throws {
    let sender = try DTMFSender()
    // Shorter than one update interval: the end packets alone, the first one marked.
    let short = try sender.plan(.a, startingAt: 0, durationMilliseconds: 40)
    #expect(short.map(\.payload.duration) == [320, 320, 320])
    #expect(short.map(\.marker) == [true, false, false])
    // Not a multiple of the update interval: updates at 400 and 800, the end at 1000.
    let odd = try sender.plan(.b, startingAt: 0, durationMilliseconds: 125)
    #expect(odd.map(\.payload.duration) == [400, 800, 1000, 1000, 1000])
    #expect(odd.filter(\.payload.isEnd).count == 3)
    // The longest single segment.
    let longest = try sender.plan(.c, startingAt: 0, durationMilliseconds: 8191)
    #expect(longest.last?.payload.duration == 65_528)
    #expect(throws: RTPError.self) { try sender.plan(.c, startingAt: 0, durationMilliseconds: 8192) }
    #expect(throws: RTPError.self) { try sender.plan(.c, startingAt: 0, durationMilliseconds: 0) }
    #expect(throws: RTPError.self) { try DTMFSender(volume: 64) }
    #expect(throws: RTPError.self) { try DTMFSender(updateInterval: 0) }
  }

  /// Each of the 16 DTMF events, planned by the sender, serialized as RTP, parsed back and received: one began and
  /// one ended with the planned duration.
  @Test(arguments: DTMFEvent.allCases)
  func roundTripThroughRTP(digit: DTMFEvent) throws {
    let sender = try DTMFSender()
    var receiver = DTMFReceiver()
    let payloadType = try PayloadType(126)
    var sequenceNumber: SequenceNumber = 65_534  // crosses the wrap on the way
    var events: [Event] = []
    for packet in try sender.plan(digit, startingAt: 0xFFFF_FF00, durationMilliseconds: 180) {
      var bytes = [UInt8](repeating: 0, count: 64)
      let length = try bytes.withUnsafeMutableBytes { buffer -> Int in
        let header = packet.header(payloadType: payloadType, sequenceNumber: sequenceNumber, ssrc: 0xFACE)
        let headerLength = try header.write(into: buffer)
        return try headerLength
          + packet.payload.write(into: UnsafeMutableRawBufferPointer(rebasing: buffer[headerLength...]))
      }
      sequenceNumber += 1
      try withRaw(Array(bytes[0..<length])) { raw in
        let view = try RTPPacketView(parsing: raw)
        #expect(view.header.payloadType == payloadType)
        let payload = try TelephoneEvent(parsing: view.payload(in: raw))
        events += receiver.receive(
          timestamp: view.header.timestamp, marker: view.header.marker, payload: payload,
          arrival: 1_000_000 + packet.sendOffset)
      }
    }
    #expect(events == [.began(digit), .ended(digit, durationMilliseconds: 180)])
  }

  @Test func allSixteenDigitsInARow() throws {
    let sender = try DTMFSender()
    var receiver = DTMFReceiver()
    var events: [Event] = []
    for (index, digit) in DTMFEvent.allCases.enumerated() {
      let start = RTPTimestamp(UInt32(index) * 9600)  // 200 ms apart in a 48 kHz audio clock, as WhatsApp's are
      for packet in try sender.plan(digit, startingAt: start) {
        events += receiver.receive(
          timestamp: packet.timestamp, marker: packet.marker, payload: packet.payload,
          arrival: Int64(index) * 200_000 + packet.sendOffset)
      }
    }
    #expect(events.count == 32)
    #expect(
      events == DTMFEvent.allCases.flatMap { [Event.began($0), .ended($0, durationMilliseconds: 100)] })
  }
}
