import ArgumentParser
import Logging
import ParleyServer

struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the media server: webhook receiver, control API, media workers.",
    discussion: """
      Stops on SIGTERM/SIGINT: /ready turns false, new calls are rejected, live calls run on for \
      PARLEY_DRAIN_SECONDS (default 30) and are then terminated through the calling API.
      """)

  @OptionGroup var options: ConfigOptions
  @Option(help: "Address to listen on (PARLEY_HTTP_HOST).") var host: String?
  @Option(help: "Port to listen on (PARLEY_HTTP_PORT).") var port: Int?

  func run() async throws {
    var overrides: [String: String] = [:]
    overrides["http_host"] = host
    overrides["http_port"] = port.map(String.init)
    let configuration = try options.configuration(overrides: overrides)
    let logger = options.logger("parley")
    let server = try ParleyServer(configuration: configuration, logger: logger)
    logger.info(
      "parley serve on \(configuration.httpHost):\(configuration.httpPort), media on \(configuration.mediaAddresses.joined(separator: ","))"
    )
    if configuration.appSecret == nil, configuration.webhookHeader == nil {
      logger.warning("webhooks are not authenticated: set PARLEY_APP_SECRET (meta) or PARLEY_WEBHOOK_AUTH_HEADER")
    }
    try await server.run()
  }
}
