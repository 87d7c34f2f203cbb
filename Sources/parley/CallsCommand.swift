import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ParleyWhatsApp

/// Call control through a running `parley serve` (its control API, `Authorization: Bearer`).
struct CallsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calls", abstract: "Call control through the control API of a running parley serve.",
    subcommands: [List.self, Accept.self, Reject.self, Terminate.self, Connect.self])

  struct Target: ParsableArguments {
    @Option(help: "The server's base URL (default http://127.0.0.1:$PARLEY_HTTP_PORT or 8080).") var server: String?

    var baseURL: String {
      if let server { return server.hasSuffix("/") ? String(server.dropLast()) : server }
      let port = ProcessInfo.processInfo.environment["PARLEY_HTTP_PORT"] ?? "8080"
      return "http://127.0.0.1:\(port)"
    }

    /// Sends one request; prints the JSON reply; non-2xx → exit 1 with the error.
    func send(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil) async throws {
      let client = HTTPClient(eventLoopGroupProvider: .singleton)
      var request = HTTPClientRequest(url: baseURL + path)
      request.method = method
      if let token = ProcessInfo.processInfo.environment["PARLEY_CONTROL_TOKEN"] {
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
      }
      if let body {
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body.encoded()))
      }
      do {
        let response = try await client.execute(request, timeout: .seconds(10))
        let reply = try await response.body.collect(upTo: 4 << 20)
        try? await client.shutdown()
        let text = String(buffer: reply)
        guard (200..<300).contains(response.status.code) else { throw failure("HTTP \(response.status.code): \(text)") }
        print(text)
      } catch let error as ExitCode {
        throw error
      } catch {
        try? await client.shutdown()
        throw failure("cannot reach \(baseURL): \(error)")
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Live and recent calls (or one, by id).")
    @OptionGroup var target: Target
    @Argument(help: "A call id.") var id: String?
    func run() async throws { try await target.send(.GET, id.map { "/v1/calls/\($0)" } ?? "/v1/calls") }
  }

  struct Accept: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Accept a call waiting for a decision.")
    @OptionGroup var target: Target
    @Argument(help: "The call id.") var id: String
    @Option(help: "echo, silence, tone:HZ, play:PATH, play-loop:PATH or room:NAME.") var app: String?
    func run() async throws {
      try await target.send(.POST, "/v1/calls/\(id)/accept", body: .object(app.map { ["app": .string($0)] } ?? [:]))
    }
  }

  struct Reject: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reject a call waiting for a decision.")
    @OptionGroup var target: Target
    @Argument(help: "The call id.") var id: String
    func run() async throws { try await target.send(.POST, "/v1/calls/\(id)/reject") }
  }

  struct Terminate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Hang up a call.")
    @OptionGroup var target: Target
    @Argument(help: "The call id.") var id: String
    func run() async throws { try await target.send(.POST, "/v1/calls/\(id)/terminate") }
  }

  struct Connect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Place a business-initiated call.")
    @OptionGroup var target: Target
    @Argument(help: "The user's number, E.164 digits.") var to: String
    @Option(help: "What the call does (default echo).") var app: String?
    @Option(help: "biz_opaque_callback_data (≤ 512 characters).") var data: String?
    func run() async throws {
      var body: [String: JSONValue] = ["to": .string(to)]
      if let app { body["app"] = .string(app) }
      if let data { body["biz_opaque_callback_data"] = .string(data) }
      try await target.send(.POST, "/v1/calls", body: .object(body))
    }
  }
}
