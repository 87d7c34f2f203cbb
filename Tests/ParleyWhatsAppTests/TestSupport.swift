import Foundation
import ParleyWhatsApp

/// Files of `Tests/Fixtures`.
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Fixtures")

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
  }

  static func text(_ name: String) throws -> String {
    String(decoding: try bytes(name), as: UTF8.self)
  }

  static let webhooks = [
    "webhook-connect-user-initiated.json", "webhook-terminate.json", "webhook-status-ringing.json",
    "webhook-call-permission-reply.json",
  ]
}

/// A deterministic generator (SplitMix64) for the seeded mutation test.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// An in-memory transport: records every request and answers from a script, in order.
actor ScriptedTransport: APITransport {
  enum Step {
    case respond(Int, String)
    case fail(any Error)
  }

  private var script: [Step]
  private(set) var requests: [APIRequest] = []

  init(_ script: [Step]) { self.script = script }

  func send(_ request: APIRequest) async throws -> APIResponse {
    requests.append(request)
    guard !script.isEmpty else { return APIResponse(status: 599, body: Array("script exhausted".utf8)) }
    switch script.removeFirst() {
    case .respond(let status, let body): return APIResponse(status: status, body: Array(body.utf8))
    case .fail(let error): throw error
    }
  }
}

/// Records the waits the client asks for, without waiting.
actor SleepRecorder {
  private(set) var waits: [Int] = []

  func record(_ milliseconds: Int) { waits.append(milliseconds) }

  nonisolated var sleep: @Sendable (Int) async throws -> Void {
    { milliseconds in await self.record(milliseconds) }
  }
}

struct SomeSocketError: Error, CustomStringConvertible {
  var description: String { "connection reset by peer" }
}

extension String {
  var bytes: [UInt8] { Array(utf8) }
}

extension Optional where Wrapped == [UInt8] {
  /// The body as JSON, for comparing without caring about key order.
  var json: JSONValue? { self.flatMap { try? JSONValue.decode($0) } }
}
