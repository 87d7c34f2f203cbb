import ArgumentParser
import Foundation
import ParleyServer
import ParleyWhatsApp

struct PermissionCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "permission", abstract: "Call permissions of WhatsApp users (business-initiated calls).",
    subcommands: [Status.self, Request.self])

  struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a user's call permission and limits.")
    @OptionGroup var options: ConfigOptions
    @Argument(help: "The user's WhatsApp id (phone digits).") var waID: String

    func run() async throws {
      let (api, shutdown) = makeAPI(try options.configuration())
      do {
        let state = try await api.permission(waID: waID)
        await shutdown()
        var line = "\(waID): \(state.permission.status)"
        if let expiry = state.permission.expirationTime {
          line += " until \(Date(timeIntervalSince1970: TimeInterval(expiry)))"
        }
        print(line)
        for action in state.actions {
          let limits = (action.limits ?? []).map { "\($0.currentUsage)/\($0.maxAllowed) per \($0.timePeriod)" }
          print(
            "  \(action.actionName): \(action.canPerformAction ? "allowed" : "not allowed")  \(limits.joined(separator: ", "))"
          )
        }
      } catch {
        await shutdown()
        throw failure("\(error)")
      }
    }
  }

  struct Request: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Send a call-permission request message (1 per 24 h, 2 per 7 days per user).")
    @OptionGroup var options: ConfigOptions
    @Argument(help: "The user's WhatsApp id (phone digits).") var waID: String
    @Option(help: "Body text shown with the request.") var text: String?

    func run() async throws {
      let (api, shutdown) = makeAPI(try options.configuration())
      do {
        let id = try await api.requestPermission(to: waID, text: text)
        await shutdown()
        print("permission request sent to \(waID): \(id)")
      } catch {
        await shutdown()
        throw failure("\(error)")
      }
    }
  }
}
