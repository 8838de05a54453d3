import Foundation
import ThriveCore

/// Findings as aligned text lines or as JSON for machines.
enum FindingPrinter {
    static func text(_ findings: [Finding]) -> [String] {
        let w = min(40, findings.map { $0.path.description.count }.max() ?? 0)
        return findings.map { f in
            let sev = f.severity == .error ? "error  " : "warning"
            let fix = f.fix.map { " (fix: \($0.summary))" } ?? ""
            return "  \(sev) \(f.path.description.padding(toLength: max(w, f.path.description.count), withPad: " ", startingAt: 0))  \(f.message)\(fix)"
        }
    }

    static func json(_ f: Finding) -> JSONValue {
        var o: JSONObject = ["severity": .string(f.severity.rawValue), "code": .string(f.code.rawValue),
                             "path": .string(f.path.description), "message": .string(f.message)]
        if let fix = f.fix { o["fix"] = .string(fix.summary) }
        return .object(o)
    }

    static func counts(_ findings: [Finding]) -> String {
        let e = findings.filter { $0.severity == .error }.count, w = findings.count - e
        return "\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")"
    }
}
