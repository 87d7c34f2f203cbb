import ParleyCall
import Testing

@Suite struct UserInitiatedTests {
  @Test func acceptPolicyHappyPath() {
    var machine = CallMachine(direction: .userInitiated, now: 0)
    #expect(machine.handle(Fixture.offered(), now: 0) == [.prepareAnswer(offer: Fixture.offer, app: "echo")])
    #expect(machine.state == .preparing)
    #expect(machine.app == "echo")
    #expect(machine.handle(.answerPrepared(sdp: Fixture.answer), now: 10) == [.sendPreAccept(sdp: Fixture.answer)])
    #expect(machine.state == .preAccepting)
    #expect(machine.handle(.apiSucceeded(.preAccept, callID: nil), now: 100) == [])
    #expect(machine.state == .connectingMedia)
    #expect(machine.handle(.mediaSecured, now: 200) == [.sendAccept(sdp: Fixture.answer)])
    #expect(machine.state == .accepting)
    #expect(machine.handle(.apiSucceeded(.accept, callID: nil), now: 300) == [.startSending, .notify(.connected)])
    #expect(machine.state == .active)
    #expect(machine.nextDeadline == nil)
    let end = machine.handle(Fixture.terminate(duration: 120), now: 120_300)
    #expect(end == [.releaseMedia, Fixture.ended(.completed, duration: 120_000)])
    #expect(machine.state == .ended)
    #expect(machine.endReason == .completed)
  }

  @Test func timingsAreRecorded() {
    var machine = Fixture.activeUserCall()
    _ = machine.handle(Fixture.terminate(), now: 5_300)
    let timings = machine.timings
    #expect(timings.createdAt == 0)
    #expect(timings.offerReceived == 0)
    #expect(timings.answerPrepared == 10)
    #expect(timings.preAcceptSent == 10)
    #expect(timings.preAcceptDone == 100)
    #expect(timings.mediaSecured == 200)
    #expect(timings.acceptSent == 200)
    #expect(timings.connectedAt == 300)
    #expect(timings.endedAt == 5_300)
    #expect(timings.setupMilliseconds == 300)
  }

