import TerminalScreen

/// One action's new keys as a keymap file gives them (`send: [ctrl-s, f6]` on line 3). Plain strings, so
/// this module needs no YAML: the program reads the file and hands these over.
public struct KeyRebinding: Sendable, Equatable {
    /// The action's snake_case name (`Action.rawValue`), as written; it may name no action.
    public var action: String
    /// Key names as written (`ctrl-s`, `f6`, `G`); `KeyName.parse` reads them.
    public var keys: [String]
    /// The file line, for problems.
    public var line: Int

    public init(action: String, keys: [String], line: Int) {
        self.action = action; self.keys = keys; self.line = line
    }
}

extension Keymap {
    /// The map with each action's keys replaced by the rebinding's, in every scope where the action has
    /// bindings (several bindings of it in one scope become the first one, with the new keys).
    ///
    /// A rebinding with a problem (unknown action or key name, a clash with another action in a scope, a
    /// printable key for an action that works while typing) is skipped and reported as "FILE: line N: …";
    /// that action keeps its keys and the other rebindings still apply. Rebindings are applied together, so
    /// two actions can swap keys; when two rebindings clash, the later line is the one skipped.
    public func applying(_ rebindings: [KeyRebinding], file: String) -> (keymap: Keymap, problems: [String]) {
        var problems: [(line: Int, text: String)] = []
        var accepted: [Rebound] = []
        var firstLine: [Action: Int] = [:]
        for r in rebindings {
            let at = "\(file): line \(r.line)"
            guard let action = Action(rawValue: r.action) else {
                problems.append((r.line, "\(at): unknown action \"\(r.action)\"\(Self.suggestion(for: r.action))"))
                continue
            }
            let keeps = "; \(action.rawValue) keeps \(keyList(action))"
            if let first = firstLine[action] {
                problems.append((r.line, "\(at): \(action.rawValue) is already rebound on line \(first)\(keeps)"))
                continue
            }
            firstLine[action] = r.line
            if let bad = r.keys.first(where: { KeyName.parse($0) == nil }) {
                problems.append((r.line, "\(at): unknown key name \"\(bad)\" for \(action.rawValue) (try ctrl-s, alt-x, f6, enter, esc, "
                                 + "tab, shift-tab, pgup, up, space or one character)\(keeps)"))
                continue
            }
            var keys: [Key] = []
            for key in r.keys.compactMap(KeyName.parse) where !keys.contains(key) { keys.append(key) }
            let scopes = bindings.filter { $0.action == action }.map(\.scope)
            if keys.isEmpty || scopes.isEmpty {
                problems.append((r.line, "\(at): \(action.rawValue) " + (keys.isEmpty ? "needs at least one key" : "has no keys to replace")))
                continue
            }
            // The same rule `Keymap.init` enforces, reported here so it names the line and the rebinding is skipped whole.
            if let typing = scopes.first(where: { $0 == .anywhere || $0 == .typing }), let key = keys.first(where: Self.isPrintable) {
                problems.append((r.line, "\(at): \(KeyName.label(key)) cannot be \(action.rawValue) in \(typing): "
                                 + "it would stop the key typing text\(keeps)"))
                continue
            }
            // In a line editor's own scopes printable keys are left out (as the standard `up` is just ↑ in the
            // filter line), so the action needs at least one key that types nothing.
            if let editor = scopes.first(where: Self.textScopes.contains), keys.allSatisfy(Self.isPrintable) {
                problems.append((r.line, "\(at): \(KeyName.label(keys)) cannot be \(action.rawValue) in \(editor): it would stop the key "
                                 + "typing text; add a key that types nothing (an arrow, alt-k, f6…)\(keeps)"))
                continue
            }
            accepted.append(Rebound(action: action, keys: keys, line: r.line))
        }
        // Reject clashing rebindings one at a time, latest line first, until none clash: a rejected one's
        // default keys come back and may clash with another rebinding, which the next round finds.
        while let (loser, clash) = firstClash(accepted) {
            accepted.removeAll { $0.action == loser.action }
            problems.append((loser.line, "\(file): line \(loser.line): \(clash); \(loser.action.rawValue) keeps \(keyList(loser.action))"))
        }
        let map = replacing(accepted)
        // A safety net: anything `Keymap.init` finds that the checks above missed is still reported.
        for conflict in map.conflicts where !conflicts.contains(conflict) { problems.append((Int.max, "\(file): \(conflict)")) }
        return (map, problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element.text))
    }

    /// How a status message names an action's key: the first one bound to it in `scope` (`^S`), so the words
    /// follow keys.yaml; the action's name when nothing is bound there.
    public func keyLabel(_ action: Action, in scope: KeyScope) -> String {
        keys(for: action, in: scope).first.map(KeyName.label) ?? action.rawValue
    }

    /// An accepted rebinding, parsed.
    private struct Rebound { var action: Action; var keys: [Key]; var line: Int }

    /// This map with `rebound` applied: an action's first binding in each scope takes the new keys, later
    /// ones in that scope are dropped (a footer word they had moves to the first). Editor scopes get only
    /// the keys that type nothing.
    private func replacing(_ rebound: [Rebound]) -> Keymap {
        let newKeys = Dictionary(rebound.map { ($0.action, $0.keys) }, uniquingKeysWith: { first, _ in first })
        var out: [Binding] = []
        var firstIndex: [ActionInScope: Int] = [:]
        for b in bindings {
            guard let keys = newKeys[b.action] else { out.append(b); continue }
            let slot = ActionInScope(action: b.action, scope: b.scope)
            if let i = firstIndex[slot] {
                if out[i].footer == nil { out[i].footer = b.footer }
                continue
            }
            firstIndex[slot] = out.count
            var nb = b
            nb.keys = Self.textScopes.contains(b.scope) ? keys.filter { !Self.isPrintable($0) } : keys
            out.append(nb)
        }
        return Keymap(out)
    }

    private struct ActionInScope: Hashable { var action: Action; var scope: KeyScope }

    /// The latest rebinding whose keys clash with another action's, with the clash in words: the same key in
    /// one scope (what `Keymap.init` reports), or across the lookup chain, where a key would take another
    /// action's key away (`send: enter` would stop Enter picking a template) or never reach its own action.
    private func firstClash(_ rebound: [Rebound]) -> (Rebound, String)? {
        let map = replacing(rebound)
        for r in rebound.sorted(by: { $0.line > $1.line }) {
            for b in map.bindings where b.action == r.action {
                for key in b.keys {
                    let name = "\(KeyName.label(key)) for \(r.action.rawValue)"
                    if let other = map.bindings.first(where: { $0.scope == b.scope && $0.action != r.action && $0.keys.contains(key) }) {
                        return (r, "\(name) clashes with \(other.action.rawValue) in \(b.scope)")
                    }
                    let chains = Self.lookupChains.filter { $0.contains(b.scope) }
                    var hiddenIn: [KeyScope] = []
                    for chain in chains {
                        let was = action(for: key, in: chain), now = map.action(for: key, in: chain)
                        // It takes the key from an action that still has it here (and did before).
                        if now == r.action, let was, was != r.action,
                           let loser = map.bindings.first(where: { $0.action == was && chain.contains($0.scope) && $0.keys.contains(key) }) {
                            return (r, "\(name) would take it from \(was.rawValue) in \(loser.scope)")
                        }
                        // It is answered first by another action, and that is new (not so with the standard keys).
                        if let now, now != r.action, !(keys(for: r.action, in: b.scope).contains(key) && was == now),
                           let winner = map.bindings.first(where: { $0.action == now && chain.contains($0.scope) && $0.keys.contains(key) }) {
                            hiddenIn.append(winner.scope)
                        }
                    }
                    if !chains.isEmpty, hiddenIn.count == chains.count, let first = hiddenIn.first {
                        let owner = map.action(for: key, in: chains[0]).map(\.rawValue) ?? "another action"
                        return (r, "\(name) would never work: \(owner) takes \(KeyName.label(key)) first (in \(first))")
                    }
                }
            }
        }
        return nil
    }

    /// Contexts whose lookup chains are checked (`KeyContext.scopes`). Contexts added later are checked only
    /// once listed here; the same-scope check covers them meanwhile.
    private static let contexts: [KeyContext] = Pane.allCases.map(KeyContext.pane) + [
        .filter, .field, .prompt, .rawEditor, .historySearch, .detailSearch, .help, .detail, .dialog, .pathPrompt, .batch,
        .palette, .choices, .copyMenu,
    ]
    private static let lookupChains: [[KeyScope]] = contexts.map(\.scopes)

    /// Scopes active while a line editor takes text, other than `anywhere`/`typing` (where printable keys are refused).
    private static let textScopes: Set<KeyScope> = Set(contexts.filter(\.takesText).flatMap(\.scopes)).subtracting([.anywhere, .typing])

    /// Every key the action has in this map, for "send keeps ^S/F5".
    private func keyList(_ action: Action) -> String {
        var keys: [Key] = []
        for b in bindings where b.action == action { for k in b.keys where !keys.contains(k) { keys.append(k) } }
        return keys.isEmpty ? "no keys" : KeyName.label(keys)
    }

    private static func isPrintable(_ key: Key) -> Bool {
        if case .char = key { return true }
        return false
    }

    /// " (did you mean send_batch?)": the closest action names by edit distance, or where the list is.
    static func suggestion(for name: String) -> String {
        let wanted = name.lowercased().replacingHyphens()
        let scored = Action.allCases.map { ($0.rawValue, editDistance(wanted, $0.rawValue)) }
        let close = scored.filter { $0.1 <= max(2, wanted.count / 3) || (wanted.count >= 3 && $0.0.contains(wanted)) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
        if close.isEmpty { return " (the README's Keymap file section lists every action)" }
        return " (did you mean \(close.joined(separator: ", "))?)"
    }

    /// Levenshtein distance: small names, so the plain two-row table is plenty.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

private extension String {
    /// `toggle-raw` is a likely slip for `toggle_raw`; suggestions should find it.
    func replacingHyphens() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}
