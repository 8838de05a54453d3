import ArgumentParser
import Foundation
import ThriveConfig
import ThriveCore
import ThriveHistory

/// Where the history of sends is kept for this run: nowhere, or an SQLite file.
enum HistoryLocation: Equatable, Sendable {
    case off
    case file(URL)

    /// `history.sqlite` in the state folder (`$XDG_STATE_HOME/thrive-inspector`).
    static func defaultFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        StatePaths.directory(environment: environment).appendingPathComponent("history.sqlite")
    }

    /// `--no-history`, else `--history PATH`, else config.yaml's `history:`, else the default file.
    static func resolve(path: String?, off: Bool, config: AppConfig,
                        environment: [String: String] = ProcessInfo.processInfo.environment) -> HistoryLocation {
        if off { return .off }
        if let path { return .file(URL(fileURLWithPath: path).standardizedFileURL) }
        switch config.history {
        case .off?: return .off
        case let setting?:
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            if let resolved = setting.resolvedPath(configPath: config.path, home: home) { return .file(URL(fileURLWithPath: resolved)) }
            return .file(defaultFile(environment: environment))
        case nil: return .file(defaultFile(environment: environment))
        }
    }
}

/// `--history PATH` and `--no-history`, for the commands that send (`send`, the UI).
struct HistoryFlags: ParsableArguments {
    @Option(name: .customLong("history"),
            help: ArgumentHelp("Keep the history of sends in this SQLite file (default: $XDG_STATE_HOME/thrive-inspector/history.sqlite, or history: in config.yaml).",
                               valueName: "PATH"))
    var path: String?

    @Flag(name: .customLong("no-history"), help: "Record nothing in the history for this run.")
    var off = false

    func validate() throws {
        if off, path != nil { throw ValidationError("use either --history PATH or --no-history, not both") }
    }

    /// Where history goes, from these flags and the config file (`settings.config`).
    func location(config: AppConfig) -> HistoryLocation {
        HistoryLocation.resolve(path: path, off: off, config: config)
    }

    /// Opens the history for writing. It never fails the run: a broken or unreadable file gives no store and
    /// one line to show ("history is off for this run: …"), because losing history must not stop a send.
    /// `secrets` (the API key) are scrubbed from everything written.
    func open(config: AppConfig, secrets: [String]) -> (store: (any HistoryStore)?, warning: String?) {
        HistoryOpener.openForWriting(location(config: config), secrets: secrets)
    }
}

/// `--history PATH` alone, for the `history` commands: they read or prune the history, so turning it off
/// would leave them nothing to do. `--config` because config.yaml's `history:` can move the file.
struct HistoryFileFlags: ParsableArguments {
    @Option(name: .customLong("history"),
            help: ArgumentHelp("The history file (default: $XDG_STATE_HOME/thrive-inspector/history.sqlite, or history: in config.yaml).",
                               valueName: "PATH"))
    var path: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("Config file (default: $XDG_CONFIG_HOME/thrive-inspector/config.yaml).", valueName: "PATH"))
    var configPath: String?

    /// The config file, read like `TargetFlags` reads it; a broken one is a one-line error.
    func config() throws -> AppConfig {
        do {
            if let configPath, !FileManager.default.fileExists(atPath: configPath) {
                throw ConfigError("config file \(configPath) does not exist")
            }
            return try AppConfig.load(from: configPath.map { URL(fileURLWithPath: $0) } ?? AppConfig.defaultPath())
        } catch let e as ConfigError {
            throw CLIError(e.message)
        }
    }

    /// The store to read or prune, or a one-line error (exit 1) when there is none to open.
    /// A history that does not exist yet reads as empty and is not created, except one named with `--history`:
    /// that is more likely a mistyped path than an empty history.
    func openStore(secrets: [String] = []) throws -> any HistoryStore {
        let location = HistoryLocation.resolve(path: path, off: false, config: try config())
        guard case .file(let url) = location else {
            throw CLIError("history is off (history: off in config.yaml); pass --history PATH to read a history file")
        }
        if !FileManager.default.fileExists(atPath: url.path) {
            if let path { throw CLIError("there is no history file at \(path)") }
            return InMemoryHistoryStore()
        }
        do { return try HistoryOpener.open(url, secrets: secrets) } catch {
            throw CLIError(HistoryOpener.message(error))
        }
    }
}

/// Opens the SQLite history (which creates its folder and words its own errors, naming the file); shared by
/// the flags above so the UI and the commands say the same thing.
enum HistoryOpener {
    static func openForWriting(_ location: HistoryLocation, secrets: [String]) -> (store: (any HistoryStore)?, warning: String?) {
        guard case .file(let url) = location else { return (nil, nil) }
        do { return (try open(url, secrets: secrets), nil) } catch {
            return (nil, "history is off for this run: \(message(error))")
        }
    }

    static func open(_ url: URL, secrets: [String]) throws -> any HistoryStore {
        try SQLiteHistoryStore.open(at: url, secrets: secrets)
    }

    /// One line, whatever the store threw (its errors name the file already).
    static func message(_ error: any Error) -> String {
        String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
