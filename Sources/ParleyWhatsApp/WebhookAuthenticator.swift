/// Decides whether a webhook POST really comes from WhatsApp (whatsapp-calling.md §2.8).
///
/// Three credentials can be configured, each optional:
/// - `appSecret` (Meta direct): `X-Hub-Signature-256: sha256=<HMAC-SHA256(raw body)>`;
/// - `header` (360dialog): a shared-secret header registered with `/v1/configs/webhook`;
/// - `signatureSecret360`: `x-360dialog-signature`, HMAC-SHA256 of the raw body, hex with or
///   without `sha256=` (its format is unconfirmed, §7.9).
///
/// One valid credential is enough. Otherwise a credential that is present but wrong rejects
/// the request, and with none present it is `missing`. With nothing configured the result is
/// `notConfigured`, and the caller decides (Parley refuses unless explicitly told otherwise).
public struct WebhookAuthenticator: Sendable {
  /// Meta's signature header.
  public static let metaSignatureHeader = "X-Hub-Signature-256"
  /// 360dialog's signature header.
  public static let dialog360SignatureHeader = "x-360dialog-signature"

  public var appSecret: String?
  public var header: WebhookHeaderSecret?
  public var signatureSecret360: String?

  public init(appSecret: String?, header: WebhookHeaderSecret?, signatureSecret360: String? = nil) {
    self.appSecret = appSecret.flatMap { $0.isEmpty ? nil : $0 }
    self.header = header
    self.signatureSecret360 = signatureSecret360.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// True when at least one credential is configured.
  public var isConfigured: Bool { appSecret != nil || header != nil || signatureSecret360 != nil }

  /// Checks the raw `body` and the request headers; `header` looks a header up by name,
  /// case-insensitively (it is called with the canonical names above and the configured name).
  public func check(body: [UInt8], header lookup: (String) -> String?) -> WebhookAuthResult {
    guard isConfigured else { return .notConfigured }
    var expected: [String] = []
    var wrong: [String] = []
    if let appSecret {
      expected.append(Self.metaSignatureHeader)
      if let value = lookup(Self.metaSignatureHeader) {
        if WebhookSignature.verify(value, body: body, secret: appSecret) { return .accepted }
        wrong.append("\(Self.metaSignatureHeader) does not match the body")
      }
    }
    if let header {
      expected.append(header.name)
      if let value = lookup(header.name) {
        if ConstantTime.equal(Array(value.trimmingSpaces.utf8), Array(header.value.utf8)) { return .accepted }
        wrong.append("\(header.name) has the wrong value")
      }
    }
    if let signatureSecret360 {
      expected.append(Self.dialog360SignatureHeader)
      if let value = lookup(Self.dialog360SignatureHeader) {
        if WebhookSignature.verify(value, body: body, secret: signatureSecret360) { return .accepted }
        wrong.append("\(Self.dialog360SignatureHeader) does not match the body")
      }
    }
    if !wrong.isEmpty { return .rejected(wrong.joined(separator: "; ")) }
    return .missing("expected " + expected.joined(separator: " or "))
  }
}
