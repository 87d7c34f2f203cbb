import ArgumentParser

@main
struct Parley: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parley",
    abstract: "A media server for WhatsApp Business Calling.",
    discussion: """
      Configuration: a config file (--config FILE, JSON or flat YAML), then PARLEY_* environment variables, \
      then flags. See README.md for every name.
      """,
    subcommands: [
      ServeCommand.self, DemoCommand.self, SandboxCommand.self, SettingsCommand.self, WebhookCommand.self,
      CallsCommand.self, PermissionCommand.self, SDPCommand.self, BenchCommand.self,
    ]
  )
}
