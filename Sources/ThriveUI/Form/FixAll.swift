import ThriveCore

/// What makes two findings "the same" for fix-all: the same kind, at the same place inside their events, with
/// the same kind of fix (a rename to the same key). Values may differ (each timestamp gets its own `Z`).
struct FindingShape: Hashable {
    var code: FindingCode
    var inner: [String]
    var renameTo: String?

    init?(_ f: Finding) {
        guard let fix = f.fix, f.path.tokens.first.flatMap({ Int($0) }) != nil else { return nil }
        code = f.code
        inner = Array(f.path.tokens.dropFirst())
        if case .renameKey(_, let to) = fix { renameTo = to }
    }
}

extension ComposerState {
    /// Applies, in every event that has the same finding as `finding`, that event's own fix.
    /// The status says what and how many: "rename `event` → `event_name` in 31 events".
    public mutating func fixEverywhere(like finding: Finding) -> StatusMessage {
        guard let shape = FindingShape(finding), let fix = finding.fix else { return StatusMessage("no automatic fix for this finding") }
        var fixes: [Fix] = []
        for list in eventFindings {
            if let f = list.first(where: { FindingShape($0) == shape }), let fix = f.fix { fixes.append(fix) }
        }
        let n = apply(fixes: fixes)
        guard n > 0 else { return StatusMessage("nothing changed: the fix no longer applies", .warning) }
        return StatusMessage("\(Self.words(fix, sameValue: Set(fixes.map(\.value)).count == 1)) in \(n) event\(n == 1 ? "" : "s")", .success)
    }

    /// A fix in the words of fix-all: "rename `event` → `event_name`", "set `timestamp` to each event's fix".
    static func words(_ fix: Fix, sameValue: Bool) -> String {
        switch fix {
        case .renameKey(let at, let to): return "rename `\(at.last ?? "")` → `\(to)`"
        case .setValue(let at, let value):
            let field = JSONPointer(Array(at.tokens.dropFirst())).dotted
            return sameValue ? "set `\(field)` to \(value.compact())" : "set `\(field)` to its suggested value"
        }
    }
}

extension Fix {
    /// The value a fix sets (nil for renames), to tell "the same value everywhere" from "each its own".
    var value: JSONValue? {
        if case .setValue(_, let v) = self { return v }
        return nil
    }
}
