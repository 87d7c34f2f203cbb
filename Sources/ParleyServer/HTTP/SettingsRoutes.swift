public import Foundation
import Hummingbird
import NIOCore
public import ParleyWhatsApp

/// `GET /v1/settings` and `POST /v1/settings`: validated calling settings. A POST is merged into what
/// WhatsApp holds (never deleting by omission: a POST without `holiday_schedule` would delete it),
/// and answers with the difference; `?dry_run=true` only shows it.
struct SettingsRoutes {
  let api: CallingAPIClient
  let limit: Int

  func add(to group: RouterGroup<BasicRequestContext>) {
    group.get("settings") { _, _ in
      do {
        return JSONReply.value(try await api.settings())
      } catch {
        return JSONReply.error(any: error)
      }
    }
    group.post("settings") { request, _ in
      var request = request
      let dryRun = request.uri.queryParameters["dry_run"] == "true"
      let bytes = Array(buffer: try await request.collectBody(upTo: limit))
      guard let desired = try? JSONValue.decode(bytes), case .object = desired else {
        return JSONReply.error("the body must be a JSON object: {\"calling\": {...}}", status: .badRequest)
      }
      let outcome = await SettingsUpdate.apply(desired, api: api, dryRun: dryRun, now: Date())
      switch outcome {
      case .invalid(let issues):
        return JSONReply.error(
          "\(issues.count) problem(s) in the settings", status: .unprocessableContent,
          extra: ["issues": .array(issues.map { .string($0.description) })])
      case .failed(let error): return JSONReply.error(error)
      case .done(let changes, let written):
        return JSONReply.value(
          .object(["changes": .array(changes.map { .string($0.description) }), "written": .bool(written)]))
      }
    }
  }
}

/// Read, validate, merge, show the difference, write: the one way settings change (HTTP and CLI).
public enum SettingsUpdate {
  public enum Outcome: Sendable {
    case invalid([SettingsIssue])
    case failed(CallingAPIError)
    case done(changes: [SettingsChange], written: Bool)
  }

  public static func apply(_ desired: JSONValue, api: CallingAPIClient, dryRun: Bool, now: Date) async -> Outcome {
    let issues = CallingSettingsValidator.validate(desired, now: now)
    guard issues.isEmpty else { return .invalid(issues) }
    let wrapped: JSONValue = desired["calling"] == nil ? .object(["calling": desired]) : desired
    do {
      let current = SettingsMerge.writable(try await api.settings())
      let merged = SettingsMerge.merge(current: current, desired: wrapped)
      let changes = SettingsMerge.diff(from: current, to: merged)
      guard !dryRun, !changes.isEmpty else { return .done(changes: changes, written: false) }
      try await api.updateSettings(merged)
      return .done(changes: changes, written: true)
    } catch let error as CallingAPIError {
      return .failed(error)
    } catch {
      return .failed(.transport(String(describing: error)))
    }
  }
}
