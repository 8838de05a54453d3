import ArgumentParser
import Foundation
import ThriveCore

/// `thrive-inspector history prune`: deletes old sends, by age, by count, or both.
struct HistoryPruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete sends older than an age and/or beyond the newest N.",
        discussion: """
        Examples:
          thrive-inspector history prune --older-than 30d
          thrive-inspector history prune --keep 1000
        Ages are a number and a unit: s, m, h, d or w (30d, 12h, 2w).
        """)

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Delete sends older than this age (e.g. 30d, 12h, 2w).", valueName: "AGE"))
    var olderThan: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep only the newest N sends.", valueName: "N"))
    var keep: Int?

    @OptionGroup(title: "History file") var file: HistoryFileFlags

    func run() throws {
        guard olderThan != nil || keep != nil else {
            throw CLIError("say what to delete: --older-than AGE (e.g. 30d), --keep N, or both")
        }
        if let keep, keep < 0 { throw CLIError("--keep must be 0 or more, not \(keep)") }
        let cutoff = try olderThan.map { Date().addingTimeInterval(-(try Self.age($0))) }
        let store = try file.openStore()
        let removed: Int
        do { removed = try store.prune(olderThan: cutoff, keepNewest: keep) } catch {
            throw CLIError(HistoryOpener.message(error))
        }
        print("removed \(removed) send\(removed == 1 ? "" : "s") from the history")
    }

    /// Seconds in an age such as `30d`: a whole or decimal number, then s, m, h, d or w.
    static func age(_ text: String) throws -> TimeInterval {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = t.last, let seconds = units[unit], let n = Double(t.dropLast()), n.isFinite, n >= 0,
              t.dropLast().allSatisfy({ $0.isNumber || $0 == "." }) else {
            throw CLIError("--older-than \(text) is not an age; write a number and a unit: 30d, 12h, 45m, 90s or 2w")
        }
        return n * seconds
    }
}
