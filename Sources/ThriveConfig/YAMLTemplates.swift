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
                let text = try String(contentsOfFile: path, encoding: .utf8)
                guard let node = try Yams.compose(yaml: text) else { continue }
                catalogue.addTemplate(document: json(from: node), path: path)
            } catch {
                catalogue.report("\(path): not valid YAML: \(error)")
            }
        }
    }

    /// Converts a YAML node to JSON, keeping mapping order; plain scalars become numbers/booleans/null when they look like one.
    public static func json(from node: Node) -> JSONValue {
        switch node {
        case .mapping(let m):
            var o = JSONObject()
            for (k, v) in m { o[k.string ?? ""] = json(from: v) }
            return .object(o)
        case .sequence(let s):
            return .array(s.map { json(from: $0) })
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
