import ParleyCall
import Testing

/// At-least-once, out-of-order delivery (whatsapp-calling.md §2.7).
@Suite struct DuplicateTests {
  @Test func repeatedOfferIsIgnored() {
    var machine = CallMachine(direction: .userInitiated, now: 0)
    _ = machine.handle(Fixture.offered(), now: 0)
    #expect(machine.handle(Fixture.offered(), now: 20_000) == [])
    #expect(machine.handle(Fixture.offered(.reject), now: 20_001) == [])
    #expect(machine.state == .preparing)
    #expect(machine.ignoredInputs == 2)
  }

  @Test func repeatedTerminateNotifiesOnce() {
    var machine = Fixture.activeUserCall()
    var actions = machine.handle(Fixture.terminate(), now: 400)
    actions += machine.handle(Fixture.terminate(), now: 20_400)
    actions += machine.handle(Fixture.terminate("FAILED", code: 138_021), now: 20_500)
    #expect(actions.endedCount == 1)
    #expect(actions.releaseCount == 1)
    #expect(machine.ignoredInputs == 2)
  }

  @Test func repeatedAPIResultsAndMediaEventsAreIgnored() {
    var machine = Fixture.activeUserCall()
    #expect(machine.handle(.apiSucceeded(.accept, callID: nil), now: 400) == [])
    #expect(machine.handle(.apiSucceeded(.preAccept, callID: nil), now: 401) == [])
    #expect(machine.handle(.mediaSecured, now: 402) == [])
    #expect(machine.handle(.answerPrepared(sdp: "other"), now: 403) == [])
    #expect(machine.state == .active)
  }

  @Test func equalTimestampTerminateIsNotStale() {
    var machine = Fixture.userCall()
    #expect(machine.handle(Fixture.terminate(timestamp: Fixture.offerTimestamp), now: 50).endedCount == 1)
  }

  @Test func olderTerminateThanTheOfferIsStale() {
    var machine = Fixture.userCall()
    #expect(machine.handle(Fixture.terminate(timestamp: Fixture.offerTimestamp - 1), now: 50) == [])
    #expect(machine.state == .preAccepting)
  }

  @Test func everythingAfterEndIsIgnoredButCounted() {
    var machine = Fixture.activeUserCall()
    _ = machine.handle(Fixture.terminate(), now: 400)
    let late: [CallInput] = [.mediaSecured, .hangup, .shutdown, .tick, .decided(.reject), Fixture.offered()]
    for input in late { #expect(machine.handle(input, now: 500) == []) }
    #expect(machine.ignoredInputs == late.count)
    #expect(machine.endReason == .completed)
  }
}
