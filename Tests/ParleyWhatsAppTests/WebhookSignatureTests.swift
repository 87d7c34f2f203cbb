import ParleyWhatsApp
import Testing

@Suite struct WebhookSignatureTests {
  // RFC 4231 test case 2.
  let body = "what do ya want for nothing?".bytes
  let expectedHex = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"

  @Test func signsRFC4231Case2() {
    #expect(WebhookSignature.sign(body, secret: "Jefe") == "sha256=" + expectedHex)
  }

  @Test func verifiesAnyPrefixAndCase() {
    #expect(WebhookSignature.verify("sha256=" + expectedHex, body: body, secret: "Jefe"))
    #expect(WebhookSignature.verify(expectedHex, body: body, secret: "Jefe"))
    #expect(WebhookSignature.verify("SHA256=" + expectedHex.uppercased(), body: body, secret: "Jefe"))
    #expect(WebhookSignature.verify(" sha256=\(expectedHex) ", body: body, secret: "Jefe"))
  }

  @Test func refusesWrongOrGarbage() {
    #expect(!WebhookSignature.verify(nil, body: body, secret: "Jefe"))
    #expect(!WebhookSignature.verify("", body: body, secret: "Jefe"))
    #expect(!WebhookSignature.verify("sha256=", body: body, secret: "Jefe"))
    #expect(!WebhookSignature.verify("sha256=" + expectedHex, body: body, secret: "jefe"))
    #expect(!WebhookSignature.verify("sha256=" + expectedHex, body: body + [0x20], secret: "Jefe"))
    #expect(!WebhookSignature.verify("sha256=" + String(expectedHex.dropLast()), body: body, secret: "Jefe"))
    #expect(!WebhookSignature.verify("sha256=" + String(expectedHex.dropLast()) + "g", body: body, secret: "Jefe"))
    #expect(!WebhookSignature.verify("sha1=" + expectedHex, body: body, secret: "Jefe"))
    #expect(!WebhookSignature.verify("sha256=é" + expectedHex, body: body, secret: "Jefe"))
  }
}

@Suite struct WebhookAuthenticatorTests {
  let body = #"{"object":"whatsapp_business_account","entry":[]}"#.bytes

  /// A case-insensitive lookup over the given headers, as an HTTP layer provides.
  func headers(_ pairs: [String: String]) -> (String) -> String? {
    { name in pairs.first { $0.key.lowercased() == name.lowercased() }?.value }
  }

  @Test func notConfigured() {
    let auth = WebhookAuthenticator(appSecret: nil, header: nil)
    #expect(auth.check(body: body, header: headers([:])) == .notConfigured)
  }

  @Test func metaSignature() {
    let auth = WebhookAuthenticator(appSecret: "app-secret", header: nil)
    let good = WebhookSignature.sign(body, secret: "app-secret")
    #expect(auth.check(body: body, header: headers(["x-hub-signature-256": good])) == .accepted)
    #expect(auth.check(body: body, header: headers([:])) == .missing("expected X-Hub-Signature-256"))
    let wrong = WebhookSignature.sign(body, secret: "other")
    guard case .rejected = auth.check(body: body, header: headers(["X-Hub-Signature-256": wrong])) else {
      Issue.record("a wrong signature must be rejected")
      return
    }
    #expect(auth.check(body: body + [0x0A], header: headers(["X-Hub-Signature-256": good])) != .accepted)
  }

  @Test func headerSecret() throws {
    let secret = try WebhookHeaderSecret(parsing: "X-Parley-Auth:  s3cret ")
    #expect(secret == WebhookHeaderSecret(name: "X-Parley-Auth", value: "s3cret"))
    #expect(!secret.description.contains("s3cret"))
    let auth = WebhookAuthenticator(appSecret: nil, header: secret)
    #expect(auth.check(body: body, header: headers(["x-parley-auth": "s3cret"])) == .accepted)
    #expect(
      auth.check(body: body, header: headers(["x-parley-auth": "s3cre"]))
        == .rejected("X-Parley-Auth has the wrong value"))
    #expect(auth.check(body: body, header: headers([:])) == .missing("expected X-Parley-Auth"))
  }

  @Test func headerSecretParsingErrors() {
    #expect(throws: WebhookHeaderSecretError.missingColon) { try WebhookHeaderSecret(parsing: "X-Auth secret") }
    #expect(throws: WebhookHeaderSecretError.emptyName) { try WebhookHeaderSecret(parsing: ": secret") }
    #expect(throws: WebhookHeaderSecretError.invalidName("X Auth")) { try WebhookHeaderSecret(parsing: "X Auth: s") }
    #expect(throws: WebhookHeaderSecretError.emptyValue("X-Auth")) { try WebhookHeaderSecret(parsing: "X-Auth:  ") }
    // A value may itself contain colons.
    #expect((try? WebhookHeaderSecret(parsing: "Authorization: Basic a:b"))?.value == "Basic a:b")
  }

  @Test func dialog360Signature() {
    let auth = WebhookAuthenticator(appSecret: nil, header: nil, signatureSecret360: "platform")
    let signature = WebhookSignature.sign(body, secret: "platform")
    #expect(auth.check(body: body, header: headers(["X-360Dialog-Signature": signature])) == .accepted)
    #expect(
      auth.check(body: body, header: headers(["x-360dialog-signature": String(signature.dropFirst(7))])) == .accepted)
    #expect(auth.check(body: body, header: headers([:])) == .missing("expected x-360dialog-signature"))
  }

  @Test func severalConfiguredAnyValidOneWins() {
    let auth = WebhookAuthenticator(
      appSecret: "app", header: WebhookHeaderSecret(name: "X-Auth", value: "v"), signatureSecret360: "p")
    #expect(auth.check(body: body, header: headers(["X-Auth": "v"])) == .accepted)
    #expect(
      auth.check(body: body, header: headers(["X-Hub-Signature-256": WebhookSignature.sign(body, secret: "app")]))
        == .accepted)
    #expect(auth.check(body: body, header: headers(["X-Auth": "nope"])) == .rejected("X-Auth has the wrong value"))
    #expect(
      auth.check(body: body, header: headers([:]))
        == .missing("expected X-Hub-Signature-256 or X-Auth or x-360dialog-signature"))
  }

  @Test func lookupIsCalledWithCanonicalNames() {
    let auth = WebhookAuthenticator(appSecret: "app", header: nil)
    var asked: [String] = []
    _ = auth.check(body: body) { name in
      asked.append(name)
      return nil
    }
    #expect(asked == ["X-Hub-Signature-256"])
  }
}
