public import ParleyCall
public import ParleyWhatsApp

/// Everything `parley serve` is told (DESIGN.md §1): a config file, then environment variables, then
/// flags, in rising precedence. Every setting has one name, `PARLEY_…`; in a file it may also be
/// written in lower case without the prefix (`api_key`).
public struct ServerConfiguration: Sendable {
  public var provider: CallingProvider
  public var webhookVerifyToken: String?
  public var appSecret: String?
  public var webhookHeader: WebhookHeaderSecret?
  public var httpHost: String
  public var httpPort: Int
  public var mediaAddresses: [String]
  public var publicAddress: String?
  public var controlToken: String?
  public var eventsURL: String?
  public var eventsSecret: String?
  public var inboundPolicy: InboundPolicy
  public var dataDirectory: String?
  /// How long live calls may run on after shutdown begins before they are terminated (seconds).
  public var drainSeconds: Int
  /// Largest webhook or control body accepted (bytes).
  public var maxBodyBytes: Int
  public var timeouts: CallTimeouts
  /// libopus complexity of Parley's encoders, 0–10 (default 5): the main cost of a call.
  public var opusComplexity: Int

  public init(
    provider: CallingProvider, webhookVerifyToken: String? = nil, appSecret: String? = nil,
    webhookHeader: WebhookHeaderSecret? = nil, httpHost: String = "127.0.0.1", httpPort: Int = 8080,
    mediaAddresses: [String] = ["127.0.0.1"], publicAddress: String? = nil, controlToken: String? = nil,
    eventsURL: String? = nil, eventsSecret: String? = nil, inboundPolicy: InboundPolicy = .accept(app: "echo"),
    dataDirectory: String? = nil, drainSeconds: Int = 30, maxBodyBytes: Int = 256 * 1024,
    timeouts: CallTimeouts = CallTimeouts(), opusComplexity: Int = 5
  ) {
    self.opusComplexity = opusComplexity
    self.provider = provider
    self.webhookVerifyToken = webhookVerifyToken
    self.appSecret = appSecret
    self.webhookHeader = webhookHeader
    self.httpHost = httpHost
    self.httpPort = httpPort
    self.mediaAddresses = mediaAddresses
    self.publicAddress = publicAddress
    self.controlToken = controlToken
    self.eventsURL = eventsURL
    self.eventsSecret = eventsSecret
    self.inboundPolicy = inboundPolicy
    self.dataDirectory = dataDirectory
    self.drainSeconds = drainSeconds
    self.maxBodyBytes = maxBodyBytes
    self.timeouts = timeouts
  }

  /// The names this configuration reads (`PARLEY_` + these, upper-cased).
  public static let names = [
    "provider", "api_base_url", "api_key", "access_token", "phone_number_id", "graph_version", "app_secret",
    "webhook_verify_token", "webhook_auth_header", "http_host", "http_port", "media_addresses", "public_address",
    "control_token", "events_url", "events_secret", "inbound_policy", "inbound_app", "data_dir", "drain_seconds",
    "opus_complexity",
  ]

