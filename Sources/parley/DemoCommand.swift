import ArgumentParser
import Foundation
import Logging
import ParleyServer

struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Serve and the WhatsApp sandbox in one process on loopback; place calls; print what happened.",
    discussion: """
      Places two user-initiated calls the business's app accepts (echo), one it rejects, and one \
      business-initiated call, over real HTTP (webhooks, calling API) and real UDP (ICE, DTLS-SRTP, Opus). \
      Exits 0 only when every call behaved. Media addresses: PARLEY_MEDIA_ADDRESSES (default 127.0.0.1).
      """)

  @Option(help: "Seconds of audio per connected call.") var seconds: Double = 3
  @Option(help: "Log level for the server's own log lines.") var logLevel: String = "warning"

  func run() async throws {
    var logger = Logger(label: "parley-demo")
    logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
    let raw = ProcessInfo.processInfo.environment["PARLEY_MEDIA_ADDRESSES"] ?? "127.0.0.1"
    let addresses = raw.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty }
    guard try await Demo.run(addresses: addresses, seconds: seconds, logger: logger) else { throw ExitCode(1) }
  }
}
