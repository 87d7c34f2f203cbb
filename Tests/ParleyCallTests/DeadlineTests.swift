import ParleyCall
import Testing

/// Deadlines: the machine reads no clock; the server ticks it at ``CallMachine/nextDeadline``.
@Suite struct DeadlineTests {
  @Test func mediaTimeoutAfterPreAccept() {
    var machine = Fixture.userCall()
    _ = machine.handle(.apiSucceeded(.preAccept, callID: nil), now: 100)
    #expect(machine.nextDeadline == 10_100)
    #expect(machine.handle(.tick, now: 10_099) == [])
    #expect(machine.handle(.tick, now: 10_100) == [.sendReject, .releaseMedia])
    #expect(machine.nextDeadline == nil)
    #expect(machine.handle(.mediaSecured, now: 10_200) == [])
    #expect(machine.handle(.apiSucceeded(.reject, callID: nil), now: 10_300) == [Fixture.ended(.mediaTimeout)])
  }

  @Test func acceptDeadlineFromTheOffer() {
    var machine = Fixture.accepting()  // accept in flight since 200; media deadline cleared
    #expect(machine.nextDeadline == 40_000)
    #expect(machine.handle(.tick, now: 40_000) == [.sendTerminate, .releaseMedia])
    #expect(machine.handle(.apiSucceeded(.accept, callID: nil), now: 40_010) == [])
    #expect(machine.handle(.apiSucceeded(.terminate, callID: nil), now: 40_020) == [Fixture.ended(.acceptTimeout)])
  }

  @Test func acceptDeadlineWhileStillPreparing() {
    var machine = CallMachine(direction: .userInitiated, timeouts: .init(acceptDeadlineMilliseconds: 5_000), now: 0)
    _ = machine.handle(Fixture.offered(), now: 1_000)
    #expect(machine.nextDeadline == 6_000)
    #expect(machine.handle(.tick, now: 7_000) == [.sendReject, .releaseMedia])
    #expect(machine.handle(.answerPrepared(sdp: Fixture.answer), now: 7_001) == [])
  }

  @Test func earliestPassedDeadlineWins() {
    let timeouts = CallTimeouts(decisionMilliseconds: 30_000, mediaMilliseconds: 1_000)
    var machine = CallMachine(direction: .userInitiated, timeouts: timeouts, now: 0)
    _ = machine.handle(Fixture.offered(.ask), now: 0)
    _ = machine.handle(.answerPrepared(sdp: Fixture.answer), now: 0)
    _ = machine.handle(.apiSucceeded(.preAccept, callID: nil), now: 0)
    #expect(machine.nextDeadline == 1_000)
    // A late tick past several deadlines ends with the first one.
    _ = machine.handle(.tick, now: 50_000)
    _ = machine.handle(Fixture.terminate(), now: 50_001)
    #expect(machine.endReason == .mediaTimeout)
  }

  @Test func ringTimeout() {
    var machine = Fixture.ringing()
    #expect(machine.nextDeadline == 60_100)
    #expect(machine.handle(.tick, now: 60_100) == [.sendTerminate, .releaseMedia])
    #expect(machine.handle(.apiSucceeded(.terminate, callID: nil), now: 60_200) == [Fixture.ended(.notAnswered)])
  }

  @Test func answerStopsTheRingTimerAndStartsTheMediaTimer() {
    var machine = Fixture.ringing()
    _ = machine.handle(.answerWebhook(sdp: Fixture.remoteAnswer, timestamp: 1), now: 5_000)
    #expect(machine.nextDeadline == 15_000)
    #expect(machine.handle(.tick, now: 15_000) == [.sendTerminate, .releaseMedia])
    #expect(machine.handle(Fixture.terminate(), now: 15_500) == [Fixture.ended(.mediaTimeout)])
  }

  @Test func tickWithoutDeadlineDoesNothing() {
    var machine = Fixture.activeUserCall()
    #expect(machine.handle(.tick, now: .max) == [])
    #expect(machine.state == .active)
  }

  @Test func extremeClockValuesDoNotTrap() {
    var machine = CallMachine(direction: .userInitiated, now: .max)
    _ = machine.handle(Fixture.offered(.ask), now: .max)
    #expect(machine.nextDeadline == .max)
    _ = machine.handle(.tick, now: .max)
    _ = machine.handle(Fixture.terminate(duration: .max), now: .min)
    #expect(machine.state == .ended)
  }
}
