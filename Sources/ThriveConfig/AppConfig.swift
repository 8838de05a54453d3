import Foundation
import ThriveCore
import Yams

/// Settings from `$XDG_CONFIG_HOME/thrive-inspector/config.yaml`. Every key is optional.
///
/// ```yaml
/// target: sandbox          # sandbox | live
/// base_url: https://api.app.thrivestack.ai/api
/// auth: x-api-key          # x-api-key | bearer
/// theme: dracula
/// api_key_file: ~/.config/thrive-inspector/key
/// history: off             # off | a path (default: $XDG_STATE_HOME/thrive-inspector/history.sqlite)
/// profiles:                # named targets; `--profile NAME`, or `p` in the UI (see `Profile`)
///   staging: {target: http://127.0.0.1:8787/api, auth: x-api-key, key_env: STAGING_KEY}
/// ```
public struct AppConfig: Sendable, Equatable {
    /// `.sandbox(port: nil)` or `.live`: the file names no port or URL here (that is `base_url`).
    public var target: Target?
    public var baseURL: URL?
    public var auth: AuthStyle?
    public var theme: String?
    public var apiKeyFile: String?
    /// `history:`: nil when the file does not say (the default location is used).
    public var history: HistorySetting?
    /// `profiles:`, in the file's order.
    public var profiles: [Profile] = []
    /// Where the values came from, for messages.
    public var path: String?

    public init(target: Target? = nil, baseURL: URL? = nil, auth: AuthStyle? = nil, theme: String? = nil,
                apiKeyFile: String? = nil, history: HistorySetting? = nil, path: String? = nil) {
        self.target = target; self.baseURL = baseURL; self.auth = auth; self.theme = theme
        self.apiKeyFile = apiKeyFile; self.history = history; self.path = path
    }

    /// The profile called `name`, or an error listing the ones there are.
    public func profile(named name: String) throws(ConfigError) -> Profile {
        if let p = profiles.first(where: { $0.name == name }) { return p }
        let file = path ?? "config.yaml"
        if profiles.isEmpty { throw ConfigError("no profile \"\(name)\": \(file) has no profiles: section") }
        throw ConfigError("no profile \"\(name)\" in \(file) (profiles: \(profiles.map(\.name).joined(separator: ", ")))")
    }

    /// The config file's location.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        ConfigPaths.configDirectory(environment: environment).appendingPathComponent("config.yaml")
    }

    /// Reads the config file; a missing file is an empty config, a broken one an error naming the line.
    public static func load(from url: URL) throws(ConfigError) -> AppConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return AppConfig() }
        if isDirectory.boolValue { throw ConfigError("\(url.path) is a folder, not a config file") }
        let text: String
        do { text = try YAMLLimits.read(url.path) } catch let e as YAMLLimits.Exceeded {
            throw ConfigError("\(url.path) \(e.message)")
        } catch {
            // Foundation's own wording ("NSCocoaErrorDomain error 256") tells a person nothing.
            let reason = FileManager.default.isReadableFile(atPath: url.path) ? "cannot be read" : "is not readable (permission denied)"
            throw ConfigError("\(url.path) \(reason)")
        }
        return try parse(text, path: url.path)
    }

    public static func parse(_ text: String, path: String = "config.yaml") throws(ConfigError) -> AppConfig {
        let node: Node?
        do { node = try YAMLLimits.compose(text) } catch {
            throw ConfigError("\(path): not valid YAML: \(error)")
        }
        guard let node else { return AppConfig(path: path) }
        guard let map = node.mapping else { throw ConfigError("\(path): expected key: value pairs at the top level") }
        var c = AppConfig(path: path)
        for (k, v) in map {
            guard let key = k.string else { continue }
            let value = v.string ?? ""
            let line = v.mark.map { "line \($0.line)" } ?? "?"
            switch key {
            case "target", "default_target":
                switch value {
                case "sandbox": c.target = .sandbox(port: nil)
                case "live": c.target = .live
                default: throw ConfigError("\(path): \(line): target must be sandbox or live, not \"\(value)\"")
                }
            case "base_url":
                guard let u = URL(string: value), let s = u.scheme, ["http", "https"].contains(s), u.host != nil else {
                    throw ConfigError("\(path): \(line): base_url must be an http(s) URL, not \"\(value)\"")
                }
                c.baseURL = u
            case "auth", "auth_style":
                guard let a = AuthStyle(rawValue: value == "api-key" || value == "api_key" ? "x-api-key" : value) else {
                    throw ConfigError("\(path): \(line): auth must be x-api-key or bearer, not \"\(value)\"")
                }
                c.auth = a
            case "theme": c.theme = value
            case "api_key_file": c.apiKeyFile = value
            case "history": c.history = try HistorySetting.parse(v, path: path, line: line)
            case "profiles": c.profiles = try Profile.parseAll(v, path: path)
            case "api_key":
                throw ConfigError("\(path): \(line): keep the key out of config.yaml; use api_key_file or THRIVESTACK_API_KEY")
            default:
                throw ConfigError("\(path): \(line): unknown setting \"\(key)\" (known: target, base_url, auth, theme, api_key_file, history, profiles)")
            }
        }
        return c
    }
}

/// The config file's `history:` value: no history at all, or the SQLite file to keep it in.
public enum HistorySetting: Sendable, Equatable {
    case off
    /// As written in the file; `~/` and a path relative to the config file's folder are resolved by `resolvedPath`.
    case file(String)

    static func parse(_ node: Node, path: String, line: String) throws(ConfigError) -> HistorySetting {
        // Only a plain scalar counts: a list or map would otherwise read as "" and fail with a confusing message.
        guard let scalar = node.scalar else {
            throw ConfigError("\(path): \(line): history must be off or the path of a history file, not a list or map")
        }
        let value = scalar.string.trimmingSpaces()
        if value.lowercased() == "off" { return .off }
        guard !value.isEmpty else {
            throw ConfigError("\(path): \(line): history needs a value: off, or the path of a history file")
        }
        // Unquoted, YAML reads these as booleans or null; refusing them beats creating a history file called "no".
        let ambiguous = ["on", "true", "yes", "y", "false", "no", "n", "null", "~"]
        if scalar.style == .plain, ambiguous.contains(value.lowercased()) {
            throw ConfigError("\(path): \(line): history must be off or the path of a history file, not \"\(value)\"")
        }
        return .file(value)
    }

    /// The file path: `~/` expands to `home`; a relative path is taken from the config file's folder, so the
    /// setting means the same whichever folder the program is started from.
    public func resolvedPath(configPath: String?, home: String) -> String? {
        guard case .file(let raw) = self else { return nil }
        if raw.hasPrefix("~/") { return home + raw.dropFirst(1) }
        if raw.hasPrefix("/") { return raw }
        let base = configPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
            ?? FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: base).appendingPathComponent(raw).standardizedFileURL.path
    }
}

/// A configuration problem, worded for the user.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
