import Foundation
import ThriveCore

/// The API key and where it came from. Its description never shows the key.
public struct APIKey: Sendable, Equatable, CustomStringConvertible {
    public var value: String
    /// "THRIVESTACK_API_KEY", "--api-key-file /path", "api_key_file in config.yaml".
    public var source: String
    public init(value: String, source: String) { self.value = value; self.source = source }
    public var description: String { "API key \(SecretMask.mask(value)) from \(source)" }
}

/// Resolved settings: the target, auth style and key, from flags > environment > config file.
public struct Settings: Sendable, Equatable {
    /// What the command line asked for, before defaults from the config file and environment apply.
    public struct Flags: Sendable, Equatable {
        public var sandbox = false
        public var live = false
        public var baseURL: String?
        public var bearer = false
        public var apiKeyFile: String?
        /// `--profile NAME`.
        public var profile: String?
        public init(sandbox: Bool = false, live: Bool = false, baseURL: String? = nil, bearer: Bool = false, apiKeyFile: String? = nil,
                    profile: String? = nil) {
            self.sandbox = sandbox; self.live = live; self.baseURL = baseURL; self.bearer = bearer; self.apiKeyFile = apiKeyFile
            self.profile = profile
        }
    }

    /// The sandbox has no port here: it is started later, by whoever uses the settings.
    public var target: Target
    public var auth: AuthStyle
    public var apiKey: APIKey?
    public var theme: String?
    public var config: AppConfig
    /// The profile chosen with `--profile`, if any; history records it.
    public var profile: String?
    /// Things worth telling the person that are not errors: a key that is set but not used, because a key alone
    /// never selects the live API.
    public var notes: [String] = []

    /// Resolves settings. The live API is used only when chosen: `--live`, `target: live` in config.yaml, or a
    /// profile whose target is live. A key alone never selects it; without a choice the sandbox is used.
    public static func resolve(_ options: Flags, config: AppConfig,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> Settings {
        let flags = [options.sandbox, options.live, options.baseURL != nil].filter { $0 }.count
        if flags > 1 { throw ConfigError("choose one of --sandbox, --live and --base-url") }
        if let name = options.profile {
            if flags > 0 { throw ConfigError("--profile \(name) already chooses the target; leave out --sandbox, --live and --base-url") }
            return try resolve(profile: config.profile(named: name), options: options, config: config, environment: environment)
        }
        let key = try readKey(options: options, config: config, environment: environment)
        var target: Target
        var chosen = true
        if options.sandbox { target = .sandbox(port: nil) }
        else if options.live { target = .live }
        else if let b = options.baseURL {
            guard let u = URL(string: b), let s = u.scheme, ["http", "https"].contains(s), u.host != nil else {
                throw ConfigError("--base-url must be an http(s) URL such as http://localhost:8080/api, not \"\(b)\"")
            }
            target = .custom(u)
        } else if let t = config.target {
            target = t
        } else {
            target = .sandbox(port: nil)
            chosen = false
        }
        if target == .live, let b = config.baseURL, b != Target.liveBaseURL { target = .custom(b) }
        if target == .live && key == nil {
            throw ConfigError("--live needs an API key: set THRIVESTACK_API_KEY or pass --api-key-file PATH")
        }
        let auth: AuthStyle = options.bearer ? .bearer : (config.auth ?? .apiKey)
        var settings = Settings(target: target, auth: auth, apiKey: key, theme: config.theme, config: config)
        if !chosen, let key {
            settings.notes.append("the API key from \(key.source) is not used: sending to the sandbox (choose live with --live, target: live or a profile)")
        }
        return settings
    }

    /// Settings for one profile: its target and auth, and its key source (or, without one, the usual key sources).
    public static func resolve(profile p: Profile, options: Flags = Flags(), config: AppConfig,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> Settings {
        let isSandbox: Bool = { if case .sandbox = p.target { return true }; return false }()
        // The sandbox never gets a key, so a locked password store must not stop a sandbox profile.
        var key: APIKey?
        if isSandbox { key = nil }
        else if options.apiKeyFile == nil, let source = p.key { key = try source.read(profile: p.name, environment: environment) }
        else { key = try readKey(options: options, config: config, environment: environment) }
        if p.target == .live && key == nil {
            throw ConfigError("profile \(p.name) targets LIVE but has no key: add key_env, key_file or key_command (\(config.path ?? "config.yaml"): line \(p.line))")
        }
        let auth: AuthStyle = options.bearer ? .bearer : (p.auth ?? config.auth ?? .apiKey)
        return Settings(target: p.target, auth: auth, apiKey: key, theme: config.theme, config: config, profile: p.name)
    }

    /// Where requests go, with the key: the sandbox never gets the real one (see `Destination`).
    public var destination: Destination {
        if case .sandbox = target { return Destination(target: target, auth: auth, apiKey: nil) }
        return Destination(target: target, auth: auth, apiKey: apiKey?.value)
    }

    static func readKey(options: Flags, config: AppConfig, environment: [String: String]) throws(ConfigError) -> APIKey? {
        if let file = options.apiKeyFile { return try readKeyFile(file, source: "--api-key-file \(file)", environment: environment) }
        if let env = environment["THRIVESTACK_API_KEY"]?.trimmingSpaces(andNewlines: true), !env.isEmpty {
            return APIKey(value: env, source: "THRIVESTACK_API_KEY")
        }
        if let file = config.apiKeyFile { return try readKeyFile(file, source: "api_key_file in config.yaml", environment: environment) }
        return nil
    }

    static func readKeyFile(_ path: String, source: String, environment: [String: String]) throws(ConfigError) -> APIKey {
        let expanded = path.hasPrefix("~/") ? (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst(1) : path
        guard let text = try? String(contentsOfFile: expanded, encoding: .utf8) else {
            throw ConfigError("cannot read the API key file \(path) (from \(source == "--api-key-file \(path)" ? "--api-key-file" : source))")
        }
        let key = text.trimmingSpaces(andNewlines: true)
        guard !key.isEmpty else { throw ConfigError("the API key file \(path) is empty") }
        return APIKey(value: key, source: source)
    }
}
