import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import ParleyServer
import ParleyWhatsApp

/// `--config FILE` and the environment, merged (file < environment < flags).
struct ConfigOptions: ParsableArguments {
  @Option(help: "A config file: a JSON object or flat YAML (key: value), keys as PARLEY_* names or lower case.")
  var config: String?

  @Option(help: "Log level: trace, debug, info, notice, warning, error.")
  var logLevel: String = "info"

  func settings(overrides: [String: String] = [:]) throws -> [String: String] {
    var settings: [String: String] = [:]
    if let config {
      guard let text = try? String(contentsOfFile: config, encoding: .utf8) else {
        throw ValidationError("cannot read the config file \(config)")
      }
      settings.merge(try ServerConfiguration.fileSettings(text)) { $1 }
    }
    settings.merge(ServerConfiguration.environmentSettings(ProcessInfo.processInfo.environment)) { $1 }
    settings.merge(overrides) { $1 }
    return settings
  }

  func configuration(overrides: [String: String] = [:]) throws -> ServerConfiguration {
    do {
      return try ServerConfiguration.resolve(settings(overrides: overrides))
    } catch let error as ServerError {
      throw ValidationError(error.description)
    }
  }

  func logger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
    return logger
  }
}

/// A calling-API client for the configured provider (settings, permissions, webhook registration).
func makeAPI(_ configuration: ServerConfiguration) -> (CallingAPIClient, shutdown: () async -> Void) {
  let client = HTTPClientHolder.make()
  return (
    CallingAPIClient(provider: configuration.provider, transport: AsyncHTTPTransport(client: client)),
    { try? await client.shutdown() }
  )
}

func failure(_ message: String) -> ExitCode {
  FileHandle.standardError.write(Data("parley: \(message)\n".utf8))
  return ExitCode(1)
}
