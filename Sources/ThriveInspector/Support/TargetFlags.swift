import ArgumentParser
import Foundation
import ThriveConfig
import ThriveCore

/// Flags choosing where requests go and how they authenticate; shared by `send` and the UI.
struct TargetFlags: ParsableArguments {
    @Flag(help: "Use the embedded sandbox on 127.0.0.1 (the default: a key alone never selects live).")
    var sandbox = false

    @Flag(help: "Send to the live API at api.app.thrivestack.ai (needs an API key; nothing goes live without this, target: live or a live profile).")
    var live = false

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Send to another API root, e.g. http://localhost:8080/api.", valueName: "URL"))
    var baseURL: String?

    @Flag(help: "Send the key as 'Authorization: Bearer KEY' instead of 'x-api-key: KEY'.")
    var bearer = false

    @Option(name: .customLong("api-key-file"), help: ArgumentHelp("Read the API key from this file.", valueName: "PATH"))
    var apiKeyFile: String?

    @Option(help: ArgumentHelp("Use a profile from config.yaml's profiles: section (its target, auth and key).", valueName: "NAME"))
    var profile: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("Config file (default: $XDG_CONFIG_HOME/thrive-inspector/config.yaml).", valueName: "PATH"))
    var configPath: String?

    /// The flags as `Settings` takes them.
    var flags: Settings.Flags {
        Settings.Flags(sandbox: sandbox, live: live, baseURL: baseURL, bearer: bearer, apiKeyFile: apiKeyFile, profile: profile)
    }

    /// Settings from these flags, the environment and the config file.
    func resolve() throws -> Settings { try Self.resolve(flags, configPath: configPath) }

    /// Settings from `flags`, the environment and the config file at `configPath` (nil: the default one).
    static func resolve(_ flags: Settings.Flags, configPath: String?,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        let url = configPath.map { URL(fileURLWithPath: $0) } ?? AppConfig.defaultPath(environment: environment)
        do {
            if let configPath, !FileManager.default.fileExists(atPath: configPath) {
                throw ConfigError("config file \(configPath) does not exist")
            }
            let config = try AppConfig.load(from: url)
            return try Settings.resolve(flags, config: config, environment: environment)
        } catch let e as ConfigError {
            throw CLIError(e.message)
        }
    }
}
