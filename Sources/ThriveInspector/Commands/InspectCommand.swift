import ArgumentParser
import Foundation
import ThriveUI

/// The default command: the full-screen terminal UI.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the terminal UI (the default when no subcommand is given).",
        discussion: """
        Without an API key the UI starts the embedded sandbox on 127.0.0.1 and shows SANDBOX in the title bar; \
        with THRIVESTACK_API_KEY (or --live) it targets api.app.thrivestack.ai and shows LIVE. Press ? inside for keys.
        Themes are YAML files searched in --theme-dir, $XDG_CONFIG_HOME/thrive-inspector/themes, ./themes and \
        next to the program; NO_COLOR starts in monochrome.
        """)

    @OptionGroup var target: TargetFlags

    @Option(help: ArgumentHelp("Colour theme to start with (t cycles themes inside).", valueName: "NAME"))
    var theme: String?

    @Option(name: .customLong("theme-dir"), help: ArgumentHelp("Look for theme files in this folder first.", valueName: "PATH"))
    var themeDir: String?

    @OptionGroup(title: "Embedded sandbox") var sandbox: SandboxFlags

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("the terminal UI needs an interactive terminal; for scripts use the subcommands (thrive-inspector --help)")
        }
        var settings = try target.resolve()
        let sandboxConfiguration = try sandbox.configuration(port: 0)
        if let theme { settings.theme = theme }
        let environment = ProcessInfo.processInfo.environment
        let themes = ThemeLoader.load(themeDir: themeDir, environment: environment,
                                      executablePath: Self.executablePath(),
                                      currentDirectory: FileManager.default.currentDirectoryPath)
        try await TUIApp.run(settings: settings, themes: themes, catalogue: UserTemplates.catalogue(),
                             sandbox: sandboxConfiguration)
    }

    /// The running binary's real path, so themes installed next to it are found whatever the working folder.
    static func executablePath() -> String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first
    }
}
