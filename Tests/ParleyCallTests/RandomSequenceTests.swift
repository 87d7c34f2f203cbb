import ParleyCall
import Testing

/// Property: seeded random input sequences never trap, never end a call twice, never release its leg twice, and
/// never start sending before the call is accepted.
@Suite struct RandomSequenceTests {
  @Test func randomSequencesKeepTheInvariants() {
    var random = SplitMix64(seed: 0x5eed_ca11)
    var endedCalls = 0
    var connectedCalls = 0
    for _ in 0..<10_000 {
      let direction: CallDirection = random.next(2) == 0 ? .userInitiated : .businessInitiated
      var machine = CallMachine(direction: direction, timeouts: .init(), now: 0)
      var checker = InvariantChecker(direction: direction)
      var now: Int64 = 0
      // The happy path, interleaved with noise, so that every state is visited often.
      var script = RandomInput.script(direction, &random)[...]
      for _ in 0..<(1 + random.next(40)) {
        now += Int64(random.next(2_000))
        let input: CallInput =
          if let deadline = machine.nextDeadline, deadline <= now, random.next(2) == 0 {
            .tick
          } else if !script.isEmpty, random.next(10) < 6 {
            script.removeFirst()
          } else {
            RandomInput.make(&random)
          }
        checker.check(input, machine.handle(input, now: now), machine)
      }
      connectedCalls += machine.isConnected ? 1 : 0
      // Every call can be ended from outside.
      checker.check(.shutdown, machine.handle(.shutdown, now: now + 1), machine)
      let terminate = Fixture.terminate(timestamp: .max)
      checker.check(terminate, machine.handle(terminate, now: now + 2), machine)
      #expect(machine.state == .ended)
      #expect(checker.ended)
      endedCalls += 1
      if checker.failure != nil { break }
    }
    #expect(endedCalls == 10_000)
    #expect(connectedCalls > 1_000, "the generator should reach connected calls")
  }
}

/// Tracks one call's actions against the machine's promises.
struct InvariantChecker {
  let direction: CallDirection
  var ended = false
  var released = false
  var prepared = false
  var preAcceptSDP: String?
  var preAcceptSucceeded = false
  var acceptSent = false
  var mediaSecured = false
  var answered = false
  var failure: String?

  init(direction: CallDirection) { self.direction = direction }

  mutating func check(_ input: CallInput, _ actions: [CallAction], _ machine: CallMachine) {
    var isAcceptSuccess = false
    switch input {
    case .apiSucceeded(.accept, _): isAcceptSuccess = true
    case .mediaSecured: mediaSecured = true
    case .apiSucceeded(.preAccept, _): preAcceptSucceeded = preAcceptSDP != nil
    case .answerWebhook: answered = true
    case .statusWebhook(let status, _): answered = answered || status.uppercased() == "ACCEPTED"
    default: break
    }
    if ended { expect(actions.isEmpty, "actions after the end: \(actions)") }
    for action in actions {
      switch action {
      case .prepareAnswer, .prepareOffer: prepared = true
      case .releaseMedia:
        expect(prepared && !released, "releaseMedia without a leg or twice")
        released = true
      case .notify(.ended):
        expect(!ended, "a second call.ended")
        ended = true
      case .sendPreAccept(let sdp): preAcceptSDP = sdp
      case .sendAccept(let sdp):
        expect(sdp == preAcceptSDP && preAcceptSucceeded && mediaSecured, "accept before pre_accept/media")
        acceptSent = true
      case .startSending:
        if direction == .userInitiated {
          expect(acceptSent && isAcceptSuccess, "startSending before accept's 200")
        } else {
          expect(answered && mediaSecured, "startSending on an unanswered call")
        }
      default: break
      }
    }
    expect(ended == (machine.state == .ended), "state \(machine.state) vs ended \(ended)")
    if ended { expect(machine.nextDeadline == nil && machine.endReason != nil, "deadline or reason after end") }
  }

  mutating func expect(_ condition: Bool, _ message: String) {
    guard !condition, failure == nil else { return }
    failure = message
    Issue.record("\(message)")
  }
}

/// A deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func nextRaw() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A value in `0..<bound`.
  mutating func next(_ bound: Int) -> Int { Int(nextRaw() % UInt64(bound)) }

  mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }
}

enum RandomInput {
  static let kinds: [APIRequestKind] = [.preAccept, .accept, .reject, .terminate, .connect, .permission]
  static let failures: [APIFailure] = APIErrorTests.failures

  static func script(_ direction: CallDirection, _ random: inout SplitMix64) -> [CallInput] {
    switch direction {
    case .userInitiated:
      [
        .offered(sdp: "o", timestamp: Fixture.offerTimestamp, policy: random.pick([.accept(app: "echo"), .ask])),
        .answerPrepared(sdp: "a1"), .apiSucceeded(.preAccept, callID: nil), .mediaSecured,
        .decided(.accept(app: nil)), .apiSucceeded(.accept, callID: nil),
      ]
    case .businessInitiated:
      [
        .place(to: "1555", app: nil, bizOpaqueCallbackData: nil), .permissionChecked(canCall: true),
        .offerPrepared(sdp: "p"), .apiSucceeded(.connect, callID: "wacid.1"),
        .statusWebhook(status: "RINGING", timestamp: Fixture.offerTimestamp), .answerWebhook(sdp: "r", timestamp: 0),
        .mediaSecured,
      ]
    }
  }

  static func make(_ random: inout SplitMix64) -> CallInput {
    let timestamp = Int64(random.next(4)) + Fixture.offerTimestamp - 1
    switch random.next(100) {
    case 0..<8:
      return .offered(sdp: "o", timestamp: timestamp, policy: random.pick([.accept(app: "echo"), .ask, .reject]))
    case 8..<16: return .answerPrepared(sdp: random.pick(["a1", "a2"]))
    case 16..<18: return .preparationFailed(reason: "bad")
    case 18..<24: return .decided(random.pick([.accept(app: nil), .accept(app: "room:x"), .reject]))
    case 24..<44: return .apiSucceeded(random.pick(kinds), callID: random.pick([nil, "wacid.1"]))
    case 44..<50: return .apiFailed(random.pick(kinds), random.pick(failures))
    case 50..<60: return .mediaSecured
    case 60..<62: return .mediaFailed(reason: "ice")
    case 62..<65:
      return .terminateWebhook(
        status: random.pick(["COMPLETED", "Failed", "odd"]), timestamp: timestamp,
        durationSeconds: random.pick([nil, 0, 7, -1, .max]), errorCode: random.pick([nil, 138_021]), errorMessage: nil)
    case 65..<73:
      return .statusWebhook(
        status: random.pick(["RINGING", "ACCEPTED", "REJECTED", "ringing", "?"]), timestamp: timestamp)
    case 73..<78: return .answerWebhook(sdp: "r", timestamp: timestamp)
    case 78..<80: return random.pick([.hangup, .shutdown])
    case 80..<85: return .tick
    case 85..<90: return .place(to: "1555", app: random.pick([nil, "echo"]), bizOpaqueCallbackData: nil)
    case 90..<95: return .permissionChecked(canCall: random.next(5) != 0)
    default: return .offerPrepared(sdp: "p")
    }
  }
}
