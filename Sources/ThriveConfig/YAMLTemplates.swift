import Foundation
import ThriveCore
import Yams

/// User templates written in YAML: converted to JSON values (key order kept) and decoded like the JSON ones.
public enum YAMLTemplates {
    /// Adds every `*.yaml` / `*.yml` file in `directory` to `catalogue`; broken files are reported there.
    public static func add(in directory: URL, to catalogue: inout TemplateCatalogue) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = directory.appendingPathComponent(name).path
            do {
                let text = try YAMLLimits.read(path)
                guard let node = try YAMLLimits.compose(text) else { continue }
                catalogue.addTemplate(document: try json(from: node), path: path)
            } catch let e as YAMLLimits.Exceeded {
                catalogue.report("\(path): \(e.message)")
            } catch {
                catalogue.report("\(path): not valid YAML: \(error)")
            }
        }
    }

    /// Converts a YAML node to JSON, keeping mapping order; plain scalars become numbers/booleans/null when
    /// they look like one. Aliases share their anchor's node, so a small file can stand for billions of
    /// values ("billion laughs"): the walk stops at `YAMLLimits.maxValues` values and `maxDepth` levels.
    public static func json(from node: Node) throws(YAMLLimits.Exceeded) -> JSONValue {
        var budget = YAMLLimits.maxValues
        return try json(from: node, depth: 0, budget: &budget)
    }

    private static func json(from node: Node, depth: Int, budget: inout Int) throws(YAMLLimits.Exceeded) -> JSONValue {
        budget -= 1
        if budget < 0 {
            throw YAMLLimits.Exceeded("expands to more than \(YAMLLimits.maxValues) values (aliases repeating aliases?); not loaded")
        }
        if depth > YAMLLimits.maxDepth { throw YAMLLimits.Exceeded("nests deeper than \(YAMLLimits.maxDepth) levels; not loaded") }
        switch node {
        case .mapping(let m):
            var o = JSONObject()
            for (k, v) in m { o[k.string ?? ""] = try json(from: v, depth: depth + 1, budget: &budget) }
            return .object(o)
        case .sequence(let s):
            var items: [JSONValue] = []
            for item in s { items.append(try json(from: item, depth: depth + 1, budget: &budget)) }
            return .array(items)
        case .scalar(let s):
            if s.style != .plain { return .string(s.string) }
            switch s.string {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            case "null", "~", "": return .null
            default: return JSONNumber(literal: s.string).map { .number($0) } ?? .string(s.string)
            }
        case .alias:
            return .null
        }
    }
}

/// Bounds on every YAML file the program reads (templates, themes, config, keymap): a mistaken path or a
/// hostile file is reported, never allowed to eat memory or time.
public enum YAMLLimits {
    /// Larger files are not read at all.
    public static let maxFileBytes = 1024 * 1024
    /// Values produced from one file, aliases expanded.
    public static let maxValues = 200_000
    public static let maxDepth = 256

    /// A limit was exceeded; the message says which.
    public struct Exceeded: Error, Sendable, Equatable { public let message: String; init(_ m: String) { message = m } }

    /// Reads a UTF-8 file no larger than `maxFileBytes`.
    public static func read(_ path: String) throws -> String {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes[.size] as? Int, size > maxFileBytes {
            throw Exceeded("is \(size / 1024) KB; YAML files over \(maxFileBytes / 1024) KB are not read")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw Exceeded("cannot be read as UTF-8 text")
        }
        return text
    }

    /// Composes `text` without resolving scalar tags. Every reader here interprets scalars from their text and
    /// style itself, and the default resolver matches each scalar against nine regular expressions (compiled with
    /// ICU on first use), which was the largest part of reading the theme files before the first frame.
    /// The constructor and the encoding are given because Yams's defaults are rebuilt at each call: the default
    /// encoding reads the whole process environment (for `YAMS_DEFAULT_ENCODING`) and the default constructor builds
    /// its tables, 530,000 instructions a file, which composing never uses.
    public static func compose(_ text: String) throws -> Node? {
        try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8)
    }

    /// A plain `true`/`yes`/`on` or `false`/`no`/`off`, as YAML 1.1 reads it; nil for anything else, quoted included.
    public static func bool(_ node: Node) -> Bool? {
        guard let scalar = node.scalar, scalar.style == .plain else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }
}
