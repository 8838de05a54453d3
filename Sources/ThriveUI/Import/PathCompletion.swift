/// Tab completion for the `o` prompt, as pure functions of the typed text and a directory's entries (which
/// the runtime lists, so `update` does no I/O).
public enum PathCompletion {
    /// The folder part of typed text (through its last `/`, as typed: `~/exports/`, or empty for the working
    /// folder) and the start of the name being completed.
    public static func split(_ text: String) -> (directory: String, prefix: String) {
        guard let slash = text.lastIndex(of: "/") else { return ("", text) }
        return (String(text[...slash]), String(text[text.index(after: slash)...]))
    }

    /// Entries starting with `prefix`, sorted. Hidden entries only when the prefix asks for them, as shells do.
    public static func candidates(_ entries: [String], prefix: String) -> [String] {
        entries.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted()
    }

    /// The longest start shared by all `names` (compared by characters, so a name is never cut mid-grapheme).
    public static func commonPrefix(_ names: [String]) -> String {
        guard var common = names.first.map(Array.init) else { return "" }
        for name in names.dropFirst() {
            let chars = Array(name)
            var k = 0
            while k < common.count, k < chars.count, common[k] == chars[k] { k += 1 }
            common.removeLast(common.count - k)
        }
        return String(common)
    }

    /// What a Tab does with the entries of the typed folder.
    public enum Outcome: Equatable, Sendable {
        /// The text grows to this (one match, or a longer shared start).
        case complete(String)
        /// Nothing more to add; these are the choices.
        case ambiguous([String])
        case noMatch
    }

    public static func complete(_ text: String, entries: [String]) -> Outcome {
        let (directory, prefix) = split(text)
        let matches = candidates(entries, prefix: prefix)
        guard !matches.isEmpty else { return .noMatch }
        let common = commonPrefix(matches)
        if common.count > prefix.count { return .complete(directory + common) }
        return matches.count == 1 ? .complete(directory + matches[0]) : .ambiguous(matches)
    }
}
