import ParleyCall
import Testing

/// Property: whatever state a call is in, ending it (the terminate webhook, a hangup, a shutdown) gives exactly one
/// `call.ended` and exactly one `releaseMedia` if a leg was prepared.
@Suite struct TerminateEverywhereTests {
  static let userAccept: [CallInput] = [
    Fixture.offered(), .answerPrepared(sdp: Fixture.answer), .apiSucceeded(.preAccept, callID: nil), .mediaSecured,
    .apiSucceeded(.accept, callID: nil),
  ]
  static let userAsk: [CallInput] = [
    Fixture.offered(.ask), .answerPrepared(sdp: Fixture.answer), .apiSucceeded(.preAccept, callID: nil),
    .mediaSecured, .decided(.accept(app: nil)),
  ]
  static let userEnding: [CallInput] = [Fixture.offered(), .answerPrepared(sdp: Fixture.answer), .hangup]
  static let userRejected: [CallInput] = [Fixture.offered(.reject)]
  static let business: [CallInput] = [
    .place(to: Fixture.user, app: nil, bizOpaqueCallbackData: nil), .permissionChecked(canCall: true),
    .offerPrepared(sdp: Fixture.ourOffer), .apiSucceeded(.connect, callID: Fixture.callID),
    .statusWebhook(status: "RINGING", timestamp: 1), .answerWebhook(sdp: Fixture.remoteAnswer, timestamp: 2),
    .mediaSecured,
  ]
  static let businessEnding: [CallInput] = [
    .place(to: Fixture.user, app: nil, bizOpaqueCallbackData: nil), .permissionChecked(canCall: true),
    .offerPrepared(sdp: Fixture.ourOffer), .shutdown,
  ]

  static let scenarios: [(CallDirection, [CallInput])] = [
    (.userInitiated, userAccept), (.userInitiated, userAsk), (.userInitiated, userEnding),
    (.userInitiated, userRejected), (.businessInitiated, business), (.businessInitiated, businessEnding),
  ]

  /// Ways to end a call from outside, each fed in full.
  static let enders: [[CallInput]] = [
    [Fixture.terminate()],
    [Fixture.terminate("FAILED", code: 138_021)],
    [.hangup, .apiSucceeded(.reject, callID: nil), .apiSucceeded(.terminate, callID: nil), Fixture.terminate()],
    [.shutdown, .apiFailed(.connect, Fixture.failure(nil, http: 500)), Fixture.terminate()],
    [
      .shutdown, .apiSucceeded(.connect, callID: "late"), .apiFailed(.terminate, Fixture.failure(nil, http: 500)),
      .apiFailed(.reject, Fixture.failure(nil, http: 500)),
    ],
  ]

  @Test func everyReachableStateEndsExactlyOnce() {
    var statesSeen: Set<String> = []
    for (direction, inputs) in Self.scenarios {
      for prefixLength in 0...inputs.count {
        var machine = CallMachine(direction: direction, now: 0)
        var history: [CallAction] = []
        for (step, input) in inputs.prefix(prefixLength).enumerated() {
          history += machine.handle(input, now: Int64(step) * 100)
        }
        statesSeen.insert(machine.state.rawValue)
        let prepared = history.contains {
          if case .prepareAnswer = $0 { true } else { $0 == .prepareOffer(app: "echo") }
        }
        for ender in Self.enders {
          var copy = machine
          var all = history
          for input in ender { all += copy.handle(input, now: 10_000) }
          let label = "\(direction) \(machine.state) \(ender.first.map { "\($0)" } ?? "")"
          #expect(copy.state == .ended, "\(label)")
          #expect(all.endedCount == 1, "\(label)")
          #expect(all.releaseCount == (prepared ? 1 : 0), "\(label)")
        }
      }
    }
    let live = Set(
      [
        CallState.preparing, .awaitingDecision, .preAccepting, .connectingMedia, .accepting, .active,
        .checkingPermission, .preparingOffer, .connecting, .ringing, .ending,
      ].map(\.rawValue))
    #expect(live.isSubset(of: statesSeen))
  }
}
