public import ParleyCall
import ParleyMedia
import ParleySDP

/// One call as the server keeps it: its state machine, its media leg, what it was told and when.
final class CallRecord {
  /// Parley's id: WhatsApp's call id for user-initiated calls; a local id for business-initiated
  /// calls until WhatsApp names them (both ids then find the call).
  let id: String
  var whatsappCallID: String?
  let direction: CallDirection
  var machine: CallMachine
  var from: String?
  var to: String?
  var app: CallApp
  var bizOpaqueCallbackData: String?
  var leg: MediaLeg?
  var answerSDP: String?
  var offer: SDPOffer?
  let createdAtUnix: Double
  /// Monotonic milliseconds of each milestone (DESIGN §6: webhook → pre_accept, → ICE, → DTLS, → audio).
  var milestones: [String: Int64] = [:]
  var dtmf = ""
  var profile: String?
  var selectedPair: String?
  var finalMedia: MediaStats?
  var notes: [String] = []

  init(id: String, direction: CallDirection, machine: CallMachine, app: CallApp, createdAtUnix: Double) {
    self.id = id
    self.direction = direction
    self.machine = machine
    self.app = app
    self.createdAtUnix = createdAtUnix
  }

  func mark(_ milestone: String, _ now: Int64) {
    if milestones[milestone] == nil { milestones[milestone] = now }
  }

  var isEnded: Bool { machine.state == .ended }
}
