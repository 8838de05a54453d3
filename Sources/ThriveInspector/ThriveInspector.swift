import ArgumentParser
import Foundation

/// The `thrive-inspector` command: the terminal UI by default, plus scriptable subcommands.
@main
struct ThriveInspector: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thrive-inspector",
        abstract: "Explore, validate and replay events against the ThriveStack analytics API.",
        discussion: """
        Without a subcommand it opens the terminal UI. Without an API key everything runs against an embedded \
        sandbox on 127.0.0.1, so nothing reaches ThriveStack until you ask for --live.

        The API key comes from THRIVESTACK_API_KEY, --api-key-file PATH, or api_key_file in \
        $XDG_CONFIG_HOME/thrive-inspector/config.yaml. It is never printed.

        Exit codes: 0 success, 1 bad input or validation errors, 2 the API answered with an error status, \
        3 no response (network failure), 64 a command-line usage error (unknown option, missing value).
        """,
        version: "0.1.0",
        subcommands: [UICommand.self, TemplatesCommand.self, ValidateCommand.self, SendCommand.self, ReplayCommand.self, HistoryCommand.self, SandboxCommand.self],
        defaultSubcommand: UICommand.self
    )

    static func main() async {
        CrashReports.install()
        await Self.main(nil)
    }
}
