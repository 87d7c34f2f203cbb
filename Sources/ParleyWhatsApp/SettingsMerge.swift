/// Turns the settings read with GET into a safe POST (whatsapp-calling.md §1.3).
///
/// A settings POST replaces whole parts: `call_hours` is replaced as one object, so a body that
/// omits `holiday_schedule` deletes the holidays. Merging the desired change into the current
/// writable settings keeps everything the change does not mention.
public enum SettingsMerge {
  /// `{"calling":{…}}` from a GET body without its read-only parts: anything outside `calling`,
  /// `calling.restrictions`, and each SIP server's `sip_user_password`.
  public static func writable(_ current: JSONValue) -> JSONValue {
    guard var calling = current["calling"]?.objectValue else { return .object(["calling": .object([:])]) }
    calling["restrictions"] = nil
    if var sip = calling["sip"]?.objectValue, let servers = sip["servers"]?.arrayValue {
      sip["servers"] = .array(
        servers.map { server in
          guard var members = server.objectValue else { return server }
          members["sip_user_password"] = nil
          return .object(members)
        })
      calling["sip"] = .object(sip)
    }
    return .object(["calling": .object(calling)])
  }

  /// `desired` laid over `current`: objects merge member by member, anything else (arrays
  /// included) in `desired` replaces what is in `current`.
  public static func merge(current: JSONValue, desired: JSONValue) -> JSONValue {
    guard case .object(var merged) = current, case .object(let changes) = desired else { return desired }
    for (key, value) in changes {
      if let existing = merged[key] {
        merged[key] = merge(current: existing, desired: value)
      } else {
        merged[key] = value
      }
    }
    return .object(merged)
  }

  /// The leaves that differ, sorted by path; objects and arrays are compared member by member,
  /// a member present on one side only is one change.
  public static func diff(from: JSONValue, to: JSONValue) -> [SettingsChange] {
    var changes: [SettingsChange] = []
    collect(from, to, path: "", into: &changes)
    return changes
  }

  private static func collect(_ old: JSONValue?, _ new: JSONValue?, path: String, into changes: inout [SettingsChange])
  {
    switch (old, new) {
    case (.object(let a)?, .object(let b)?):
      for key in Set(a.keys).union(b.keys).sorted() {
        collect(a[key], b[key], path: path.isEmpty ? key : "\(path).\(key)", into: &changes)
      }
    case (.array(let a)?, .array(let b)?):
      for index in 0..<max(a.count, b.count) {
        collect(
          index < a.count ? a[index] : nil, index < b.count ? b[index] : nil, path: "\(path)[\(index)]", into: &changes)
      }
    default:
      if old != new { changes.append(SettingsChange(path: path, old: old, new: new)) }
    }
  }
}
