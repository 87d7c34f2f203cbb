import ArgumentParser
import Foundation
import ParleyServer
import ParleyWhatsApp

struct WebhookCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "webhook", abstract: "Webhook registration.", subcommands: [Register.self])

  struct Register: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Tell 360dialog where to deliver webhooks (with PARLEY_WEBHOOK_AUTH_HEADER); for meta, print what to enter in the app dashboard."
    )
    @OptionGroup var options: ConfigOptions
    @Argument(help: "The public URL of parley serve's /webhook.") var url: String

    func run() async throws {
      let configuration = try options.configuration()
      guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
        throw failure("the URL must start with https://")
      }
      if case .meta = configuration.provider {
        print("Meta app dashboard → WhatsApp → Configuration → Webhook:")
        print("  Callback URL:  \(url)")
        print("  Verify token:  \(configuration.webhookVerifyToken ?? "(set PARLEY_WEBHOOK_VERIFY_TOKEN first)")")
        print("  Subscribe to:  calls, messages (permission replies), account_settings_update")
        print("  Signatures:    set PARLEY_APP_SECRET to the app secret (X-Hub-Signature-256)")
        return
      }
      guard let header = configuration.webhookHeader else {
        throw failure("set PARLEY_WEBHOOK_AUTH_HEADER (\"Name: secret\") so parley serve can authenticate webhooks")
      }
      let (api, shutdown) = makeAPI(configuration)
      do {
        try await api.registerWebhook(url: url, headers: [APIHeader(name: header.name, value: header.value)])
        await shutdown()
        print("webhook registered: \(url) (with header \(header.name))")
      } catch {
        await shutdown()
        throw failure("\(error)")
      }
    }
  }
}
