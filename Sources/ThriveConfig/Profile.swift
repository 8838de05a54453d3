import Foundation
import ThriveCore
import Yams

/// A named place to send to, from the `profiles:` map of config.yaml:
///
/// ```yaml
/// profiles:
///   staging:
///     target: http://127.0.0.1:8787/api   # sandbox | live | a base URL
///     auth: x-api-key                      # x-api-key | bearer
///     key_env: STAGING_KEY                 # or key_file: PATH, or key_command: "pass show thrivestack/staging"
/// ```
public struct Profile: Sendable, Equatable {
    public var name: String
    /// `.sandbox(port: nil)`, `.live`, or `.custom(URL)`.
    public var target: Target
    public var auth: AuthStyle?
    public var key: KeySource?
    /// The line of the profile's name in the config file, for messages.
    public var line: Int

    public init(name: String, target: Target, auth: AuthStyle? = nil, key: KeySource? = nil, line: Int = 0) {
        self.name = name; self.target = target; self.auth = auth; self.key = key; self.line = line
    }

    /// What the profile list and the title show: `staging  CUSTOM 127.0.0.1:8787`.
    public var summary: String { Target.describe(target) }
}

/// Where a profile's key comes from. Read only when the profile is used, so a profile whose password store
/// is locked costs nothing until it is chosen.
public enum KeySource: Sendable, Equatable, CustomStringConvertible {
    /// An environment variable's value.
    case environment(String)
    /// A file's first line (surrounding white space dropped); `~/` is the home folder.
    case file(String)
    /// A shell command whose standard output is the key (`pass show thrivestack/staging`).
    case command(String)

    public var description: String {
        switch self {
        case .environment(let name): return "$\(name)"
        case .file(let path): return "key_file \(path)"
        case .command(let command): return "key_command \"\(command)\""
        }
    }
}

extension Target {
    /// A target as words for lists, without the sandbox's port (it is bound later).
    static func describe(_ target: Target) -> String {
        switch target {
        case .sandbox: return "SANDBOX"
        default: return target.badge
        }
    }
}

extension Profile {
    /// Reads the `profiles:` map. Every problem names the file and line; the order of the file is kept.
    static func parseAll(_ node: Node, path: String) throws(ConfigError) -> [Profile] {
        let line = { (n: Node) in n.mark.map { "line \($0.line)" } ?? "?" }
        guard let map = node.mapping else {
            throw ConfigError("\(path): \(line(node)): profiles must be a map of names to settings, e.g. staging: {target: live}")
        }
        var out: [Profile] = []
        for (k, v) in map {
            guard let name = k.string, !name.isEmpty else { throw ConfigError("\(path): \(line(k)): a profile needs a name") }
            guard name.range(of: "^[A-Za-z0-9_.-]+$", options: .regularExpression) != nil else {
                throw ConfigError("\(path): \(line(k)): profile name \"\(name)\" may use only letters, digits, '.', '_' and '-'")
            }
            out.append(try parse(name, v, path: path, line: k.mark?.line ?? 0))
        }
        return out
    }

    private static func parse(_ name: String, _ node: Node, path: String, line nameLine: Int) throws(ConfigError) -> Profile {
        let at = { (n: Node) in "\(path): line \(n.mark?.line ?? nameLine)" }
        guard let map = node.mapping else {
            throw ConfigError("\(at(node)): profile \(name) needs settings: target, and optionally auth and key_env, key_file or key_command")
        }
        var target: Target?
        var auth: AuthStyle?
        var key: KeySource?
        for (k, v) in map {
            let field = k.string ?? ""
            guard let value = v.scalar?.string.trimmingSpaces(), !value.isEmpty else {
                throw ConfigError("\(at(v)): profile \(name): \(field) needs a value")
            }
            switch field {
            case "target":
                switch value {
                case "sandbox": target = .sandbox(port: nil)
                case "live": target = .live
                default:
                    guard let u = URL(string: value), let s = u.scheme, ["http", "https"].contains(s), u.host != nil else {
                        throw ConfigError("\(at(v)): profile \(name): target must be sandbox, live or an http(s) base URL, not \"\(value)\"")
                    }
                    target = u == Target.liveBaseURL ? .live : .custom(u)
                }
            case "auth":
                guard let a = AuthStyle(rawValue: value) else {
                    throw ConfigError("\(at(v)): profile \(name): auth must be x-api-key or bearer, not \"\(value)\"")
                }
                auth = a
            case "key_env", "key_file", "key_command":
                if key != nil { throw ConfigError("\(at(k)): profile \(name): use one of key_env, key_file and key_command, not several") }
                key = field == "key_env" ? .environment(value) : field == "key_file" ? .file(value) : .command(value)
            case "key", "api_key":
                throw ConfigError("\(at(k)): profile \(name): keep the key out of config.yaml; use key_env, key_file or key_command")
            default:
                throw ConfigError("\(at(k)): profile \(name): unknown setting \"\(field)\" (known: target, auth, key_env, key_file, key_command)")
            }
        }
        guard let target else { throw ConfigError("\(path): line \(nameLine): profile \(name) needs a target: sandbox, live or a base URL") }
        return Profile(name: name, target: target, auth: auth, key: key, line: nameLine)
    }
}
