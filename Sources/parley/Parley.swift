import ArgumentParser

@main
struct Parley: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parley",
    abstract: "A media server for WhatsApp Business Calling.",
    subcommands: [SDPCommand.self]
  )
}
