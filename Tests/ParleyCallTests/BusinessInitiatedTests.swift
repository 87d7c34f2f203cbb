import ParleyCall
import Testing

@Suite struct BusinessInitiatedTests {
  @Test func happyPath() {
    var machine = CallMachine(direction: .businessInitiated, now: 0)
    #expect(
      machine.handle(.place(to: Fixture.user, app: "play:/hello.opus", bizOpaqueCallbackData: "opaque"), now: 0) == [
        .checkPermission(to: Fixture.user)
      ])
    #expect(machine.state == .checkingPermission)
    #expect(machine.handle(.permissionChecked(canCall: true), now: 10) == [.prepareOffer(app: "play:/hello.opus")])
    #expect(machine.state == .preparingOffer)
    #expect(
      machine.handle(.offerPrepared(sdp: Fixture.ourOffer), now: 20) == [
        .sendConnect(to: Fixture.user, sdp: Fixture.ourOffer, bizOpaqueCallbackData: "opaque")
      ])
    #expect(machine.state == .connecting)
    #expect(machine.handle(.apiSucceeded(.connect, callID: Fixture.callID), now: 100) == [])
    #expect(machine.state == .ringing)
    #expect(machine.whatsappCallID == Fixture.callID)
    #expect(machine.remoteNumber == Fixture.user)
    #expect(machine.handle(.statusWebhook(status: "RINGING", timestamp: 10), now: 200) == [.notify(.ringing)])
    #expect(machine.handle(.statusWebhook(status: "RINGING", timestamp: 10), now: 201) == [])
    #expect(
      machine.handle(.answerWebhook(sdp: Fixture.remoteAnswer, timestamp: 15), now: 5_000) == [
        .applyAnswer(sdp: Fixture.remoteAnswer)
      ])
    #expect(machine.state == .connectingMedia)
    #expect(machine.handle(.mediaSecured, now: 5_100) == [.startSending, .notify(.connected)])
    #expect(machine.state == .active)
    #expect(machine.handle(.statusWebhook(status: "ACCEPTED", timestamp: 16), now: 5_200) == [])
    #expect(machine.handle(.statusWebhook(status: "RINGING", timestamp: 16), now: 5_300) == [])
    #expect(
      machine.handle(Fixture.terminate(duration: 30), now: 35_100) == [
        .releaseMedia, Fixture.ended(.completed, duration: 30_000),
      ])
    #expect(machine.timings.connectSent == 20)
    #expect(machine.timings.ringing == 200)
    #expect(machine.timings.answerReceived == 5_000)
    #expect(machine.timings.setupMilliseconds == 5_100)
  }

  @Test func defaultAppWhenNoneIsNamed() {
    var machine = CallMachine(direction: .businessInitiated, defaultApp: "room:main", now: 0)
    _ = machine.handle(.place(to: Fixture.user, app: nil, bizOpaqueCallbackData: nil), now: 0)
    #expect(machine.handle(.permissionChecked(canCall: true), now: 1) == [.prepareOffer(app: "room:main")])
  }

  @Test func noPermission() {
    var machine = CallMachine(direction: .businessInitiated, now: 0)
    _ = machine.handle(.place(to: Fixture.user, app: nil, bizOpaqueCallbackData: nil), now: 0)
    #expect(
      machine.handle(.permissionChecked(canCall: false), now: 10) == [
        .suggestPermissionRequest(to: Fixture.user), Fixture.ended(.noPermission),
      ])
    #expect(machine.state == .ended)
  }

  @Test func rejectedByUser() {
    var machine = Fixture.ringing()
    _ = machine.handle(.statusWebhook(status: "RINGING", timestamp: 10), now: 200)
    #expect(
      machine.handle(.statusWebhook(status: "REJECTED", timestamp: 12), now: 2_000) == [
        .releaseMedia, Fixture.ended(.rejectedByUser),
      ])
    #expect(machine.handle(Fixture.terminate(), now: 2_100) == [])
  }

  @Test func acceptedThenMediaConnects() {
    var machine = Fixture.ringing()
    #expect(machine.handle(.statusWebhook(status: "accepted", timestamp: 10), now: 300) == [])
    #expect(machine.state == .connectingMedia)
    #expect(machine.handle(.statusWebhook(status: "RINGING", timestamp: 11), now: 310) == [])
    #expect(
      machine.handle(.answerWebhook(sdp: Fixture.remoteAnswer, timestamp: 10), now: 320) == [
        .applyAnswer(sdp: Fixture.remoteAnswer)
      ])
    #expect(machine.handle(.mediaSecured, now: 400) == [.startSending, .notify(.connected)])
  }

  @Test func staleStatusIsIgnored() {
    var machine = Fixture.ringing()
    _ = machine.handle(.statusWebhook(status: "RINGING", timestamp: 20), now: 200)
    #expect(machine.handle(.statusWebhook(status: "REJECTED", timestamp: 19), now: 300) == [])
    #expect(machine.state == .ringing)
    #expect(machine.ignoredInputs == 1)
  }

  @Test func answerOvertakesConnectResponse() {
    var machine = Fixture.connecting()
    #expect(
      machine.handle(.answerWebhook(sdp: Fixture.remoteAnswer, timestamp: 1), now: 50) == [
        .applyAnswer(sdp: Fixture.remoteAnswer)
      ])
    #expect(machine.handle(.apiSucceeded(.connect, callID: Fixture.callID), now: 60) == [])
    #expect(machine.nextDeadline == 10_050)  // the media timer, not the ring timer
    #expect(machine.handle(.mediaSecured, now: 70) == [.startSending, .notify(.connected)])
  }

  @Test func hangupWhileConnectIsInFlightTerminatesOnceItSucceeds() {
    var machine = Fixture.connecting()
    #expect(machine.handle(.hangup, now: 30) == [.releaseMedia])
    #expect(machine.state == .ending)
    #expect(machine.handle(.apiSucceeded(.connect, callID: Fixture.callID), now: 60) == [.sendTerminate])
    #expect(machine.whatsappCallID == Fixture.callID)
    #expect(machine.handle(.apiSucceeded(.terminate, callID: nil), now: 90) == [Fixture.ended(.hungUpByBusiness)])
  }

  @Test func hangupWhileConnectIsInFlightThatFails() {
    var machine = Fixture.connecting()
    _ = machine.handle(.shutdown, now: 30)
    #expect(
      machine.handle(.apiFailed(.connect, Fixture.failure(nil, http: 503)), now: 60) == [
        Fixture.ended(.shutdown)
      ])
  }

  @Test func hangupWhileRinging() {
    var machine = Fixture.ringing()
    #expect(machine.handle(.hangup, now: 500) == [.sendTerminate, .releaseMedia])
    #expect(machine.handle(Fixture.terminate(), now: 600) == [Fixture.ended(.hungUpByBusiness)])
  }

  @Test func offerPreparationFailure() {
    var machine = CallMachine(direction: .businessInitiated, now: 0)
    _ = machine.handle(.place(to: Fixture.user, app: nil, bizOpaqueCallbackData: nil), now: 0)
    _ = machine.handle(.permissionChecked(canCall: true), now: 1)
    #expect(
      machine.handle(.preparationFailed(reason: "no address"), now: 2) == [
        .releaseMedia, Fixture.ended(.mediaFailed("no address")),
      ])
  }

  @Test func userInitiatedInputsAreIgnored() {
    var machine = Fixture.ringing()
    #expect(machine.handle(Fixture.offered(), now: 1) == [])
    #expect(machine.handle(.decided(.reject), now: 2) == [])
    #expect(machine.handle(.answerPrepared(sdp: Fixture.answer), now: 3) == [])
    #expect(machine.state == .ringing)
  }
}
