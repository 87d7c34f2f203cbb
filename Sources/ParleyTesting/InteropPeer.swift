public import Foundation

/// Drives `Tests/Interop/peer.py` — aiortc, an independent WebRTC stack — as a subprocess speaking
/// one JSON object per line on stdin/stdout (see that file for the protocol).
public final class InteropPeer: @unchecked Sendable {
  public enum Mode: String, Sendable {
    /// aiortc plays a WhatsApp phone calling the business: ICE-lite offer, Opus 111 + 126, actpass.
    case whatsappOffer = "whatsapp-offer"
    /// aiortc answers Parley's offer with `a=setup:active` (Parley is then the DTLS server).
    case answer
  }

  public struct Result: Sendable {
    public var iceState: String?
    public var dtlsState: String?
    public var receivedSeconds: Double
    public var receivedFrequency: Double?
    public var sendPayloadType: Int?
    public var error: String?
    /// With `reportFrequencies`: the received level of each frequency (dBFS), keyed by the frequency.
    public var levels: [Double: Double]
    /// With `reportFrequencies`: the median level of frequencies far from the reported ones (dBFS).
    public var noiseFloor: Double?
  }

  public enum Failure: Error, CustomStringConvertible {
    case noVenv(String)
    case exited(String)
    case unexpected(String)

    public var description: String {
      switch self {
      case .noVenv(let path): "no Python venv at \(path): run scripts/bootstrap"
      case .exited(let log): "peer.py ended early: \(log)"
      case .unexpected(let line): "unexpected line from peer.py: \(line)"
      }
    }
  }

  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let errors = Pipe()
  private var buffered = Data()
  /// peer.py's log, drained continuously so a chatty peer never blocks on a full pipe.
  private let log = LogBuffer()

  /// - Parameters:
  ///   - root: the repository root (holding `.venv/` and `Tests/Interop/peer.py`).
  public init(
    root: URL, mode: Mode, tone: Double, seconds: Double, timeout: Double = 20, reportFrequencies: [Double] = []
  ) throws {
    let python = root.appendingPathComponent(".venv/bin/python")
    guard FileManager.default.isExecutableFile(atPath: python.path) else { throw Failure.noVenv(python.path) }
    process.executableURL = python
    process.arguments = [
      root.appendingPathComponent("Tests/Interop/peer.py").path, "--mode", mode.rawValue, "--tone", "\(tone)",
      "--seconds", "\(seconds)", "--timeout", "\(timeout)",
    ]
    if !reportFrequencies.isEmpty {
      process.arguments! += ["--report-frequencies", reportFrequencies.map { "\($0)" }.joined(separator: ",")]
    }
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    let log = log
    errors.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
    try process.run()
  }

  deinit {
    if process.isRunning { process.terminate() }
  }

  /// Sends `{"type": type, "sdp": sdp}`.
  public func send(type: String, sdp: String) throws {
    let line = try JSONSerialization.data(withJSONObject: ["type": type, "sdp": sdp]) + Data("\n".utf8)
    input.fileHandleForWriting.write(line)
  }

  /// Waits for the next message of `type` (others, like state updates, are skipped).
  public func receive(type: String) throws -> [String: Any] {
    while true {
      guard let line = readLine() else { throw Failure.exited(stderrTail()) }
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        throw Failure.unexpected(line)
      }
      if object["type"] as? String == type { return object }
    }
  }

  public func receiveSDP(type: String) throws -> String {
    guard let sdp = try receive(type: type)["sdp"] as? String else { throw Failure.unexpected("no sdp in \(type)") }
    return sdp
  }

  public func result() throws -> Result {
    let object = try receive(type: "result")
    return Result(
      iceState: object["ice_state"] as? String, dtlsState: object["dtls_state"] as? String,
      receivedSeconds: object["received_seconds"] as? Double ?? 0,
      receivedFrequency: object["received_frequency"] as? Double,
      sendPayloadType: object["send_payload_type"] as? Int, error: object["error"] as? String,
      levels: Dictionary(
        uniqueKeysWithValues: ((object["levels"] as? [String: Any]) ?? [:]).compactMap { key, value in
          guard let frequency = Double(key), let level = value as? Double else { return nil }
          return (frequency, level)
        }),
      noiseFloor: object["noise_floor_db"] as? Double)
  }

  /// ``result()`` without blocking Swift's cooperative thread pool: the blocking read runs on a
  /// thread of its own (tests run in parallel on a pool as small as the machine's core count).
  public func awaitResult() async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
      Thread { continuation.resume(with: Swift.Result { try self.result() }) }.start()
    }
  }

  /// Waits for the process to end (after its result line it closes the peer connection).
  public func waitForExit() {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }

  private func readLine() -> String? {
    while true {
      if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
        buffered.removeSubrange(buffered.startIndex...newline)
        return line
      }
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { return nil }
      buffered.append(chunk)
    }
  }

  private func stderrTail() -> String {
    if process.isRunning { process.terminate() }
    return log.tail
  }
}

private final class LogBuffer: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()

  func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }

  var tail: String { lock.withLock { String(decoding: data.suffix(3000), as: UTF8.self) } }
}
