import TerminalScreen

/// One key binding: keys, the action they mean in a scope, and how help and the footer describe it.
public struct Binding: Sendable, Hashable {
    public var action: Action
    public var keys: [Key]
    public var scope: KeyScope
    public var help: String
    /// The word the footer shows while the scope is active; nil keeps the binding out of the footer.
    public var footer: String?

    public init(_ action: Action, _ keys: [Key], _ scope: KeyScope, _ help: String, footer: String? = nil) {
        self.action = action; self.keys = keys; self.scope = scope; self.help = help; self.footer = footer
    }

    /// Derived from the keys, so help never disagrees with what the keys do.
    public var label: String { KeyName.label(keys) }
}

/// The key map as a value: every binding by scope, checked when built. The update function routes every
/// key through it, and help and the footer are generated from it, so a keymap file can rebind anything.
public struct Keymap: Sendable {
    public private(set) var bindings: [Binding]
    /// Problems found while building: one key bound to two actions in one scope, or a printable key in a
    /// scope that is active while typing (it would steal typed text). The first binding of a key wins.
    public private(set) var conflicts: [String] = []
    private var table: [ScopedKey: Action] = [:]

    private struct ScopedKey: Hashable, Sendable { var scope: KeyScope; var key: Key }

    public init(_ bindings: [Binding]) {
        self.bindings = bindings
        for b in bindings {
            for key in b.keys {
                if b.scope == .anywhere || b.scope == .typing, case .char = key {
                    conflicts.append("\(KeyName.label(key)) cannot be \(b.action.rawValue) in \(b.scope): it would stop the key typing text")
                    continue
                }
                let slot = ScopedKey(scope: b.scope, key: key)
                if let other = table[slot] {
                    if other != b.action {
                        conflicts.append("\(KeyName.label(key)) is bound to both \(other.rawValue) and \(b.action.rawValue) in \(b.scope)")
                    }
                    continue
                }
                table[slot] = b.action
            }
        }
    }

    /// The action `key` means in the first of `scopes` that binds it, or nil.
    public func action(for key: Key, in scopes: [KeyScope]) -> Action? {
        for scope in scopes {
            if let a = table[ScopedKey(scope: scope, key: key)] { return a }
        }
        return nil
    }

    public func bindings(in scope: KeyScope) -> [Binding] { bindings.filter { $0.scope == scope } }

    /// Every key bound to `action` in `scope`, for help lines that list all of an action's keys.
    public func keys(for action: Action, in scope: KeyScope) -> [Key] {
        bindings.filter { $0.scope == scope && $0.action == action }.flatMap(\.keys)
    }

    /// Footer hints: the `primary` scope's bindings first, then those of `others` in the map's order.
    /// A binding whose keys an earlier hint already shows is left out (the earlier one is what they do here).
    public func footer(primary: KeyScope, others: [KeyScope]) -> [(key: String, text: String)] {
        var out: [(String, String)] = []
        var shown = Set<Key>()
        let ordered = bindings.filter { $0.scope == primary } + bindings.filter { others.contains($0.scope) }
        for b in ordered {
            guard let text = b.footer, !b.keys.allSatisfy(shown.contains) else { continue }
            shown.formUnion(b.keys)
            out.append((b.label, text))
        }
        return out
    }
}
