import ArgumentParser
import Foundation
import ParleyServer
import ParleyWhatsApp

struct SettingsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "settings", abstract: "Read or write calling settings (/calling/settings).",
    subcommands: [Get.self, Set.self])

  struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the number's calling settings as JSON.")
    @OptionGroup var options: ConfigOptions

    func run() async throws {
      let (api, shutdown) = makeAPI(try options.configuration())
      do {
        print(String(decoding: try await api.settings().encoded(), as: UTF8.self))
        await shutdown()
      } catch {
        await shutdown()
        throw failure("\(error)")
      }
    }
  }

  struct Set: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate FILE ({\"calling\": {...}}), merge it into the current settings, show the difference, write.",
      discussion: """
        Every validation error is printed before anything is sent. Settings FILE leaves out are kept \
        (a POST without holiday_schedule would otherwise delete the holidays). --dry-run only shows the difference.
        """)
    @OptionGroup var options: ConfigOptions
    @Argument(help: "A JSON file with the settings to write.") var file: String
    @Flag(help: "Show the difference without writing.") var dryRun = false

    func run() async throws {
      guard let data = FileManager.default.contents(atPath: file) else { throw failure("cannot read \(file)") }
      guard let desired = try? JSONValue.decode(Array(data)) else { throw failure("\(file) is not JSON") }
      let issues = CallingSettingsValidator.validate(desired, now: Date())
      guard issues.isEmpty else {
        for issue in issues { FileHandle.standardError.write(Data("  \(issue)\n".utf8)) }
        throw failure("\(issues.count) problem(s) in \(file); nothing was sent")
      }
      let (api, shutdown) = makeAPI(try options.configuration())
      let outcome = await SettingsUpdate.apply(desired, api: api, dryRun: dryRun, now: Date())
      await shutdown()
      switch outcome {
      case .invalid(let issues): throw failure(issues.map(\.description).joined(separator: "; "))
      case .failed(let error): throw failure("\(error)")
      case .done(let changes, let written):
        if changes.isEmpty { print("no change") }
        for change in changes { print("  \(change)") }
        print(written ? "written" : (changes.isEmpty ? "" : "not written (dry run)"))
      }
    }
  }
}
