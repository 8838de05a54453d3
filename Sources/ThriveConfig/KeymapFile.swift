import Foundation
import ThriveCore
import Yams

/// One line of keys.yaml as written: an action name and its key names, unchecked. The UI knows the
/// actions and key names, so it checks them; this module only knows YAML.
public struct KeyOverride: Sendable, Equatable {
    public var action: String
    public var keys: [String]
    /// The action's line in the file, for problems.
    public var line: Int

    public init(action: String, keys: [String], line: Int) {
        self.action = action; self.keys = keys; self.line = line
    }
}

/// `$XDG_CONFIG_HOME/thrive-inspector/keys.yaml`: actions rebound by name.
///
/// ```yaml
/// send: [ctrl-s, f6]
/// quit: ctrl-q
/// ```
///
/// Reading never fails: what cannot be read is a problem in the "PATH: line N: …" shape, and the entries
/// that could be read are still returned.
public struct KeymapFile: Sendable, Equatable {
    public var overrides: [KeyOverride]
    public var problems: [String]

    public init(overrides: [KeyOverride] = [], problems: [String] = []) {
        self.overrides = overrides; self.problems = problems
    }

    /// The keymap file's location.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        ConfigPaths.configDirectory(environment: environment).appendingPathComponent("keys.yaml")
    }

    /// Reads the file at `url`; a missing file is no overrides and no problem. `shownPath` is how messages
    /// name it (e.g. with `~` for the home folder).
    public static func load(from url: URL, shownPath: String? = nil) -> KeymapFile {
        let shown = shownPath ?? url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return KeymapFile() }
        if isDirectory.boolValue { return KeymapFile(problems: ["\(shown) is a folder, not a keymap file"]) }
        do {
            return parse(try YAMLLimits.read(url.path), path: shown)
        } catch let e as YAMLLimits.Exceeded {
            return KeymapFile(problems: ["\(shown) \(e.message)"])
        } catch {
            // Foundation's own wording ("NSCocoaErrorDomain error 256") tells a person nothing.
            let reason = FileManager.default.isReadableFile(atPath: url.path) ? "cannot be read" : "is not readable (permission denied)"
            return KeymapFile(problems: ["\(shown) \(reason)"])
        }
    }

    /// Parses the text of a keymap file; `path` names it in problems.
    public static func parse(_ text: String, path: String = "keys.yaml") -> KeymapFile {
        let root: Node?
        do { root = try YAMLLimits.compose(text) } catch let error as YamlError {
            return KeymapFile(problems: [yamlProblem(error, path: path, text: text)])
        } catch {
            return KeymapFile(problems: ["\(path): not valid YAML: \(error)"])
        }
        guard let root else { return KeymapFile() }
        guard let map = root.mapping else {
            return KeymapFile(problems: ["\(path): line \(root.mark?.line ?? 1): expected action: keys pairs (send: [ctrl-s, f6])"])
        }
        var file = KeymapFile()
        // Aliases can make a small file stand for many values; stop at the same bound as every YAML file.
        var budget = YAMLLimits.maxValues
        for (k, v) in map {
            let line = k.mark?.line ?? v.mark?.line ?? 0
            guard let action = k.scalar?.string else {
                file.problems.append("\(path): line \(line): an action name must be a plain word like send, not a list or map")
                continue
            }
            let items: [Node]
            switch v {
            case .scalar(let s) where !s.string.isEmpty && !(s.style == .plain && ["~", "null"].contains(s.string)): items = [v]
            case .sequence(let seq): items = Array(seq)
            case .mapping:
                file.problems.append("\(path): line \(line): \(action): expected a key name or a list of them, not a map")
                continue
            default:
                file.problems.append("\(path): line \(line): \(action): give a key name or a list of them ([ctrl-s, f6])")
                continue
            }
            budget -= items.count + 1
            if budget < 0 {
                return KeymapFile(problems: ["\(path) expands to more than \(YAMLLimits.maxValues) values (aliases repeating aliases?); not loaded"])
            }
            var keys: [String] = []
            for item in items {
                guard let s = item.scalar?.string, !s.isEmpty else {
                    file.problems.append("\(path): line \(item.mark?.line ?? line): \(action): each key must be a name like ctrl-s, not a list, map or nothing (quote punctuation: \"?\")")
                    keys = []
                    break
                }
                keys.append(s)
            }
            // An entry with a broken item is left out whole, so the action keeps its default keys.
            if !keys.isEmpty || items.isEmpty { file.overrides.append(KeyOverride(action: action, keys: keys, line: line)) }
        }
        return file
    }

    /// "PATH: line N: not valid YAML: PROBLEM" when the parser says where, the whole error otherwise.
    private static func yamlProblem(_ error: YamlError, path: String, text: String) -> String {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            // `help: [?, f1]` is the likely slip: YAML reads some punctuation as syntax unless quoted.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let source = mark.line >= 1 && mark.line <= lines.count ? lines[mark.line - 1] : ""
            let hint = source.contains(where: "?&*!|>%@`".contains) ? " (quote punctuation keys: \"?\")" : ""
            return "\(path): line \(mark.line): not valid YAML: \(problem)\(hint)"
        case let .duplicatedKeysInMapping(duplicates, context):
            return "\(path): line \(context.mark.line): \(duplicates.sorted().joined(separator: ", ")) appears more than once"
        default:
            return "\(path): not valid YAML: \(error)"
        }
    }
}
