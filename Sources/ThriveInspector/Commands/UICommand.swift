import ArgumentParser
import Foundation
import NcursesBackend
import ThriveConfig
import ThriveCore
import ThriveNet
import ThriveRuntime
import ThriveSandbox
import ThriveUI

/// The default command: the full-screen terminal UI.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the terminal UI (the default when no subcommand is given).",
        discussion: """
        The UI sends to the embedded sandbox on 127.0.0.1 (SANDBOX in the title bar) unless you choose --live, \
        --base-url, --profile NAME or target: live in config.yaml; an API key alone never selects LIVE, and every \
        send to LIVE asks first. p switches profiles, Ctrl-P lists every action. Press ? inside for keys.
        Themes are YAML files searched in --theme-dir, $XDG_CONFIG_HOME/thrive-inspector/themes, ./themes and \
        next to the program; NO_COLOR starts in monochrome.
        """)

    @OptionGroup var target: TargetFlags

    @Option(help: ArgumentHelp("Colour theme to start with (t cycles themes inside).", valueName: "NAME"))
    var theme: String?

    @Option(name: .customLong("theme-dir"), help: ArgumentHelp("Look for theme files in this folder first.", valueName: "PATH"))
    var themeDir: String?

    @Option(parsing: .unconditional, help: "Seconds one send may take (the wait for the first byte included).")
    var timeout: Double = UIOptions().timeout

    @OptionGroup(title: "Embedded sandbox") var sandbox: SandboxFlags

    @OptionGroup(title: "History") var history: HistoryFlags

    /// Crashes on purpose once the UI is up, so the end-to-end tests can check what a crash leaves behind.
    @Flag(name: .customLong("crash-for-test"), help: .hidden)
    var crashForTest = false

    /// The command line's choices as plain values.
    var options: UIOptions {
        UIOptions(target: target.flags, configPath: target.configPath, theme: theme, themeDir: themeDir, timeout: timeout,
                  faults: sandbox.faults, latency: sandbox.latency, seed: sandbox.seed,
                  historyPath: history.path, historyOff: history.off, crashForTest: crashForTest)
    }

    func run() async throws { try await Self.run(options) }

    /// A launch without arguments: what `thrive-inspector` alone does, without ArgumentParser. Its parse of an
    /// empty command line cost 40 million instructions at every launch, nearly all of them the Swift runtime
    /// searching its 10,000 protocol conformances for the casts its reflection makes (callgrind), about 4 ms
    /// before the first frame and 480 KB of its code. Errors end the process as ArgumentParser's would.
    static func runWithoutArguments(environment: [String: String]) async {
        // The defaults live in two places, UIOptions and the option groups' declarations: debug builds, which the
        // end-to-end tests run, check that they agree.
        assert((try? UICommand.parse([]))?.options == UIOptions(), "UIOptions() differs from an empty command line")
        do { try await run(UIOptions(), environment: environment) } catch { ThriveInspector.exit(withError: error) }
    }

    /// Runs the UI. `environment` is read once and handed down: Foundation rebuilds the whole dictionary at each
    /// `ProcessInfo.environment`, 380,000 instructions a time, and start-up asked for it five times.
    static func run(_ options: UIOptions, environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("the terminal UI needs an interactive terminal; for scripts use the subcommands (thrive-inspector --help)")
        }
        guard options.timeout.isFinite, options.timeout > 0 else {
            throw CLIError("--timeout must be a number of seconds greater than 0 (e.g. 30 or 0.5), not \(options.timeout)")
        }
        // The theme files are read on a thread of their own from here on, beside the config, the templates and the keymap.
        let themeDir = options.themeDir
        let loadedThemes = StartedThread {
            ThemeLoader.load(themeDir: themeDir, environment: environment, executablePath: Self.executablePath(),
                             currentDirectory: FileManager.default.currentDirectoryPath)
        }
        var settings: Settings
        let sandboxConfiguration: SandboxConfiguration
        do {
            settings = try TargetFlags.resolve(options.target, configPath: options.configPath, environment: environment)
            sandboxConfiguration = try SandboxFlags.configuration(port: 0, faults: options.faults, latency: options.latency, seed: options.seed)
        } catch {
            // The error ends the process: not from under the thread still reading the themes.
            _ = await loadedThemes.value
            throw error
        }
        // The theme: --theme, then the one last picked with `t` (unless NO_COLOR asks for none), then config.yaml.
        if let theme = options.theme { settings.theme = theme }
        else if environment["NO_COLOR"].map({ $0.isEmpty }) ?? true, let remembered = RememberedState.load(environment: environment).theme {
            settings.theme = remembered
        }
        // The history file (SQLite, the slowest thing start-up reads) opens once the first frame is drawn; the
        // pane fills in when it is ready.
        // The key is scrubbed from everything the history writes; with history off, sends are kept for this run only.
        let location = HistoryLocation.resolve(path: options.historyPath, off: options.historyOff, config: settings.config,
                                               environment: environment)
        let secrets = settings.apiKey.map { [$0.value] } ?? []
        let pending = PendingHistoryStore {
            let (store, warning) = HistoryOpener.openForWriting(location, secrets: secrets)
            let history = store ?? InMemoryHistoryStore()
            return .init(store: history, journal: history as? any ReplayJournal ?? InMemoryReplayJournal(history: history as? InMemoryHistoryStore),
                         warning: warning)
        }
        let catalogue = UserTemplates.catalogue(directory: TemplateCatalogue.userDirectory(environment: environment))
        // keys.yaml: a rebinding with a problem is reported below and its action keeps the standard keys.
        let (keymap, keymapProblems) = KeymapLoading.load(environment: environment)
        let themes = await loadedThemes.value
        try await Self.runUI(settings: settings, themes: themes, catalogue: catalogue, sandbox: sandboxConfiguration,
                             sender: HTTPSender(configuration: SenderConfiguration(timeout: options.timeout)),
                             // The replay engine owns retries and their pacing, so its sender does not retry.
                             replaySender: HTTPSender(configuration: SenderConfiguration(timeout: options.timeout, retry: .none)),
                             history: pending, crashForTest: options.crashForTest,
                             keymap: keymap, keymapProblems: keymapProblems)
    }

    /// Wires the pure core to the real world: ncurses, the HTTP sender, the embedded sandbox, theme files.
    static func runUI(settings: Settings, themes: ThemeSet, catalogue: TemplateCatalogue, sandbox configuration: SandboxConfiguration,
                      sender: any RequestSending, replaySender: (any RequestSending)? = nil,
                      history: any HistoryStore = InMemoryHistoryStore(), crashForTest: Bool = false, keymap: Keymap = .standard, keymapProblems: [String] = []) async throws {
        let (theme, themeProblem) = themes.initialTheme(preferred: settings.theme)
        let terminal: NcursesTerminal
        do { terminal = try NcursesTerminal(palette: theme.palette) } catch { throw CLIError("\(error)") }
        defer { terminal.shutdown() }
        var state = AppState(size: terminal.size(), catalogue: catalogue, destination: settings.destination,
                             themeName: theme.name, themeNames: themes.themes.map(\.name), history: history,
                             keymap: keymap, now: Date(), ids: .seeded(UInt64.random(in: .min ... .max)))
        let noKey = settings.target != .sandbox(port: nil) && settings.apiKey == nil
            ? ["no API key: requests will be answered 401 (set THRIVESTACK_API_KEY or --api-key-file)"] : []
        let problems = noKey + (themeProblem.map { [$0] } ?? []) + themes.problems + catalogue.loadProblems
            + keymapProblems + settings.notes
        state.startupProblems = problems
        state.showStartupProblems()
        // A history file still opening fills the pane once the first frame is up.
        let pending = history as? PendingHistoryStore
        var historyOpened: (@Sendable () async -> String?)?
        if let pending { historyOpened = { await pending.opened() } }
        state.historyOpening = pending != nil
        state.profiles = ProfileSwitching.choices(settings)
        state.profileName = settings.profile
        let server = SandboxServer(configuration: configuration)
        let faults = configuration.faults.map(\.description) + (configuration.latency.map { ["latency \($0)"] } ?? [])
        let faultNote = faults.isEmpty ? nil : "faults: " + faults.joined(separator: ", ")
        let services = RuntimeServices(
            sender: sender,
            startSandbox: {
                if crashForTest { fatalError("a crash asked for with --crash-for-test") }
                return (try await server.start(), faultNote)
            },
            palette: { themes.named($0)?.palette },
            // The batch view's replays write to the store the history pane reads; the SQLite store is also the
            // journal that makes a replay resumable, and with history off an in-memory journal lasts the run.
            replay: ReplayServices(sender: replaySender ?? sender, history: history,
                                   journal: history as? any ReplayJournal ?? InMemoryReplayJournal(history: history as? InMemoryHistoryStore)),
            resolveProfile: ProfileSwitching.resolver(startup: settings, history: history),
            rememberTheme: { RememberedState(theme: $0).save() },
            historyOpened: historyOpened)
        AppLoop(state: state, backend: terminal, services: services).run()
        await server.stop()
    }

    /// The running binary's real path, so themes installed next to it are found whatever the working folder.
    static func executablePath() -> String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first
    }
}

/// What the UI runs with: the command line's choices as plain values, so that a launch with no arguments can start
/// the UI without parsing (`UICommand.runWithoutArguments`). `UIOptions()` is an empty command line: its defaults
/// must be the ones `UICommand` and its option groups declare, which debug builds assert at every bare launch.
struct UIOptions: Equatable, Sendable {
    var target = Settings.Flags()
    var configPath: String?
    var theme: String?
    var themeDir: String?
    var timeout: Double = 30
    var faults: [String] = []
    var latency: String?
    var seed: UInt64?
    var historyPath: String?
    var historyOff = false
    var crashForTest = false
}
