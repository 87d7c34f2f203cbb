import ParleyCall

/// Shared inputs for the call machine tests.
enum Fixture {
  static let offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n(offer)\r\n"
  static let answer = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n(answer)\r\n"
  static let remoteAnswer = "v=0\r\no=- 5 6 IN IP4 127.0.0.1\r\n(whatsapp answer)\r\n"
  static let ourOffer = "v=0\r\no=- 7 8 IN IP4 127.0.0.1\r\n(parley offer)\r\n"
  static let user = "16315553602"
  static let callID = "wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh"
  static let offerTimestamp: Int64 = 1_671_644_824

  static func offered(_ policy: InboundPolicy = .accept(app: "echo")) -> CallInput {
    .offered(sdp: offer, timestamp: offerTimestamp, policy: policy)
  }

  static func terminate(
    _ status: String = "COMPLETED", timestamp: Int64 = offerTimestamp, duration: Int? = nil, code: Int? = nil,
    message: String? = nil
  ) -> CallInput {
    .terminateWebhook(
      status: status, timestamp: timestamp, durationSeconds: duration, errorCode: code, errorMessage: message)
  }

  static func failure(_ code: Int?, http: Int?, timeout: Bool = false) -> APIFailure {
    APIFailure(code: code, httpStatus: http, message: "error \(code ?? 0)", isTimeout: timeout)
  }

  static func ended(_ reason: CallEndReason, duration: Int64? = nil, code: Int? = nil) -> CallAction {
    .notify(.ended(reason: reason, durationMilliseconds: duration, whatsappErrorCode: code))
  }

  /// A user-initiated call under `policy`, driven to the point just before its first API result.
  static func userCall(_ policy: InboundPolicy = .accept(app: "echo")) -> CallMachine {
    var machine = CallMachine(direction: .userInitiated, now: 0)
    _ = machine.handle(offered(policy), now: 0)
    _ = machine.handle(.answerPrepared(sdp: answer), now: 10)
    return machine
  }

  /// A user-initiated call with `accept` in flight.
  static func accepting() -> CallMachine {
    var machine = userCall()
    _ = machine.handle(.apiSucceeded(.preAccept, callID: nil), now: 100)
    _ = machine.handle(.mediaSecured, now: 200)
    return machine
  }

  /// A connected user-initiated call (connected at 300).
  static func activeUserCall() -> CallMachine {
    var machine = accepting()
    _ = machine.handle(.apiSucceeded(.accept, callID: nil), now: 300)
    return machine
  }

  /// A business-initiated call with `connect` in flight.
  static func connecting(data: String? = "opaque") -> CallMachine {
    var machine = CallMachine(direction: .businessInitiated, now: 0)
    _ = machine.handle(.place(to: user, app: "play:/hello.opus", bizOpaqueCallbackData: data), now: 0)
    _ = machine.handle(.permissionChecked(canCall: true), now: 10)
    _ = machine.handle(.offerPrepared(sdp: ourOffer), now: 20)
    return machine
  }

  /// A business-initiated call whose `connect` succeeded at 100.
  static func ringing() -> CallMachine {
    var machine = connecting()
    _ = machine.handle(.apiSucceeded(.connect, callID: callID), now: 100)
    return machine
  }
}

extension Array where Element == CallAction {
  /// How many `call.ended` notices are in the list.
  var endedCount: Int {
    count { if case .notify(.ended) = $0 { true } else { false } }
  }

  var releaseCount: Int { count { $0 == .releaseMedia } }
}
