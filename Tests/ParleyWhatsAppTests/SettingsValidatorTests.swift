import Foundation
import ParleyWhatsApp
import Testing

@Suite struct SettingsValidatorTests {
  /// 2025-06-01T12:00:00Z, before the fixtures' 2026-01-01 holiday.
  let now = Date(timeIntervalSince1970: 1_748_779_200)

  @Test func fixtureIsClean() throws {
    let settings = try JSONValue.decode(try Fixtures.bytes("settings-request.json"))
    #expect(CallingSettingsValidator.validate(settings, now: now) == [])
    // The inner object is accepted too.
    #expect(CallingSettingsValidator.validate(try #require(settings["calling"]), now: now) == [])
  }

  @Test func fullReferenceBodyIsClean() throws {
    let body = #"""
      {"calling":{"status":"ENABLED","call_icon_visibility":"DISABLE_ALL",
        "call_icons":{"restrict_to_user_countries":["US","BR"]},
        "call_hours":{"status":"DISABLED","timezone_id":"Asia/Singapore",
          "weekly_operating_hours":[{"day_of_week":"MONDAY","open_time":"0400","close_time":"1020"},
                                    {"day_of_week":"MONDAY","open_time":"1020","close_time":"2359"}]},
        "callback_permission_status":"DISABLED",
        "sip":{"status":"ENABLED","servers":[{"hostname":"sip.example.com","port":5061,
          "request_uri_user_params":{"tgrp":"wacall","trunk-context":"byoc.example.com"}}]},
        "srtp_key_exchange_protocol":"SDES","audio":{"additional_codecs":["PCMA","PCMU"]},
        "voicemail":{"status":"ENABLED","triggers":["REJECT","TIMEOUT"],
          "audio":{"default":{"announcement_media_id":938884519013664,"timeout_seconds":20}}}}}
      """#
    #expect(CallingSettingsValidator.validate(try JSONValue.decode(body.bytes), now: now) == [])
  }

  @Test func reportsEveryMistake() throws {
    let body = #"""
      {"calling":{"status":"ON","call_icon_visibility":"HIDE_IN_CHAT","callback_permission_status":true,
        "srtp_key_exchange_protocol":"ZRTP","call_icons":{"restrict_to_user_countries":["us","BRA"]},
        "call_hours":{"status":"ENABLED","timezone_id":"Mars/Olympus",
          "weekly_operating_hours":[
            {"day_of_week":"MONDAY","open_time":"04:00","close_time":"1020"},
            {"day_of_week":"FUNDAY","open_time":"0900","close_time":"1000"},
            {"day_of_week":"TUESDAY","open_time":"1200","close_time":"1100"},
            {"day_of_week":"WEDNESDAY","open_time":"0800","close_time":"1200"},
            {"day_of_week":"WEDNESDAY","open_time":"1100","close_time":"1300"},
            {"day_of_week":"WEDNESDAY","open_time":"1400","close_time":"1500"},
            {"day_of_week":"THURSDAY","open_time":"2400","close_time":"1260"}],
          "holiday_schedule":[{"date":"2024-12-25","start_time":"0000","end_time":"2359"},
                              {"date":"2026-02-30","start_time":"1000","end_time":"0900"},
                              {"date":"01/01/2027","start_time":"0000"}]},
        "sip":{"status":"ENABLED","servers":[{"hostname":"sips://sip.example.com","port":70000,
          "request_uri_user_params":{"tgrp":"\#(String(repeating: "x", count: 129))"}},{"hostname":""}]},
        "audio":{"additional_codecs":["OPUS"]},
        "voicemail":{"audio":{"default":{"timeout_seconds":45}}}}}
      """#
    let issues = CallingSettingsValidator.validate(try JSONValue.decode(body.bytes), now: now)
    let paths = issues.map(\.path)
    let hours = "calling.call_hours"
    let week = "\(hours).weekly_operating_hours"
    let expectedPaths = [
      "calling.status", "calling.call_icon_visibility", "calling.callback_permission_status",
      "calling.srtp_key_exchange_protocol", "calling.call_icons.restrict_to_user_countries[0]",
      "calling.call_icons.restrict_to_user_countries[1]", "\(hours).timezone_id", "\(week)[0].open_time",
      "\(week)[1].day_of_week", "\(week)[2]", "\(week)[6].open_time", "\(week)[6].close_time", week, "\(week)[4]",
      "\(hours).holiday_schedule[0].date", "\(hours).holiday_schedule[1].date", "\(hours).holiday_schedule[1]",
      "\(hours).holiday_schedule[2].date", "\(hours).holiday_schedule[2].end_time", "calling.sip.servers",
      "calling.sip.servers[0].hostname", "calling.sip.servers[0].port",
      "calling.sip.servers[0].request_uri_user_params.tgrp", "calling.sip.servers[1].hostname",
      "calling.audio.additional_codecs[0]", "calling.voicemail.audio.default.timeout_seconds",
    ]
    #expect(paths == expectedPaths, "\(issues.map(\.description).joined(separator: "\n"))")
    let hint = issues.first { $0.path == "\(week)[0].open_time" }
    #expect(hint?.message == #""04:00" must be HHMM: use "0400""#)
    #expect(issues.first { $0.path == week }?.message == "WEDNESDAY has 3 entries, at most 2 are allowed")
    #expect(issues.first { $0.path == "\(week)[4]" }?.message == "overlaps WEDNESDAY entry [3]")
    #expect(issues.allSatisfy { $0.description.hasPrefix($0.path + ": ") })
  }

  @Test func requiredCallHoursFieldsAndPastInTheSettingsZone() throws {
    let missing = try JSONValue.decode(#"{"calling":{"call_hours":{"weekly_operating_hours":[]}}}"#.bytes)
    #expect(
      CallingSettingsValidator.validate(missing, now: now).map(\.description) == [
        "calling.call_hours.status: is required", "calling.call_hours.timezone_id: is required",
        "calling.call_hours.weekly_operating_hours: must not be empty",
      ])
    // At 2026-01-02T02:00Z it is still 2026-01-01 in Manaus (UTC−4), so its holiday is today there,
    // but 2026-01-02 in Singapore (UTC+8), where the holiday is past.
    let holiday = { (zone: String) in
      try JSONValue.decode(
        (#"{"call_hours":{"status":"ENABLED","timezone_id":""# + zone
          + #"","weekly_operating_hours":[{"day_of_week":"MONDAY","open_time":"0900","close_time":"1700"}],"#
          + #""holiday_schedule":[{"date":"2026-01-01","start_time":"0000","end_time":"2359"}]}}"#).bytes)
    }
    let nextDay = Date(timeIntervalSince1970: 1_767_319_200)  // 2026-01-02T02:00:00Z
    #expect(CallingSettingsValidator.validate(try holiday("America/Manaus"), now: nextDay) == [])
    let past = CallingSettingsValidator.validate(try holiday("Asia/Singapore"), now: nextDay)
    #expect(past.map(\.path) == ["calling.call_hours.holiday_schedule[0].date"])
    #expect(past.first?.message.contains("today is 2026-01-02") == true)
    #expect(
      CallingSettingsValidator.validate(.string("x"), now: now) == [
        SettingsIssue(path: "calling", message: "must be an object")
      ])
  }

  @Test func tooManyHolidays() throws {
    let entry = #"{"date":"2030-01-01","start_time":"0000","end_time":"2359"}"#
    let list = Array(repeating: entry, count: 21).joined(separator: ",")
    let body =
      #"{"call_hours":{"status":"ENABLED","timezone_id":"UTC","weekly_operating_hours":[{"day_of_week":"SUNDAY","#
      + #""open_time":"0000","close_time":"0100"}],"holiday_schedule":["# + list + "]}}"
    #expect(
      CallingSettingsValidator.validate(try JSONValue.decode(body.bytes), now: now).map(\.description) == [
        "calling.call_hours.holiday_schedule: at most 20 holidays are allowed, found 21"
      ])
  }
}
