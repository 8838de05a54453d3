import ArgumentParser
import Foundation

/// The default command: the full-screen terminal UI.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the terminal UI (the default when no subcommand is given).")

    @OptionGroup var target: TargetFlags

    func run() async throws {
        print(ThriveInspector.helpMessage())
    }
}
