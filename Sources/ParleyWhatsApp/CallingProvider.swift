/// Who carries the calling API and how to address it (whatsapp-calling.md §1.1–1.4).
public enum CallingProvider: Sendable, Equatable {
  /// 360dialog: `D360-API-KEY`, no phone-number id in the path (the key names the number).
  case dialog360(apiKey: String, baseURL: String)
  /// Meta's Cloud API: `Authorization: Bearer`, `/<version>/<PNID>/…`.
  case meta(accessToken: String, phoneNumberID: String, baseURL: String, graphVersion: String)

  public static let defaultDialog360BaseURL = "https://waba-v2.360dialog.io"
  public static let defaultMetaBaseURL = "https://graph.facebook.com"
  public static let defaultGraphVersion = "v23.0"

  /// The base URL without a trailing `/`.
  var base: String {
    let url: String
    switch self {
    case .dialog360(_, let baseURL): url = baseURL
    case .meta(_, _, let baseURL, _): url = baseURL
    }
    var trimmed = Substring(url.trimmingSpaces)
    while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    return String(trimmed)
  }

  /// `…/<version>/<PNID>` for Meta, the bare base for 360dialog.
  private var numberRoot: String {
    switch self {
    case .dialog360: base
    case .meta(_, let phoneNumberID, _, let version): "\(base)/\(version)/\(URLEscaping.pathSegment(phoneNumberID))"
    }
  }

  /// Call actions (§1.1): `/calling/calls` (360dialog, not `/calls`) or `/<PNID>/calls`.
  var callsURL: String {
    switch self {
    case .dialog360: "\(base)/calling/calls"
    case .meta: "\(numberRoot)/calls"
    }
  }

  /// Calling settings (§1.3).
  var settingsURL: String {
    switch self {
    case .dialog360: "\(base)/calling/settings"
    case .meta: "\(numberRoot)/settings"
    }
  }

  /// Call permission state of one user (§1.2).
  func permissionURL(waID: String) -> String {
    switch self {
    case .dialog360: "\(base)/calling/permissions/\(URLEscaping.pathSegment(waID))"
    case .meta: "\(numberRoot)/call_permissions?user_wa_id=\(URLEscaping.queryValue(waID))"
    }
  }

  /// Messages (§2.5).
  var messagesURL: String { "\(numberRoot)/messages" }

  /// 360dialog's webhook registration (§2.8); Meta has none (the app dashboard does it).
  var webhookConfigURL: String? {
    switch self {
    case .dialog360: "\(base)/v1/configs/webhook"
    case .meta: nil
    }
  }

  /// The authentication header.
  var authHeader: APIHeader {
    switch self {
    case .dialog360(let apiKey, _): APIHeader(name: "D360-API-KEY", value: apiKey)
    case .meta(let token, _, _, _): APIHeader(name: "Authorization", value: "Bearer \(token)")
    }
  }
}

/// Percent-encoding of the few values put into URLs (RFC 3986 unreserved characters pass).
enum URLEscaping {
  static func pathSegment(_ text: String) -> String { escape(text) }

  static func queryValue(_ text: String) -> String { escape(text) }

  private static func escape(_ text: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.append(byte)
      default:
        out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
