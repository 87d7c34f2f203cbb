/// A `calls[]` entry with `event:"connect"` (whatsapp-calling.md §2.2).
///
/// For a user-initiated call it carries WhatsApp's SDP offer; for a business-initiated call,
/// WhatsApp's SDP answer to our `connect` offer.
public struct CallConnect: Sendable, Equatable {
  /// The call id (`wacid.…`).
  public var callID: String
  /// The caller: the user for user-initiated calls, the business number otherwise. Falls back to
  /// `from_user_id` (BSUID) when the phone number is missing.
  public var from: String
  /// The callee; falls back to `to_user_id`.
  public var to: String
  public var direction: CallDirection
  /// Unix seconds.
  public var timestamp: Int64
  /// `session.sdp_type`: `offer` (user-initiated) or `answer` (business-initiated).
  public var sdpType: String?
  /// `session.sdp`, or the legacy `connection.webrtc.sdp`.
  public var sdp: String?
  public var bizOpaqueCallbackData: String?
  /// From a call deep link's `biz_payload`.
  public var deeplinkPayload: String?
  /// From a call button's `payload`.
  public var ctaPayload: String?
  /// `metadata.phone_number_id` of the envelope.
  public var phoneNumberID: String?
  /// The user's profile name from `contacts[]`.
  public var contactName: String?

  public init(
    callID: String, from: String, to: String, direction: CallDirection, timestamp: Int64, sdpType: String? = nil,
    sdp: String? = nil, bizOpaqueCallbackData: String? = nil, deeplinkPayload: String? = nil,
    ctaPayload: String? = nil, phoneNumberID: String? = nil, contactName: String? = nil
  ) {
    self.callID = callID
    self.from = from
    self.to = to
    self.direction = direction
    self.timestamp = timestamp
    self.sdpType = sdpType
    self.sdp = sdp
    self.bizOpaqueCallbackData = bizOpaqueCallbackData
    self.deeplinkPayload = deeplinkPayload
    self.ctaPayload = ctaPayload
    self.phoneNumberID = phoneNumberID
    self.contactName = contactName
  }

  /// The user's number: `from` for user-initiated calls, `to` for business-initiated ones.
  public var userWaID: String { direction == .userInitiated ? from : to }
}
