import TerminalScreen

/// The help overlay's text, generated from the keymap: what the keys do is what help says.
enum HelpContent {
    static let sections: [(title: String, scopes: [KeyScope])] = [
        ("Everywhere", [.typing, .panes, .anywhere]),
        ("Templates", [.pane(.templates)]),
        ("Form", [.pane(.form)]),
        ("History", [.pane(.history)]),
        ("Template filter (/)", [.filter]),
        ("History search (/)", [.search]),
        ("Editing a field", [.field]),
        ("New property (a)", [.prompt]),
        ("Raw JSON (F2)", [.rawEditor]),
        ("In any text", [.textEditing]),
        ("Open a file (o)", [.pathPrompt]),
        ("Batch view (b)", [.batch]),
        ("Request details", [.detail]),
        ("This help", [.help]),
        ("Lists: commands (^P), profiles (p), copy as (c)", [.choices]),
        ("Copy as (c)", [.copyMenu]),
        ("Questions", [.dialog]),
    ]

    static func lines(_ keymap: Keymap) -> [StyledLine] {
        var out: [StyledLine] = []
        for (title, scopes) in sections {
            out.append([StyledRun(title, .primary)])
            // One line per action and text, listing every key bound to it.
            var rows: [(keys: [Key], help: String)] = []
            for b in keymap.bindings where scopes.contains(b.scope) {
                if let i = rows.firstIndex(where: { $0.help == b.help }) { rows[i].keys += b.keys } else { rows.append((b.keys, b.help)) }
            }
            for r in rows { out.append([StyledRun("  " + TextFit.pad(KeyName.label(r.keys), 12) + r.help, .text)]) }
            out.append([])
        }
        out.append([StyledRun("Raw JSON: the text is never lost; errors show as line:column.", .muted)])
        out.append([StyledRun("Any other key closes this help.", .muted)])
        return out
    }
}
