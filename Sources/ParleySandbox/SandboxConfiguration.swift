/// Who the emulated cloud is: the business number, the credentials it expects, and how it signs the
/// webhooks it delivers.
public struct SandboxConfiguration: Sendable {
  /// 360dialog's `D360-API-KEY`.
  public var apiKey: String
  /// Meta's bearer token and phone-number id.
  public var accessToken: String
  public var phoneNumberID: String
  public var wabaID: String
  /// The business number callers dial (digits).
  public var businessNumber: String
  /// Where webhooks go (360dialog: also settable through `/v1/configs/webhook`).
  public var webhookURL: String?
  /// Meta signs with the app secret (`X-Hub-Signature-256`); 360dialog sends the registered headers.
  public var appSecret: String?
  public var webhookHeaders: [(name: String, value: String)]
  /// Deliver every webhook twice (WhatsApp delivers at least once).
  public var duplicateDeliveries: Bool

  public init(
    apiKey: String = "sandbox-key", accessToken: String = "sandbox-token", phoneNumberID: String = "100000000000001",
    wabaID: String = "200000000000002", businessNumber: String = "15550000000", webhookURL: String? = nil,
    appSecret: String? = nil, webhookHeaders: [(name: String, value: String)] = [], duplicateDeliveries: Bool = false
  ) {
    self.apiKey = apiKey
    self.accessToken = accessToken
    self.phoneNumberID = phoneNumberID
    self.wabaID = wabaID
    self.businessNumber = businessNumber
    self.webhookURL = webhookURL
    self.appSecret = appSecret
    self.webhookHeaders = webhookHeaders
    self.duplicateDeliveries = duplicateDeliveries
  }
}

/// One request the emulated API received, for tests and `GET /sandbox/requests`.
public struct SandboxRequest: Sendable, Equatable {
  public var method: String
  public var path: String
  public var action: String?
  public var callID: String?
  public var body: String
  public var status: Int
}

/// What the emulated API answers.
public struct SandboxResponse: Sendable, Equatable {
  public var status: Int
  public var body: [UInt8]

  public init(status: Int, body: [UInt8]) {
    self.status = status
    self.body = body
  }
}
