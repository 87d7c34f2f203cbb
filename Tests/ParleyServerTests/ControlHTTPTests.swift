import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleySandbox
import ParleyServer
import ParleyWhatsApp
import Testing

/// The control API in router test mode: bearer auth, validation of requests, settings, metrics.
@Suite(.serialized) struct ControlHTTPTests {
  static var auth: HTTPFields { [.authorization: "Bearer \(ServerHarness.token)", .contentType: "application/json"] }

  @Test func theControlAPIWantsTheBearerToken() async throws {
    let harness = try ServerHarness.start()
    let statuses = try await harness.test { client in
      [
        try await client.execute(uri: "/v1/calls", method: .get) { $0.status },
        try await client.execute(uri: "/v1/calls", method: .get, headers: [.authorization: "Bearer wrong"]) {
          $0.status
        },
        try await client.execute(uri: "/v1/calls", method: .get, headers: Self.auth) { $0.status },
        try await client.execute(uri: "/health", method: .get) { $0.status },
        try await client.execute(uri: "/ready", method: .get) { $0.status },
      ]
    }
    #expect(statuses == [.unauthorized, .unauthorized, .ok, .ok, .ok])
    await harness.stop()
  }

  @Test func badControlRequestsGetClearErrors() async throws {
    let harness = try ServerHarness.start()
    let replies = try await harness.test { client in
      [
        try await client.execute(
          uri: "/v1/calls", method: .post, headers: Self.auth, body: ByteBuffer(string: #"{"to":"not a number"}"#)
        ) { ($0.status, String(buffer: $0.body)) },
        try await client.execute(uri: "/v1/calls", method: .post, headers: Self.auth, body: ByteBuffer(string: "{")) {
          ($0.status, String(buffer: $0.body))
        },
        try await client.execute(
          uri: "/v1/calls", method: .post, headers: Self.auth,
          body: ByteBuffer(string: #"{"to":"15551234567","app":"karaoke"}"#)
        ) { ($0.status, String(buffer: $0.body)) },
        try await client.execute(uri: "/v1/calls/wacid.nope/accept", method: .post, headers: Self.auth) {
          ($0.status, String(buffer: $0.body))
        },
      ]
    }
    #expect(replies.map(\.0) == [.badRequest, .badRequest, .badRequest, .notFound])
    #expect(replies[0].1.contains("E.164"))
    #expect(replies[2].1.contains("unknown app"))
    await harness.stop()
  }

  @Test func settingsAreValidatedMergedAndNeverDeletedByOmission() async throws {
    let harness = try ServerHarness.start()
    let holidays = #"""
      {"calling":{"call_hours":{"status":"ENABLED","timezone_id":"Europe/Berlin",
       "weekly_operating_hours":[{"day_of_week":"MONDAY","open_time":"0900","close_time":"1700"}],
       "holiday_schedule":[{"date":"2099-12-25","start_time":"0000","end_time":"2359"}]}}}
      """#
    let noHolidays = #"""
      {"calling":{"call_hours":{"status":"ENABLED","timezone_id":"Europe/Paris",
       "weekly_operating_hours":[{"day_of_week":"MONDAY","open_time":"0900","close_time":"1700"}]}}}
      """#
    let invalid = #"""
      {"calling":{"status":"MAYBE","call_hours":{"status":"ENABLED","timezone_id":"Mars/Olympus",
       "weekly_operating_hours":[{"day_of_week":"MONDAY","open_time":"1700","close_time":"0900"}]}}}
      """#
    let replies = try await harness.test { client in
      var replies: [(HTTPResponse.Status, String)] = []
      for body in [invalid, holidays, noHolidays] {
        replies.append(
          try await client.execute(
            uri: "/v1/settings", method: .post, headers: Self.auth, body: ByteBuffer(string: body)
          ) {
            ($0.status, String(buffer: $0.body))
          })
      }
      return replies
    }
    #expect(replies.map(\.0) == [.unprocessableContent, .ok, .ok])
    #expect(replies[0].1.contains("MAYBE") || replies[0].1.contains("status"))
    #expect(replies[0].1.contains("Mars/Olympus") || replies[0].1.contains("timezone"))
    let stored = await harness.sandbox.cloud.currentSettings
    #expect(stored["calling"]?["call_hours"]?["timezone_id"]?.stringValue == "Europe/Paris")
    #expect(stored["calling"]?["call_hours"]?["holiday_schedule"]?.arrayValue?.count == 1, "holidays kept")
    await harness.stop()
  }

  @Test func metricsAreInPrometheusTextFormat() async throws {
    let harness = try ServerHarness.start()
    let text = try await harness.test { client in
      try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
    }
    #expect(text.contains("# TYPE parley_calls gauge"))
    #expect(text.contains(#"parley_calls{state="active"} 0"#))
    await harness.stop()
  }
}
