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
        public init(sandbox: Bool = false, live: Bool = false, baseURL: String? = nil, bearer: Bool = false, apiKeyFile: String? = nil) {
            self.sandbox = sandbox; self.live = live; self.baseURL = baseURL; self.bearer = bearer; self.apiKeyFile = apiKeyFile
        }
    }

    /// The sandbox has no port here: it is started later, by whoever uses the settings.
    public var target: Target
    public var auth: AuthStyle
    public var apiKey: APIKey?
    public var theme: String?
    public var config: AppConfig

    /// Resolves settings. Without a key and without `--live`/`--base-url`, the sandbox is used.
    public static func resolve(_ options: Flags, config: AppConfig,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> Settings {
        let flags = [options.sandbox, options.live, options.baseURL != nil].filter { $0 }.count
        if flags > 1 { throw ConfigError("choose one of --sandbox, --live and --base-url") }
        let key = try readKey(options: options, config: config, environment: environment)
        var target: Target
        if options.sandbox { target = .sandbox(port: nil) }
        else if options.live { target = .live }
        else if let b = options.baseURL {
            guard let u = URL(string: b), let s = u.scheme, ["http", "https"].contains(s), u.host != nil else {
                throw ConfigError("--base-url must be an http(s) URL such as http://localhost:8080/api, not \"\(b)\"")
            }
            target = .custom(u)
        } else if let t = config.target {
            target = t == .live ? (config.baseURL.map { .custom($0) } ?? .live) : .sandbox(port: nil)
        } else if key != nil {
            target = config.baseURL.map { .custom($0) } ?? .live
        } else {
            target = .sandbox(port: nil)
        }
        if target == .live, let b = config.baseURL, b != Target.liveBaseURL { target = .custom(b) }
        if target == .live && key == nil {
            throw ConfigError("--live needs an API key: set THRIVESTACK_API_KEY or pass --api-key-file PATH")
        }
        let auth: AuthStyle = options.bearer ? .bearer : (config.auth ?? .apiKey)
        return Settings(target: target, auth: auth, apiKey: key, theme: config.theme, config: config)
    }

    /// Where requests go, with the key: the sandbox never gets the real one (see `Destination`).
    public var destination: Destination {
        if case .sandbox = target { return Destination(target: target, auth: auth, apiKey: nil) }
        return Destination(target: target, auth: auth, apiKey: apiKey?.value)
    }

    static func readKey(options: Flags, config: AppConfig, environment: [String: String]) throws(ConfigError) -> APIKey? {
        if let file = options.apiKeyFile { return try readKeyFile(file, source: "--api-key-file \(file)", environment: environment) }
        if let env = environment["THRIVESTACK_API_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines), !env.isEmpty {
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
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw ConfigError("the API key file \(path) is empty") }
        return APIKey(value: key, source: source)
    }
}