  @Test func durationFallsBackToConnectedTime() {
    var machine = Fixture.activeUserCall()
    #expect(
      machine.handle(Fixture.terminate(), now: 5_300) == [.releaseMedia, Fixture.ended(.completed, duration: 5_000)])
  }

  @Test func mediaSecuredBeforePreAcceptSucceeds() {
    var machine = Fixture.userCall()
    #expect(machine.handle(.mediaSecured, now: 50) == [])
    #expect(machine.state == .preAccepting)
    #expect(machine.handle(.apiSucceeded(.preAccept, callID: nil), now: 100) == [.sendAccept(sdp: Fixture.answer)])
    #expect(machine.state == .accepting)
    #expect(machine.handle(.apiSucceeded(.accept, callID: nil), now: 150) == [.startSending, .notify(.connected)])
  }

  @Test func rejectPolicyEndsOnRejectSuccess() {
    var machine = CallMachine(direction: .userInitiated, now: 0)
    #expect(machine.handle(Fixture.offered(.reject), now: 0) == [.sendReject])
    #expect(machine.state == .ending)
    #expect(machine.handle(.apiSucceeded(.reject, callID: nil), now: 80) == [Fixture.ended(.rejectedByPolicy)])
    #expect(machine.handle(Fixture.terminate(), now: 90) == [])
    #expect(machine.state == .ended)
  }

  @Test func rejectPolicyEndsOnTerminateWebhookFirst() {
    var machine = CallMachine(direction: .userInitiated, now: 0)
    _ = machine.handle(Fixture.offered(.reject), now: 0)
    #expect(machine.handle(Fixture.terminate(), now: 50) == [Fixture.ended(.rejectedByPolicy)])
    #expect(machine.handle(.apiSucceeded(.reject, callID: nil), now: 80) == [])
    #expect(machine.endReason == .rejectedByPolicy)
  }

  @Test func askThenAcceptIsInstantWhenMediaIsReady() {
    var machine = CallMachine(direction: .userInitiated, now: 0)
    #expect(
      machine.handle(Fixture.offered(.ask), now: 0) == [
        .prepareAnswer(offer: Fixture.offer, app: "echo"), .notify(.incoming(deadline: 25_000)),
      ])
    #expect(machine.state == .awaitingDecision)
    // pre_accept goes out while the application decides (the caller sees "Ringing").
    #expect(machine.handle(.answerPrepared(sdp: Fixture.answer), now: 10) == [.sendPreAccept(sdp: Fixture.answer)])
    #expect(machine.handle(.apiSucceeded(.preAccept, callID: nil), now: 100) == [])
    #expect(machine.handle(.mediaSecured, now: 200) == [])
    #expect(machine.state == .awaitingDecision)
    #expect(machine.handle(.decided(.accept(app: nil)), now: 3_000) == [.sendAccept(sdp: Fixture.answer)])
    #expect(machine.state == .accepting)
    #expect(machine.handle(.apiSucceeded(.accept, callID: nil), now: 3_100) == [.startSending, .notify(.connected)])
  }

  @Test func askAcceptBeforeMediaWithAnotherApp() {
    var machine = Fixture.userCall(.ask)
    #expect(machine.handle(.decided(.accept(app: "room:sales")), now: 20) == [.useApp("room:sales")])
    #expect(machine.app == "room:sales")
    #expect(machine.state == .preAccepting)
    #expect(machine.handle(.apiSucceeded(.preAccept, callID: nil), now: 100) == [])
    #expect(machine.handle(.mediaSecured, now: 200) == [.sendAccept(sdp: Fixture.answer)])
    #expect(machine.handle(.decided(.reject), now: 210) == [])
  }

  @Test func askThenReject() {
    var machine = Fixture.userCall(.ask)
    #expect(machine.handle(.decided(.reject), now: 500) == [.sendReject, .releaseMedia])
    #expect(machine.state == .ending)
    #expect(machine.handle(.apiSucceeded(.reject, callID: nil), now: 600) == [Fixture.ended(.rejectedByApp)])
  }

  @Test func askTimesOut() {
    var machine = Fixture.userCall(.ask)
    #expect(machine.nextDeadline == 25_000)
    #expect(machine.handle(.tick, now: 24_999) == [])
    #expect(machine.handle(.tick, now: 25_000) == [.sendReject, .releaseMedia])
    #expect(machine.handle(Fixture.terminate(), now: 25_100) == [Fixture.ended(.decisionTimeout)])
    #expect(machine.handle(.decided(.accept(app: nil)), now: 25_200) == [])
  }

  @Test func preparationFailureRejects() {
    var machine = CallMachine(direction: .userInitiated, now: 0)
    _ = machine.handle(Fixture.offered(), now: 0)
    #expect(machine.handle(.preparationFailed(reason: "no usable candidate"), now: 5) == [.sendReject, .releaseMedia])
    #expect(
      machine.handle(.apiFailed(.reject, Fixture.failure(nil, http: 500)), now: 9) == [
        Fixture.ended(.mediaFailed("no usable candidate"))
      ])
  }

  @Test func hangupWhileActiveTerminates() {
    var machine = Fixture.activeUserCall()
    #expect(machine.handle(.hangup, now: 1_300) == [.sendTerminate, .releaseMedia])
    #expect(machine.handle(.hangup, now: 1_350) == [])
    #expect(
      machine.handle(.apiSucceeded(.terminate, callID: nil), now: 1_400) == [
        Fixture.ended(.completed, duration: 1_100)
      ])
    #expect(machine.handle(Fixture.terminate(duration: 1), now: 1_500) == [])
  }

  @Test func shutdownRejectsUndecidedAndTerminatesLive() {
    var undecided = Fixture.userCall(.ask)
    #expect(undecided.handle(.shutdown, now: 50) == [.sendReject, .releaseMedia])
    var live = Fixture.activeUserCall()
    #expect(live.handle(.shutdown, now: 500) == [.sendTerminate, .releaseMedia])
    #expect(live.handle(Fixture.terminate(duration: 0), now: 600) == [Fixture.ended(.shutdown, duration: 0)])
  }

  @Test func mediaFailureMidCallTerminates() {
    var machine = Fixture.activeUserCall()
    #expect(machine.handle(.mediaFailed(reason: "DTLS alert"), now: 900) == [.sendTerminate, .releaseMedia])
    #expect(
      machine.handle(.apiSucceeded(.terminate, callID: nil), now: 950) == [
        Fixture.ended(.mediaFailed("DTLS alert"), duration: 650)
      ])
  }

  @Test func userHangsUpBeforeAnswer() {
    var machine = Fixture.userCall()
    #expect(machine.handle(Fixture.terminate(), now: 50) == [.releaseMedia, Fixture.ended(.hungUpByUser)])
    #expect(machine.handle(.apiSucceeded(.preAccept, callID: nil), now: 60) == [])
  }

  @Test func failedTerminateWebhookCarriesItsError() {
    var machine = Fixture.activeUserCall()
    let end = machine.handle(Fixture.terminate("Failed", code: 138_021, message: "media timeout"), now: 20_300)
    #expect(
      end == [
        .releaseMedia, Fixture.ended(.failed(code: 138_021, message: "media timeout"), duration: 20_000, code: 138_021),
      ])
  }
}
