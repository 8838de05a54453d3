import Foundation
import TerminalScreen
import Yams

/// Reads one theme file:
///
/// ```yaml
/// name: dracula
/// roles:
///   background: "#282a36"
///   json_key: cyan
///   selection: {color: "#44475a", bold: true}
/// ```
///
/// A file with any problem is rejected as a whole, so the user sees the message instead of a half-applied theme.
public enum ThemeParser {
    /// The outcome of parsing one file: a theme, or the problems (already prefixed with `source: line N:`).
    public enum Outcome: Sendable, Hashable {
        case theme(Theme)
        case problems([String])
    }

    static let topLevelKeys = ["name", "description", "roles"]
    static let attributeKeys: [String: TextAttributes] = [
        "bold": .bold, "underline": .underline, "reverse": .reverse, "dim": .dim,
    ]

    /// Parses `yaml`. `source` is how messages name the file; `origin` is stored on the theme;
    /// `defaultName` is used when the file has no `name:`. Missing roles come from `fallback`.
    public static func parse(yaml: String, source: String, origin: String? = nil, defaultName: String,
                             fallback: Palette = Theme.builtInDark.palette) -> Outcome {
        var problems = Problems(source: source)
        let root: Node?
        do {
            root = try YAMLLimits.compose(yaml)
        } catch let error as YamlError {
            problems.add(yamlErrorLine(error), "bad YAML: \(yamlErrorProblem(error))")
            return .problems(problems.messages)
        } catch {
            problems.add(nil, "bad YAML: \(error)")
            return .problems(problems.messages)
        }
        guard let root, let top = root.mapping else {
            problems.add(root?.mark?.line, "a theme file must be a mapping with `name:` and `roles:`")
            return .problems(problems.messages)
        }

        var name = defaultName
        var paints: [Role: RolePaint] = [:]
        for (key, value) in top {
            let k = key.string ?? ""
            switch k {
            case "name":
                if let s = value.scalar?.string.trimmingSpaces(), !s.isEmpty {
                    name = s
                } else {
                    problems.add(value.mark?.line ?? key.mark?.line, "`name` must be a non-empty text")
                }
            case "description":
                break
            case "roles":
                guard let roles = value.mapping else {
                    problems.add(value.mark?.line ?? key.mark?.line, "`roles` must be a mapping of role: colour")
                    continue
                }
                parseRoles(roles, into: &paints, problems: &problems)
            default:
                var message = "unknown key \"\(k)\" (a theme has name, description and roles)"
                if let role = Role(rawValue: k) { message += "; put \(role.rawValue) under roles:" }
                problems.add(key.mark?.line, message)
            }
        }
        guard problems.messages.isEmpty else { return .problems(problems.messages) }

        var missing: [Role] = []
        for role in Role.allCases where paints[role] == nil {
            missing.append(role)
            paints[role] = fallback[role]
        }
        return .theme(Theme(name: name, palette: Palette(name: name, paints: paints), origin: origin, missingRoles: missing))
    }

    private static func parseRoles(_ roles: Node.Mapping, into paints: inout [Role: RolePaint], problems: inout Problems) {
        for (key, value) in roles {
            let k = key.string ?? ""
            guard let role = Role(rawValue: k) else {
                var message = "unknown role \"\(k)\""
                if let guess = Suggestion.closest(to: k, in: Role.allCases.map(\.rawValue)) {
                    message += " (did you mean \(guess)?)"
                }
                problems.add(key.mark?.line, message)
                continue
            }
            if paints[role] != nil {
                problems.add(key.mark?.line, "role \"\(k)\" is set twice")
                continue
            }
            do {
                paints[role] = try paint(value)
            } catch {
                problems.add(value.mark?.line ?? key.mark?.line, "\(k): \(error.message)")
            }
        }
    }

    /// A role value: a bare colour, or `{color: …, bold: true, …}`.
    static func paint(_ node: Node) throws(ThemeValueError) -> RolePaint {
        if let scalar = node.scalar { return RolePaint(try ColorSpec.parse(scalar.string)) }
        guard let mapping = node.mapping else {
            throw ThemeValueError("expected a colour or {color: …, bold: true}, not a list")
        }
        var color = TermColor.terminalDefault
        var attributes: TextAttributes = []
        for (key, value) in mapping {
            let k = key.string ?? ""
            if k == "color" || k == "colour" {
                guard let s = value.scalar?.string else { throw ThemeValueError("color must be a single colour") }
                color = try ColorSpec.parse(s)
            } else if let attribute = attributeKeys[k] {
                guard let on = YAMLLimits.bool(value) else { throw ThemeValueError("\(k) must be true or false") }
                if on { attributes.insert(attribute) }
            } else {
                throw ThemeValueError("unknown setting \"\(k)\" (use color, bold, underline, reverse, dim)")
            }
        }
        return RolePaint(color, attributes)
    }

    private static func yamlErrorLine(_ error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        default: return nil
        }
    }

    private static func yamlErrorProblem(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
            return problem
        case let .reader(problem, _, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}

/// Collects messages in the `file: line N: message` shape the status line shows.
struct Problems {
    let source: String
    private(set) var messages: [String] = []
    init(source: String) { self.source = source }

    mutating func add(_ line: Int?, _ message: String) {
        messages.append(line.map { "\(source): line \($0): \(message)" } ?? "\(source): \(message)")
    }
}
