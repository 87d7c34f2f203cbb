import Foundation
import Testing

@testable import ParleySDP

/// Test fixtures from `Tests/Fixtures` and shared local parameters.
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Fixtures")

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
  }

  static func text(_ name: String) throws -> String {
    String(decoding: try bytes(name), as: UTF8.self)
  }

  static let metaOffer = "meta-user-initiated-offer.sdp"
  static let metaAnswer = "meta-user-initiated-answer.sdp"
  static let aiortcOffer = "aiortc-offer.sdp"
  static let chromeOffer = "chrome-offer.sdp"

  static let localFingerprint: [UInt8] = (0..<32).map { UInt8($0 * 7 + 3) }

  static func local(candidates: [ICECandidate] = []) throws -> LocalMediaParameters {
    try LocalMediaParameters(
      iceUfrag: "PrlY", icePwd: "ParleyIcePassword0123456", fingerprintSHA256: localFingerprint,
      candidates: candidates, ssrc: 330_833_028, cname: "parley-cname", streamID: "parley-stream",
      trackID: "parley-track", sessionID: 2_822_644_248_144_643_933, sessionVersion: 2)
  }

  /// Replaces whole lines of a CRLF fixture; `nil` removes the line.
  static func edit(_ text: String, _ replacements: [String: String?]) -> String {
    var lines = text.components(separatedBy: "\r\n")
    lines = lines.compactMap { line in replacements.keys.contains(line) ? replacements[line]! : line }
    return lines.joined(separator: "\r\n")
  }
}

extension String {
  /// The lines of a CRLF text, without the terminators.
  var sdpLines: [String] {
    components(separatedBy: "\r\n").filter { !$0.isEmpty }
  }

  /// True when every LF is preceded by CR and every CR followed by LF.
  var hasOnlyCRLF: Bool {
    let bytes = Array(utf8)
    for (index, byte) in bytes.enumerated() {
      if byte == 0x0A, index == 0 || bytes[index - 1] != 0x0D { return false }
      if byte == 0x0D, index + 1 >= bytes.count || bytes[index + 1] != 0x0A { return false }
    }
    return true
  }
}
