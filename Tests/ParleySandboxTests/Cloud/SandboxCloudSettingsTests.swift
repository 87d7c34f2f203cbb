import ParleySandbox
import ParleyWhatsApp
import Testing

/// `GET`/`POST …/settings` with Meta's semantics and validation (whatsapp-calling.md §1.3).
@Suite struct SandboxCloudSettingsTests {
  static let hours: JSONValue = .object([
    "status": .string("ENABLED"), "timezone_id": .string("Europe/Paris"),
    "weekly_operating_hours": .array([
      .object(["day_of_week": .string("MONDAY"), "open_time": .string("0900"), "close_time": .string("1200")]),
      .object(["day_of_week": .string("MONDAY"), "open_time": .string("1400"), "close_time": .string("1800")]),
    ]),
  ])

  static func hours(holidays: [String]?) -> JSONValue {
    guard var members = hours.objectValue else { return hours }
    members["holiday_schedule"] = holidays.map { dates in
      .array(
        dates.map { .object(["date": .string($0), "start_time": .string("0000"), "end_time": .string("2359")]) })
    }
    return .object(members)
  }

  @Test(arguments: Layout.allCases) func postedSettingsReadBack(layout: Layout) async throws {
    let harness = CloudHarness()
    let client = harness.client(layout)
    let calling: [String: JSONValue] = [
      "status": .string("ENABLED"), "call_icon_visibility": .string("DISABLE_ALL"),
      "callback_permission_status": .string("ENABLED"), "call_hours": Self.hours(holidays: ["2099-12-25"]),
      "call_icons": .object(["restrict_to_user_countries": .array([.string("BR")])]),
      "audio": .object(["additional_codecs": .array([.string("PCMA")])]),
    ]
    try await client.updateSettings(.object(["calling": .object(calling)]))
    let read = try await client.settings()
    for (key, value) in calling { #expect(read["calling"]?[key] == value, "calling.\(key)") }
    #expect(read["calling"]?["restrictions"] != nil, "read-only restrictions stay")
    let other: Layout = layout == .meta ? .dialog360 : .meta
    #expect(try await harness.client(other).settings() == read, "one number, one settings object")
  }

  @Test(arguments: Layout.allCases) func callHoursWithoutHolidaysDeletesThem(layout: Layout) async throws {
    let harness = CloudHarness()
    let client = harness.client(layout)
    let withHolidays = Self.hours(holidays: ["2099-12-25", "2099-12-31"])
    try await client.updateSettings(
      .object(["calling": .object(["call_hours": withHolidays, "call_icon_visibility": .string("DISABLE_ALL")])]))
    #expect(try await client.settings()["calling"]?["call_hours"]?["holiday_schedule"]?.arrayValue?.count == 2)
    try await client.updateSettings(.object(["calling": .object(["call_hours": Self.hours(holidays: nil)])]))
    let read = try await client.settings()
    #expect(read["calling"]?["call_hours"] == Self.hours, "call_hours replaced whole")
    #expect(read["calling"]?["call_hours"]?["holiday_schedule"] == nil, "holidays deleted")
    #expect(read["calling"]?["call_icon_visibility"]?.stringValue == "DISABLE_ALL", "other parts kept")
  }

  @Test(arguments: Layout.allCases) func invalidSettingsNameEveryProblem(layout: Layout) async throws {
    let harness = CloudHarness()
    let client = harness.client(layout)
    let before = try await client.settings()
    let body = #"""
      {"calling":{"status":"MAYBE","call_hours":{"status":"ENABLED","timezone_id":"Mars/Olympus",
       "weekly_operating_hours":[{"day_of_week":"MONDAY","open_time":"1700","close_time":"0900"}],
       "holiday_schedule":[{"date":"2020-01-01","start_time":"0000","end_time":"2359"}]}}}
      """#
    let error = await graphError(code: 100, status: 400) {
      try await client.updateSettings(try! JSONValue.decode(Array(body.utf8)))
    }
    let details = error?.details ?? ""
    for problem in [
      "calling.status", "MAYBE", "calling.call_hours.timezone_id", "Mars/Olympus",
      "calling.call_hours.weekly_operating_hours[0]", "calling.call_hours.holiday_schedule[0].date", "2020-01-01",
    ] {
      #expect(details.contains(problem), "details name \(problem): \(details)")
    }
    #expect(try await client.settings() == before, "nothing stored")
  }

  @Test(arguments: Layout.allCases) func restrictionsAreReadOnly(layout: Layout) async {
    let harness = CloudHarness()
    let body: JSONValue = .object(["calling": .object(["restrictions": .object(["restrictions_list": .array([])])])])
    await graphError(code: 100, status: 400) { try await harness.client(layout).updateSettings(body) }
  }

  @Test func sipStatusKeepsServersAndEmptyServersDeleteThem() async throws {
    let client = CloudHarness().client(.meta)
    let server: JSONValue = .object(["hostname": .string("sip.example.com"), "port": .number(5061)])
    func post(_ sip: JSONValue) async throws {
      try await client.updateSettings(.object(["calling": .object(["sip": sip])]))
    }
    try await post(.object(["status": .string("DISABLED"), "servers": .array([server])]))
    try await post(.object(["status": .string("DISABLED")]))
    #expect(try await client.settings()["calling"]?["sip"]?["servers"] == .array([server]), "DISABLED keeps servers")
    try await post(.object(["servers": .array([])]))
    #expect(try await client.settings()["calling"]?["sip"]?["servers"] == .array([]), "servers: [] deletes them")
  }

  @Test func failNextInjectsErrorsOnce() async throws {
    let harness = CloudHarness()
    let injected = GraphError(httpStatus: 503, code: 2, message: "Service temporarily unavailable")
    await harness.cloud.failNext("settings", with: injected, times: 2)
    let client = harness.client(.dialog360)
    for _ in 0..<2 {
      let error = await graphError(code: 2, status: 503) { try await client.settings() }
      #expect(error?.message == injected.message)
    }
    _ = try await client.settings()
  }
}
