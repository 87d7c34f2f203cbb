import ParleyWhatsApp
import Testing

@Suite struct SettingsMergeTests {
  let current = #"""
    {"calling":{"status":"ENABLED","call_icon_visibility":"DEFAULT","callback_permission_status":"ENABLED",
      "call_hours":{"status":"ENABLED","timezone_id":"America/Manaus",
        "weekly_operating_hours":[{"day_of_week":"MONDAY","open_time":"0400","close_time":"1020"},
                                  {"day_of_week":"TUESDAY","open_time":"0108","close_time":"1020"}],
        "holiday_schedule":[{"date":"2026-01-01","start_time":"0000","end_time":"2359"}]},
      "sip":{"status":"ENABLED","servers":[{"hostname":"sip.example.com","sip_user_password":"secret"}]},
      "restrictions":{"restrictions_list":[{"type":"RESTRICTED_USER_INITIATED_CALLING","reason":"low pickup"}]}},
     "id":"106540352242922","other_feature":{"x":1}}
    """#

  @Test func writableStripsReadOnlyParts() throws {
    let writable = SettingsMerge.writable(try JSONValue.decode(current.bytes))
    #expect(writable.objectValue?.keys.sorted() == ["calling"])
    #expect(writable["calling"]?["restrictions"] == nil)
    #expect(writable["calling"]?["sip"]?["servers"] == .array([.object(["hostname": .string("sip.example.com")])]))
    #expect(writable["calling"]?["call_hours"]?["holiday_schedule"]?.arrayValue?.count == 1)
    #expect(SettingsMerge.writable(.object([:])) == .object(["calling": .object([:])]))
  }

  @Test func mergeKeepsOmittedHolidaysAndReplacesArrays() throws {
    let writable = SettingsMerge.writable(try JSONValue.decode(current.bytes))
    let desired = try JSONValue.decode(
      #"""
      {"calling":{"call_hours":{"timezone_id":"Asia/Singapore",
        "weekly_operating_hours":[{"day_of_week":"FRIDAY","open_time":"0900","close_time":"1700"}]}}}
      """#.bytes)
    let merged = SettingsMerge.merge(current: writable, desired: desired)
    let hours = merged["calling"]?["call_hours"]
    #expect(hours?["holiday_schedule"] == writable["calling"]?["call_hours"]?["holiday_schedule"])
    #expect(hours?["timezone_id"] == .string("Asia/Singapore"))
    #expect(hours?["status"] == .string("ENABLED"))
    #expect(hours?["weekly_operating_hours"]?.arrayValue?.count == 1)
    #expect(merged["calling"]?["status"] == .string("ENABLED"))
    #expect(merged["calling"]?["sip"] == writable["calling"]?["sip"])

    let changes = SettingsMerge.diff(from: writable, to: merged)
    #expect(
      changes.map(\.description) == [
        #"calling.call_hours.timezone_id: "America/Manaus" → "Asia/Singapore""#,
        #"calling.call_hours.weekly_operating_hours[0].close_time: "1020" → "1700""#,
        #"calling.call_hours.weekly_operating_hours[0].day_of_week: "MONDAY" → "FRIDAY""#,
        #"calling.call_hours.weekly_operating_hours[0].open_time: "0400" → "0900""#,
        #"calling.call_hours.weekly_operating_hours[1]: {"close_time":"1020","day_of_week":"TUESDAY","open_time":"0108"} → (absent)"#,
      ])
  }

  @Test func diffOfEqualIsEmptyAndCountsAddedLeaves() throws {
    let a = try JSONValue.decode(current.bytes)
    #expect(SettingsMerge.diff(from: a, to: a).isEmpty)
    let b = SettingsMerge.merge(
      current: a,
      desired: .object(["calling": .object(["audio": .object(["additional_codecs": .array([.string("PCMA")])])])]))
    #expect(
      SettingsMerge.diff(from: a, to: b)
        == [
          SettingsChange(
            path: "calling.audio", old: nil, new: .object(["additional_codecs": .array([.string("PCMA")])]))
        ])
  }
}