  /// Builds the configuration from settings merged in precedence order (file < environment < flags).
  public static func resolve(_ settings: [String: String]) throws(ServerError) -> ServerConfiguration {
    func value(_ name: String) -> String? {
      guard let value = settings[name], !value.isEmpty else { return nil }
      return value
    }
    let provider: CallingProvider
    switch value("provider") ?? "360dialog" {
    case "360dialog", "dialog360", "d360":
      guard let key = value("api_key") else {
        throw .configuration("PARLEY_API_KEY is required for the 360dialog provider")
      }
      provider = .dialog360(apiKey: key, baseURL: value("api_base_url") ?? CallingProvider.defaultDialog360BaseURL)
    case "meta":
      guard let token = value("access_token"), let phone = value("phone_number_id") else {
        throw .configuration("PARLEY_ACCESS_TOKEN and PARLEY_PHONE_NUMBER_ID are required for the meta provider")
      }
      provider = .meta(
        accessToken: token, phoneNumberID: phone, baseURL: value("api_base_url") ?? CallingProvider.defaultMetaBaseURL,
        graphVersion: value("graph_version") ?? CallingProvider.defaultGraphVersion)
    case let other:
      throw .configuration("PARLEY_PROVIDER must be 360dialog or meta, not \"\(other)\"")
    }
    var configuration = ServerConfiguration(provider: provider)
    configuration.webhookVerifyToken = value("webhook_verify_token")
    configuration.appSecret = value("app_secret")
    if let header = value("webhook_auth_header") {
      do { configuration.webhookHeader = try WebhookHeaderSecret(parsing: header) } catch {
        throw .configuration("PARLEY_WEBHOOK_AUTH_HEADER must look like \"Name: value\"")
      }
    }
    configuration.httpHost = value("http_host") ?? "127.0.0.1"
    if let port = value("http_port") {
      guard let number = Int(port), (0...65_535).contains(number) else {
        throw .configuration("PARLEY_HTTP_PORT must be a port number, not \"\(port)\"")
      }
      configuration.httpPort = number
    }
    if let addresses = value("media_addresses") {
      configuration.mediaAddresses = addresses.split(separator: ",").map {
        String($0.filter { !$0.isWhitespace })
      }.filter { !$0.isEmpty }
    }
    configuration.publicAddress = value("public_address")
    configuration.controlToken = value("control_token")
    configuration.eventsURL = value("events_url")
    configuration.eventsSecret = value("events_secret")
    configuration.dataDirectory = value("data_dir")
    if let drain = value("drain_seconds") {
      guard let seconds = Int(drain), seconds >= 0 else {
        throw .configuration("PARLEY_DRAIN_SECONDS must be a whole number of seconds")
      }
      configuration.drainSeconds = seconds
    }
    if let complexity = value("opus_complexity") {
      guard let level = Int(complexity), (0...10).contains(level) else {
        throw .configuration("PARLEY_OPUS_COMPLEXITY must be a whole number 0…10, not \"\(complexity)\"")
      }
      configuration.opusComplexity = level
    }
    let app = value("inbound_app") ?? "echo"
    _ = try CallApp(parsing: app)
    switch value("inbound_policy") ?? "accept" {
    case "accept": configuration.inboundPolicy = .accept(app: app)
    case "reject": configuration.inboundPolicy = .reject
    case "ask": configuration.inboundPolicy = .ask
    case let other: throw .configuration("PARLEY_INBOUND_POLICY must be accept, reject or ask, not \"\(other)\"")
    }
    return configuration
  }

  /// Settings from the environment: `PARLEY_X` → `x`.
  public static func environmentSettings(_ environment: [String: String]) -> [String: String] {
    var settings: [String: String] = [:]
    for name in names {
      if let value = environment["PARLEY_" + name.uppercased()] { settings[name] = value }
    }
    return settings
  }

  /// Settings from a config file: a JSON object, or flat YAML (`key: value` lines, `#` comments).
  public static func fileSettings(_ text: String) throws(ServerError) -> [String: String] {
    var raw: [String: String] = [:]
    let trimmed = text.drop { $0.isWhitespace }
    if trimmed.first == "{" {
      guard let json = try? JSONValue.decode(Array(text.utf8)), case .object(let object) = json else {
        throw .configuration("the config file is not a JSON object")
      }
      for (key, value) in object {
        switch value {
        case .string(let string): raw[key] = string
        case .number(let number): raw[key] = number == number.rounded() ? String(Int(number)) : String(number)
        case .bool(let flag): raw[key] = String(flag)
        case .array(let items): raw[key] = items.compactMap(\.stringValue).joined(separator: ",")
        default: throw .configuration("config key \(key): expected a string, number or list")
        }
      }
    } else {
      for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
        let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard !content.allSatisfy(\.isWhitespace) else { continue }
        guard let colon = content.firstIndex(of: ":") else {
          throw .configuration("config line \(index + 1): expected \"key: value\"")
        }
        let key = content[..<colon].trimmingWhitespace()
        var value = content[content.index(after: colon)...].trimmingWhitespace()
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
          value = String(value.dropFirst().dropLast())
        }
        raw[key] = value
      }
    }
    var settings: [String: String] = [:]
    for (key, value) in raw {
      var name = key.lowercased()
      if name.hasPrefix("parley_") { name.removeFirst("parley_".count) }
      guard names.contains(name) else { throw .configuration("unknown config key \"\(key)\"") }
      settings[name] = value
    }
    return settings
  }
}

extension Substring {
  func trimmingWhitespace() -> String {
    String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
