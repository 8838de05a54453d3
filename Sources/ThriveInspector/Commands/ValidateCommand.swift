import ArgumentParser
import Foundation
import ThriveConfig
import ThriveCore

/// `thrive-inspector validate PATH…`: checks event files like the API would.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate event files (a JSON object or array, NDJSON, a HAR export, or a file of curl commands).",
        discussion: """
        Findings and unreadable lines are named by where they are (export.ndjson:13). A bad line is set aside and \
        the rest is still validated. Exits 0 when no file has errors (warnings are fine), 1 when any finding is an \
        error, a part of a file cannot be read, or a file cannot be read at all.
        """)

    @Argument(help: "Files to validate.")
    var paths: [String]

    @Option(help: "Check against this endpoint (track, identify, group) instead of guessing from each event's keys.")
    var endpoint: Endpoint?

    @Option(name: .customLong("max-findings"), help: ArgumentHelp("Print at most N finding lines, then a count per kind.", valueName: "N"))
    var maxFindings = 50

    @Flag(help: "Print findings as JSON (every finding; --max-findings does not apply).")
    var json = false

    func validate() throws {
        guard maxFindings >= 0 else { throw ValidationError("--max-findings must be 0 or more, not \(maxFindings)") }
    }

    func run() throws {
        let validator = Validator(catalogue: UserTemplates.catalogue())
        var anyError = false
        var report: [JSONValue] = []
        var summary = Summary(limit: maxFindings)
        var nextNumber = 1
        for path in paths {
            let set: ImportedSet
            do { set = try EventImport.read(path: path, firstNumber: nextNumber) } catch {
                anyError = true
                if json { report.append(.object(["file": .string(path), "error": .string(error.message)])) } else { printError(error.message) }
                continue
            }
            nextNumber += set.events.count
            let findings = check(set, path: path, validator: validator)
            let sources = set.events.map(\.position)
            if !set.problems.isEmpty || findings.contains(where: { $0.severity == .error }) { anyError = true }
            let endpoints = uniqueEndpoints(set)
            if json {
                report.append(jsonReport(path: path, set: set, findings: findings, sources: sources, endpoints: endpoints))
                continue
            }
            print(header(path: path, set: set, findings: findings, endpoints: endpoints))
            let format = set.formats.first
            let items = FindingPrinter.sorted(FindingPrinter.locate(set.problems, format: format) + FindingPrinter.locate(findings, sources: sources))
            summary.add(items)
        }
        if json { print(JSONValue.array(report).pretty()) } else { summary.finish() }
        if anyError { throw Exit.badInput }
    }

    /// Each event against its own endpoint (a HAR or curl file can mix them), paths `/K/…` with K the event's
    /// index in this file. Batch limits are left out: a file is not one request (`replay` splits it).
    private func check(_ set: ImportedSet, path: String, validator: Validator) -> [Finding] {
        if set.events.isEmpty {
            guard set.problems.isEmpty else { return [] }
            return [Finding(.error, .emptyBatch, at: JSONPointer(), "the file holds no events")]
        }
        var findings: [Finding] = []
        let now = Date()
        for (k, event) in set.events.enumerated() {
            findings += validator.validate(event: event.event, endpoint: endpoint ?? event.endpoint, at: JSONPointer([String(k)]), now: now)
        }
        return findings
    }

    private func uniqueEndpoints(_ set: ImportedSet) -> [Endpoint] {
        if let endpoint { return [endpoint] }
        var seen: [Endpoint] = []
        for e in set.events where !seen.contains(e.endpoint) {
            seen.append(e.endpoint)
            if seen.count == Endpoint.allCases.count { break }
        }
        return seen
    }

    /// `export.ndjson: 48 events for /track, 2 errors, 0 warnings, 1 unreadable line set aside`
    private func header(path: String, set: ImportedSet, findings: [Finding], endpoints: [Endpoint]) -> String {
        let n = set.events.count
        var text = "\(path): \(FindingPrinter.grouped(n)) event\(n == 1 ? "" : "s")"
        if !endpoints.isEmpty { text += " for " + endpoints.map(\.path).joined(separator: " and ") }
        text += ", \(FindingPrinter.counts(findings))"
        if !set.problems.isEmpty {
            text += ", \(FindingPrinter.unreadable(set.problems.count, set.formats.first)) set aside"
        }
        if set.skipped > 0 { text += " (\(FindingPrinter.grouped(set.skipped)) other request\(set.skipped == 1 ? "" : "s") skipped)" }
        return text
    }

    private func jsonReport(path: String, set: ImportedSet, findings: [Finding], sources: [SourcePosition], endpoints: [Endpoint]) -> JSONValue {
        let objects = findings.map { f in
            FindingPrinter.json(f, source: f.path.tokens.first.flatMap(Int.init).flatMap { $0 < sources.count ? sources[$0] : nil })
        }
        let problems = set.problems.map { JSONValue.object(["source": .string($0.position.description), "message": .string($0.message)]) }
        return .object([
            "file": .string(path), "format": .string(set.formats.first?.rawValue ?? "json"),
            "endpoint": .string((endpoints.first ?? .track).rawValue), "events": .int(set.events.count),
            "findings": .array(objects), "problems": .array(problems), "skipped": .int(set.skipped),
        ])
    }
}

/// Prints finding lines up to a limit across all files, then `… and N more` and a count per kind, so a 50 MB
/// export reads as a summary rather than 200,000 lines.
private struct Summary {
    let limit: Int
    var printed = 0
    var hidden = 0
    var kinds: [String: Int] = [:]
    var order: [String] = []

    init(limit: Int) { self.limit = limit }

    mutating func add(_ items: [FindingPrinter.Located]) {
        let room = max(0, limit - printed)
        FindingPrinter.text(Array(items.prefix(room))).forEach { print($0) }
        printed += min(room, items.count)
        hidden += max(0, items.count - room)
        for item in items {
            if kinds[item.kind] == nil { order.append(item.kind) }
            kinds[item.kind, default: 0] += 1
        }
    }

    func finish() {
        guard hidden > 0 else { return }
        print("… and \(FindingPrinter.grouped(hidden)) more")
        print("Findings by kind:")
        FindingPrinter.kindCounts(kinds, order: order).forEach { print($0) }
    }
}

extension Endpoint: ExpressibleByArgument {}
