import ParleyCall
import Testing

/// Calling API failures (whatsapp-calling.md §5): the API client has retried; the machine treats them as final.
@Suite struct APIErrorTests {
  static let failures: [APIFailure] = [
    Fixture.failure(138_000, http: 401), Fixture.failure(138_001, http: 400), Fixture.failure(138_006, http: 401),
    Fixture.failure(138_012, http: 400), Fixture.failure(nil, http: 503),
    Fixture.failure(nil, http: nil, timeout: true),
  ]

  @Test(arguments: failures) func preAcceptFailureRejects(failure: APIFailure) {
    var machine = Fixture.userCall()
    #expect(machine.handle(.apiFailed(.preAccept, failure), now: 100) == [.sendReject, .releaseMedia])
    #expect(machine.state == .ending)
    #expect(machine.nextDeadline == nil)
    #expect(
      machine.handle(.apiSucceeded(.reject, callID: nil), now: 200) == [
        Fixture.ended(.apiError(.preAccept, failure), code: failure.code)
      ])
    #expect(machine.endReason == .apiError(.preAccept, failure))
  }

  @Test(arguments: failures) func acceptFailureTerminates(failure: APIFailure) {
    var machine = Fixture.accepting()
    #expect(machine.handle(.apiFailed(.accept, failure), now: 250) == [.sendTerminate, .releaseMedia])
    #expect(
      machine.handle(Fixture.terminate(), now: 260) == [
        Fixture.ended(.apiError(.accept, failure), code: failure.code)
      ])
    #expect(machine.handle(.apiSucceeded(.accept, callID: nil), now: 270) == [])
  }

  @Test(arguments: failures.filter { $0.code != 138_006 }) func connectFailureEnds(failure: APIFailure) {
    var machine = Fixture.connecting()
    #expect(
      machine.handle(.apiFailed(.connect, failure), now: 100) == [
        .releaseMedia, Fixture.ended(.apiError(.connect, failure), code: failure.code),
      ])
    #expect(machine.state == .ended)
  }

  @Test func connectWithoutPermissionSuggestsARequest() {
    var machine = Fixture.connecting()
    let failure = Fixture.failure(138_006, http: 401)
    #expect(
      machine.handle(.apiFailed(.connect, failure), now: 100) == [
        .suggestPermissionRequest(to: Fixture.user), .releaseMedia, Fixture.ended(.noPermission, code: 138_006),
      ])
    #expect(machine.endReason == .noPermission)
  }

  @Test func failedRejectStillEndsOnce() {
    var machine = CallMachine(direction: .userInitiated, now: 0)
    _ = machine.handle(Fixture.offered(.reject), now: 0)
    let failure = Fixture.failure(nil, http: 500)
    #expect(machine.handle(.apiFailed(.reject, failure), now: 30) == [Fixture.ended(.rejectedByPolicy)])
    #expect(machine.handle(.apiFailed(.reject, failure), now: 31) == [])
    #expect(machine.handle(Fixture.terminate(), now: 40) == [])
  }

  @Test func failedTerminateStillEndsOnce() {
    var machine = Fixture.activeUserCall()
    _ = machine.handle(.hangup, now: 400)
    #expect(
      machine.handle(.apiFailed(.terminate, Fixture.failure(nil, http: nil, timeout: true)), now: 500) == [
        Fixture.ended(.completed, duration: 200)
      ])
  }

  @Test func permissionCheckFailureStillTriesConnect() {
    var machine = CallMachine(direction: .businessInitiated, now: 0)
    _ = machine.handle(.place(to: Fixture.user, app: nil, bizOpaqueCallbackData: nil), now: 0)
    #expect(
      machine.handle(.apiFailed(.permission, Fixture.failure(613, http: 429)), now: 5) == [
        .prepareOffer(app: "echo")
      ])
    #expect(machine.state == .preparingOffer)
  }

  @Test func summariesAreSnakeCase() {
    #expect(CallEndReason.mediaTimeout.summary == "media_timeout")
    #expect(CallEndReason.apiError(.accept, Fixture.failure(1, http: 2)).summary == "api_error")
    #expect(CallEndReason.rejectedByPolicy.summary == "rejected_by_policy")
    #expect(CallEndReason.failed(code: 1, message: nil).summary == "failed")
    #expect(APIRequestKind.preAccept.rawValue == "pre_accept")
  }
}
