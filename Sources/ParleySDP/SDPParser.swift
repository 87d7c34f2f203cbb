/// The line-level parser of RFC 8866 §5, working on UTF-8 bytes.
///
/// Lines end in CRLF or LF. Each line must be `<letter>=<value>` with a lowercase letter, no
/// control bytes and valid UTF-8; the first line must be `v=0`; `m=` lines must have the shape of
/// RFC 8866 §5.14; the session level needs one `o=`, one `s=` and at least one `t=`. Work is linear
/// in the input, which is capped at ``SessionDescription/maximumSize`` bytes and
/// ``SessionDescription/maximumLineCount`` lines.
enum SDPParser {
  static func parse(_ bytes: [UInt8]) throws(SDPError) -> SessionDescription {
    guard bytes.count <= SessionDescription.maximumSize else {
      throw .tooLarge(size: bytes.count, limit: SessionDescription.maximumSize)
    }
    var sessionLines: [SDPLine] = []
    var media: [MediaDescription] = []
    var counts: [Character: Int] = [:]
    var number = 0
    var start = 0
    while start < bytes.count {
      number += 1
      guard number <= SessionDescription.maximumLineCount else {
        throw .tooManyLines(limit: SessionDescription.maximumLineCount)
      }
      guard let newline = bytes[start...].firstIndex(of: 0x0A) else { throw .truncated(line: number) }
      var end = newline
      if end > start, bytes[end - 1] == 0x0D { end -= 1 }
      let raw = bytes[start..<end]
      start = newline + 1
      if raw.isEmpty {
        // Tolerate blank lines at the very end (a stray extra newline); anywhere else they are errors.
        if bytes[start...].allSatisfy({ $0 == 0x0D || $0 == 0x0A }) { break }
        throw .malformedLine(number: number, text: "", reason: "empty line")
      }
      let line = try parseLine(raw, number: number)
      if number == 1 {
        guard line.type == "v" else { throw .missingVersion }
        guard line.value == "0" else {
          throw .malformedLine(number: 1, text: line.description, reason: "unsupported SDP version")
        }
        sessionLines.append(line)
        continue
      }
      if line.type == "m" {
        do {
          media.append(MediaDescription(mediaLine: try MediaLine(parsing: line.value[...])))
        } catch {
          throw .malformedLine(number: number, text: printable(line), reason: error.reason)
        }
        continue
      }
      try checkPlacement(line, number: number, inMedia: !media.isEmpty)
      if line.type == "c" {
        do { _ = try ConnectionData(parsing: line.value[...]) } catch {
          throw .malformedLine(number: number, text: printable(line), reason: error.reason)
        }
      }
      if media.isEmpty {
        counts[line.type, default: 0] += 1
        sessionLines.append(line)
      } else {
        media[media.count - 1].lines.append(line)
      }
    }
    guard !sessionLines.isEmpty else { throw .missingVersion }
    if counts["o", default: 0] != 1 { throw .missingLine(type: "o") }
    if counts["s", default: 0] != 1 { throw .missingLine(type: "s") }
    if counts["t", default: 0] < 1 { throw .missingLine(type: "t") }
    return SessionDescription(sessionLines: sessionLines, mediaDescriptions: media)
  }

  /// Checks `<letter>=<value>`, control bytes and UTF-8 of one line.
  private static func parseLine(_ raw: ArraySlice<UInt8>, number: Int) throws(SDPError) -> SDPLine {
    let first = raw[raw.startIndex]
    guard raw.count >= 2, (0x61...0x7A).contains(first), raw[raw.startIndex + 1] == 0x3D else {
      if number == 1 { throw .missingVersion }
      throw .malformedLine(
        number: number, text: SDPGrammar.printable(bytes: raw), reason: "expected <type>=<value> with type a-z")
    }
    if let bad = raw.firstIndex(where: { $0 < 0x20 || $0 == 0x7F }) {
      let byte = raw[bad]
      let hex = String(byte, radix: 16, uppercase: true)
      throw .malformedLine(
        number: number, text: SDPGrammar.printable(bytes: raw),
        reason: "control byte 0x\(byte < 0x10 ? "0" : "")\(hex) at column \(bad - raw.startIndex + 1)")
    }
    guard let value = String(validating: raw.dropFirst(2), as: UTF8.self) else {
      throw .invalidUTF8(line: number)
    }
    let type = Character(Unicode.Scalar(first))
    if value.isEmpty, type != "s" {
      throw .malformedLine(number: number, text: "\(type)=", reason: "empty value")
    }
    return SDPLine(type: type, value: value)
  }

  /// `v=` only first; `o=`, `s=`, `t=`... only at the session level (RFC 8866 §5).
  private static func checkPlacement(_ line: SDPLine, number: Int, inMedia: Bool) throws(SDPError) {
    switch line.type {
    case "v":
      throw .malformedLine(number: number, text: printable(line), reason: "v= is allowed only as the first line")
    case "o", "s", "t", "r", "z", "u", "e", "p":
      if inMedia {
        throw .malformedLine(
          number: number, text: printable(line), reason: "\(line.type)= is a session-level line inside a media section")
      }
    default:
      break
    }
  }

  private static func printable(_ line: SDPLine) -> String {
    SDPGrammar.printable(line.description)
  }
}
