import ArgumentParser
import Foundation
import ThriveCore

/// `thrive-inspector history`: lists, shows, exports and prunes the sends recorded by `send` and the UI.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List, show, export and prune the history of sends.",
        discussion: """
        Examples:
          thrive-inspector history status:4xx since:1h
          thrive-inspector history --json --limit 0 event:signed_up
          thrive-inspector history show 3f2a
          thrive-inspector history export --format har -o sends.har target:live
          thrive-inspector history prune --older-than 30d
        A QUERY combines (with AND) free text and filters: status:4xx, status:429, event:NAME, user:ID, group:ID, \
        target:live|sandbox|custom|HOST, failed, since:1h, before:2026-11-01; "quoted words" are one phrase. \
        To search for a word that names a subcommand (show, export, prune), say 'history list show'.
        The history file is $XDG_STATE_HOME/thrive-inspector/history.sqlite unless history: in config.yaml or \
        --history PATH says otherwise.
        """,
        subcommands: [HistoryListCommand.self, HistoryShowCommand.self, HistoryExportCommand.self, HistoryPruneCommand.self],
        defaultSubcommand: HistoryListCommand.self
    )

    /// The query from its words. A word the shell kept together despite blanks was quoted by the user, so it
    /// stays one phrase rather than splitting into separate words.
    static func query(_ words: [String], now: Date = Date()) throws -> HistoryQuery {
        let text = words.map { w in
            w.contains(where: \.isWhitespace) && !w.contains("\"") ? "\"\(w)\"" : w
        }.joined(separator: " ")
        switch HistoryQuery.parse(text, now: now) {
        case .success(let q): return q
        case .failure(let e): throw CLIError(e.message)
        }
    }
}

/// `thrive-inspector history [QUERY...]`: one line per send, newest first.
struct HistoryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List sends, newest first (the default 'history' command).")

    @Argument(help: ArgumentHelp("Search terms and filters (see 'history --help').", valueName: "QUERY"))
    var query: [String] = []

    @Option(parsing: .unconditional, help: "Show at most this many sends; 0 shows them all.")
    var limit = 50

    @Flag(help: "Print one JSON array of objects instead of text.")
    var json = false

    @OptionGroup(title: "History file") var file: HistoryFileFlags

    func run() throws {
        guard limit >= 0 else { throw CLIError("--limit must be 0 (no limit) or more, not \(limit)") }
        let q = try HistoryCommand.query(query)
        let store = try file.openStore()
        let cap = limit == 0 ? nil : limit
        var count = 0
        do {
            if json {
                // `outcome` is one of answered, failed, cancelled, interrupted (the contract): a send still in
                // flight in a live program has none yet, so it is left out and counted on stderr.
                var inFlight = 0
                try store.forEach(matching: q, limit: cap) { entry in
                    guard entry.outcome != .inFlight else { inFlight += 1; return }
                    print(count == 0 ? "[" : ",", terminator: "\n  ")
                    print(JSONValue.object(HistoryJSON.summary(entry)).compact(), terminator: "")
                    count += 1
                }
                print(count == 0 ? "[]" : "\n]")
                if inFlight > 0 { printError("\(inFlight) send\(inFlight == 1 ? " is" : "s are") still in flight and not listed") }
            } else {
                let text = HistoryText()
                try store.forEach(matching: q, limit: cap) { entry in
                    print(text.row(entry))
                    count += 1
                }
                if count == 0 { printError(q.isEmpty ? "the history is empty" : "no sends match") }
            }
        } catch let e as CLIError { throw e } catch {
            throw CLIError(HistoryOpener.message(error))
        }
    }
}
