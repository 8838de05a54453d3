import ArgumentParser
import Foundation
import ThriveCore

/// `thrive-inspector history show ID`: one send in full, found by its id or a unique prefix of it.
struct HistoryShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one send in full: the request and the response (key masked).")

    @Argument(help: ArgumentHelp("The send's id, or its first characters (at least 4) as 'history' prints them.", valueName: "ID"))
    var id: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @OptionGroup(title: "History file") var file: HistoryFileFlags

    func run() throws {
        let store = try file.openStore()
        let entry: HistoryEntry
        do { entry = try Self.find(id, in: store) } catch let e as CLIError { throw e } catch {
            throw CLIError(HistoryOpener.message(error))
        }
        print(json ? HistoryJSON.detail(entry).pretty() : HistoryText().detail(entry))
    }

    /// The entry with this id or id prefix; a prefix that fits none or several is a one-line error.
    static func find(_ id: String, in store: any HistoryStore) throws -> HistoryEntry {
        let prefix = id.trimmingCharacters(in: .whitespaces).lowercased()
        if let uuid = UUID(uuidString: prefix) {
            guard let e = try store.entry(id: uuid) else { throw CLIError("no send in the history has the id \(prefix)") }
            return e
        }
        guard prefix.count >= 4 else {
            throw CLIError("give at least 4 characters of the id (as 'thrive-inspector history' prints them), not \"\(id)\"")
        }
        guard prefix.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw CLIError("\"\(id)\" is not an id: ids are hexadecimal, as 'thrive-inspector history' prints them")
        }
        let shown = 10
        let found = try store.entries(idPrefix: prefix, limit: shown + 1)
        switch found.count {
        case 0: throw CLIError("no send in the history has an id starting with \(prefix)")
        case 1: return found[0]
        default:
            let text = HistoryText()
            let list = found.prefix(shown).map { e in
                "\(e.id.uuidString.lowercased().prefix(max(8, prefix.count + 4))) (\(text.time(e.sentAt)) \(e.eventNames.first ?? e.endpoint.rawValue))"
            }
            let more = found.count > shown ? " and more" : ""
            throw CLIError("\(prefix) is ambiguous: it starts the ids of \(list.joined(separator: ", "))\(more); give more characters")
        }
    }
}
