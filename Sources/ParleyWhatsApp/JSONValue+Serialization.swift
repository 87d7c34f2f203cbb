internal import Foundation

extension JSONValue {
  /// Compact UTF-8 JSON with object keys sorted and whole numbers written without a fraction
  /// (`120`, not `120.0`), so request bodies and webhook bodies are byte-for-byte reproducible.
  public func encoded() -> [UInt8] {
    var out: [UInt8] = []
    write(to: &out)
    return out
  }

  /// Parses JSON bytes (any top-level value).
  public static func decode(_ bytes: [UInt8]) throws(JSONValueError) -> JSONValue {
    do {
      return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    } catch {
      throw JSONValueError(reason: Self.reason(error))
    }
  }

  private static func reason(_ error: any Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context):
      let underlying = context.underlyingError.map { " (\(String(describing: $0)))" } ?? ""
      return context.debugDescription + underlying
    default:
      return String(describing: error)
    }
  }

  private func write(to out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: Array("null".utf8))
    case .bool(let value): out.append(contentsOf: Array((value ? "true" : "false").utf8))
    case .number(let value): out.append(contentsOf: Array(Self.format(value).utf8))
    case .string(let value): Self.writeString(value, to: &out)
    case .array(let elements):
      out.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        element.write(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        Self.writeString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        members[key, default: .null].write(to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func format(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
    return String(describing: value)
  }

  private static func writeString(_ value: String, to out: inout [UInt8]) {
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    out.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0..<0x20:
        out.append(contentsOf: Array("\\u00".utf8))
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0F)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

/// Bytes that are not JSON.
public struct JSONValueError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What the decoder reported.
  public var reason: String

  public init(reason: String) { self.reason = reason }

  public var description: String { "not JSON: \(reason)" }
}
