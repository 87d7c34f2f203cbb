internal import Foundation

/// The `call_hours` rules of whatsapp-calling.md §1.3: required fields, weekdays, `HHMM` times,
/// at most 2 non-overlapping slots per weekday, and at most 20 holidays that are not in the past.
enum CallHoursRules {
  static let weekdays = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]

  static func check(_ value: JSONValue, path: String, now: Date, _ checker: inout SettingsChecker) {
    guard let hours = checker.object(value, path) else { return }
    checker.enumValue(hours["status"], "\(path).status", SettingsChecker.enabledDisabled, required: true)
    var zone: TimeZone?
    if let identifier = checker.string(hours["timezone_id"], "\(path).timezone_id", required: true) {
      zone = TimeZone(identifier: identifier)
      if zone == nil || identifier.isEmpty {
        zone = nil
        checker.report("\(path).timezone_id", "\"\(identifier)\" is not an IANA time zone")
      }
    }
    checkWeekly(hours["weekly_operating_hours"], path: "\(path).weekly_operating_hours", &checker)
    checkHolidays(hours["holiday_schedule"], path: "\(path).holiday_schedule", today: today(now, zone), &checker)
  }

  private static func checkWeekly(_ value: JSONValue?, path: String, _ checker: inout SettingsChecker) {
    guard let value else {
      checker.report(path, "is required")
      return
    }
    guard let entries = checker.array(value, path) else { return }
    if entries.isEmpty { checker.report(path, "must not be empty") }
    var slots: [String: [(index: Int, open: Int, close: Int)]] = [:]
    for (index, entry) in entries.enumerated() {
      let entryPath = "\(path)[\(index)]"
      guard let members = checker.object(entry, entryPath) else { continue }
      let day = checker.string(members["day_of_week"], "\(entryPath).day_of_week", required: true)
      if let day, !weekdays.contains(day) {
        checker.report("\(entryPath).day_of_week", "\"\(day)\" is not one of \(weekdays.joined(separator: ", "))")
      }
      let open = time(members["open_time"], "\(entryPath).open_time", &checker)
      let close = time(members["close_time"], "\(entryPath).close_time", &checker)
      guard let open, let close else { continue }
      guard open < close else {
        checker.report(entryPath, "open_time must be earlier than close_time")
        continue
      }
      if let day, weekdays.contains(day) { slots[day, default: []].append((index, open, close)) }
    }
    for day in weekdays {
      guard let daySlots = slots[day] else { continue }
      if daySlots.count > 2 {
        checker.report(path, "\(day) has \(daySlots.count) entries, at most 2 are allowed")
      }
      let sorted = daySlots.sorted { $0.open < $1.open }
      for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.open < earlier.close {
        let (first, second) = (min(earlier.index, later.index), max(earlier.index, later.index))
        checker.report("\(path)[\(second)]", "overlaps \(day) entry [\(first)]")
      }
    }
  }

  private static func checkHolidays(
    _ value: JSONValue?, path: String, today: (Int, Int, Int), _ checker: inout SettingsChecker
  ) {
    guard let entries = checker.array(value, path) else { return }
    if entries.count > 20 { checker.report(path, "at most 20 holidays are allowed, found \(entries.count)") }
    for (index, entry) in entries.enumerated() {
      let entryPath = "\(path)[\(index)]"
      guard let members = checker.object(entry, entryPath) else { continue }
      if let text = checker.string(members["date"], "\(entryPath).date", required: true) {
        if let date = parseDate(text) {
          if date < today {
            let shown = "\(pad(today.0, 4))-\(pad(today.1, 2))-\(pad(today.2, 2))"
            checker.report("\(entryPath).date", "\(text) is in the past (today is \(shown) in the call hours' zone)")
          }
        } else {
          checker.report("\(entryPath).date", "\"\(text)\" is not a calendar date written YYYY-MM-DD")
        }
      }
      let start = time(members["start_time"], "\(entryPath).start_time", &checker)
      let end = time(members["end_time"], "\(entryPath).end_time", &checker)
      if let start, let end, start >= end {
        checker.report(entryPath, "start_time must be earlier than end_time")
      }
    }
  }

  /// Minutes since midnight of a required `HHMM` field.
  private static func time(_ value: JSONValue?, _ path: String, _ checker: inout SettingsChecker) -> Int? {
    guard let text = checker.string(value, path, required: true) else { return nil }
    if let minutes = parseHHMM(text) { return minutes }
    let bytes = Array(text.utf8)
    if bytes.count == 5, bytes[2] == UInt8(ascii: ":"), parseHHMM(String(text.prefix(2) + text.suffix(2))) != nil {
      checker.report(path, "\"\(text)\" must be HHMM: use \"\(text.prefix(2))\(text.suffix(2))\"")
    } else {
      checker.report(path, "\"\(text)\" is not a time written HHMM (0000–2359)")
    }
    return nil
  }

  /// `HHMM` with HH 00–23 and MM 00–59, as minutes since midnight.
  static func parseHHMM(_ text: String) -> Int? {
    let bytes = Array(text.utf8)
    guard bytes.count == 4, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
      return nil
    }
    let digits = bytes.map { Int($0 - UInt8(ascii: "0")) }
    let hours = digits[0] * 10 + digits[1]
    let minutes = digits[2] * 10 + digits[3]
    guard hours < 24, minutes < 60 else { return nil }
    return hours * 60 + minutes
  }

  /// `YYYY-MM-DD` of a real Gregorian date.
  static func parseDate(_ text: String) -> (Int, Int, Int)? {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      (1...12).contains(month), day >= 1
    else { return nil }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard day <= lengths[month - 1] else { return nil }
    return (year, month, day)
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// Today's date at `now` in `zone` (UTC when the zone is missing or invalid).
  static func today(_ now: Date, _ zone: TimeZone?) -> (Int, Int, Int) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone ?? TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: now)
    return (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
  }
}
