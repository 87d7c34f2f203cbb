public import Foundation

/// Checks a calling settings body against Meta's rules before it is sent, and reports every
/// issue at once (whatsapp-calling.md §1.3).
public enum CallingSettingsValidator {
  /// The issues of `settings` — either the `{"calling":{…}}` body or the inner calling object —
  /// in document order; empty when it is valid. `now` decides which holiday dates are past, in
  /// the settings' own time zone.
  public static func validate(_ settings: JSONValue, now: Date) -> [SettingsIssue] {
    var checker = SettingsChecker()
    let calling: JSONValue
    if let inner = settings["calling"] {
      calling = inner
    } else {
      calling = settings
    }
    guard let members = checker.object(calling, "calling") else { return checker.issues }
    let enabled = SettingsChecker.enabledDisabled
    checker.enumValue(members["status"], "calling.status", enabled)
    checker.enumValue(members["call_icon_visibility"], "calling.call_icon_visibility", ["DEFAULT", "DISABLE_ALL"])
    checker.enumValue(members["callback_permission_status"], "calling.callback_permission_status", enabled)
    checker.enumValue(members["srtp_key_exchange_protocol"], "calling.srtp_key_exchange_protocol", ["DTLS", "SDES"])
    checkCallIcons(members["call_icons"], &checker)
    if let hours = members["call_hours"], !hours.isNull {
      CallHoursRules.check(hours, path: "calling.call_hours", now: now, &checker)
    }
    checkSIP(members["sip"], &checker)
    checkAudio(members["audio"], &checker)
    checkVoicemail(members["voicemail"], &checker)
    return checker.issues
  }

  private static func checkCallIcons(_ value: JSONValue?, _ checker: inout SettingsChecker) {
    let path = "calling.call_icons"
    guard let icons = checker.object(value, path) else { return }
    let listPath = "\(path).restrict_to_user_countries"
    guard let countries = checker.array(icons["restrict_to_user_countries"], listPath) else { return }
    for (index, country) in countries.enumerated() {
      let itemPath = "\(listPath)[\(index)]"
      guard let code = checker.string(country, itemPath) else { continue }
      if code.utf8.count != 2 || !code.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
        checker.report(itemPath, "\"\(code)\" is not a two-letter uppercase country code")
      }
    }
  }

  private static func checkSIP(_ value: JSONValue?, _ checker: inout SettingsChecker) {
    let path = "calling.sip"
    guard let sip = checker.object(value, path) else { return }
    checker.enumValue(sip["status"], "\(path).status", SettingsChecker.enabledDisabled)
    guard let servers = checker.array(sip["servers"], "\(path).servers") else { return }
    if servers.count > 1 {
      checker.report("\(path).servers", "at most 1 SIP server per number, found \(servers.count)")
    }
    for (index, server) in servers.enumerated() {
      let serverPath = "\(path).servers[\(index)]"
      guard let members = checker.object(server, serverPath) else { continue }
      if let host = checker.string(members["hostname"], "\(serverPath).hostname", required: true) {
        if host.isEmpty {
          checker.report("\(serverPath).hostname", "must not be empty")
        } else if host.contains("://") || host.contains(where: { $0 == " " || $0 == "\t" || $0 == "/" }) {
          checker.report("\(serverPath).hostname", "\"\(host)\" must be a bare host name (no scheme, path or spaces)")
        }
      }
      _ = checker.integer(members["port"], "\(serverPath).port", 1...65535)
      let paramsPath = "\(serverPath).request_uri_user_params"
      guard let params = checker.object(members["request_uri_user_params"], paramsPath) else { continue }
      for key in params.keys.sorted() {
        if key.count > 128 { checker.report(paramsPath, "key \"\(key.prefix(20))…\" is longer than 128 characters") }
        if let text = checker.string(params[key], "\(paramsPath).\(key)"), text.count > 128 {
          checker.report("\(paramsPath).\(key)", "value is longer than 128 characters")
        }
      }
    }
  }

  private static func checkAudio(_ value: JSONValue?, _ checker: inout SettingsChecker) {
    let path = "calling.audio.additional_codecs"
    guard let audio = checker.object(value, "calling.audio"),
      let codecs = checker.array(audio["additional_codecs"], path)
    else { return }
    for (index, codec) in codecs.enumerated() {
      checker.enumValue(codec, "\(path)[\(index)]", ["PCMA", "PCMU"])
    }
  }

  private static func checkVoicemail(_ value: JSONValue?, _ checker: inout SettingsChecker) {
    let path = "calling.voicemail"
    guard let voicemail = checker.object(value, path) else { return }
    checker.enumValue(voicemail["status"], "\(path).status", SettingsChecker.enabledDisabled)
    if let triggers = checker.array(voicemail["triggers"], "\(path).triggers") {
      for (index, trigger) in triggers.enumerated() { _ = checker.string(trigger, "\(path).triggers[\(index)]") }
    }
    guard let audio = checker.object(voicemail["audio"], "\(path).audio") else { return }
    for key in audio.keys.sorted() {
      let entryPath = "\(path).audio.\(key)"
      guard let entry = checker.object(audio[key], entryPath) else { continue }
      _ = checker.integer(entry["timeout_seconds"], "\(entryPath).timeout_seconds", 0...30)
    }
  }
}
