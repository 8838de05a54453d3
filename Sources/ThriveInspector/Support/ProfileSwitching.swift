import Foundation
import ThriveConfig
import ThriveCore
import ThriveUI

/// The UI's `p`: the profiles it lists, and reading the chosen one when it is picked.
enum ProfileSwitching {
    /// Shown for the embedded sandbox when no profile of that name exists.
    static let sandboxName = "sandbox"
    /// Shown for what the command line chose (`--live`, `--base-url`), so a person can switch back to it.
    static let startupName = "start-up target"

    /// config.yaml's profiles in order, the built-in sandbox, and the start-up target when it is neither.
    static func choices(_ settings: Settings) -> [ProfileChoice] {
        var out = settings.config.profiles.map { ProfileChoice(name: $0.name, summary: $0.summary) }
        if !out.contains(where: { $0.name == sandboxName }) {
            out.append(ProfileChoice(name: sandboxName, summary: "SANDBOX", builtIn: true))
        }
        if settings.profile == nil, !settings.destination.isSandbox {
            out.append(ProfileChoice(name: startupName, summary: settings.target.badge, builtIn: true))
        }
        return out
    }

    /// Reads a profile when it is chosen: its key source runs then, not at start-up. A new key joins the secrets
    /// the history scrubs before anything is written with it.
    static func resolver(startup: Settings, history: any HistoryStore) -> @Sendable (String) -> Result<Destination, UIError> {
        { name in
            if name == startupName { return .success(startup.destination) }
            let config = startup.config
            if name == sandboxName, !config.profiles.contains(where: { $0.name == name }) {
                return .success(Destination(target: .sandbox(port: nil), auth: startup.auth))
            }
            do throws(ConfigError) {
                let settings = try Settings.resolve(profile: config.profile(named: name), config: config)
                if let key = settings.apiKey?.value { history.addSecret(key) }
                return .success(settings.destination)
            } catch {
                return .failure(UIError(error.message))
            }
        }
    }
}
