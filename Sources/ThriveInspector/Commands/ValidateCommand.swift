import ArgumentParser
import Foundation
import ThriveConfig
import ThriveCore

/// `thrive-inspector validate PATH…`: checks event files like the API would.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate event files (a JSON object, a JSON array, or NDJSON).",
        discussion: "Exits 0 when no file has errors (warnings are fine), 1 when any finding is an error or a file cannot be read.")

    @Argument(help: "Files to validate.")
    var paths: [String]

    @Option(help: "Check against this endpoint (track, identify, group) instead of guessing from each event's keys.")
    var endpoint: Endpoint?

    @Flag(help: "Print findings as JSON.")
    var json = false

    func run() throws {
        let validator = Validator(catalogue: UserTemplates.catalogue())
        var anyError = false
        var report: [JSONValue] = []
        for path in paths {
            let body: JSONValue
            do { body = try EventFile.read(path) } catch {
                anyError = true
                if json { report.append(.object(["file": .string(path), "error": .string("\(error)")])) } else { printError("\(error)") }
                continue
            }
            let ep = endpoint ?? EndpointGuess.guess(body: body)
            let findings = validator.validate(body: body, endpoint: ep)
            if findings.contains(where: { $0.severity == .error }) { anyError = true }
            if json {
                report.append(.object(["file": .string(path), "endpoint": .string(ep.rawValue),
                                       "findings": .array(findings.map(FindingPrinter.json))]))
            } else {
                let n = body.arrayValue?.count ?? 1
                print("\(path): \(n) event\(n == 1 ? "" : "s") for \(ep.path), \(FindingPrinter.counts(findings))")
                FindingPrinter.text(findings).forEach { print($0) }
            }
        }
        if json { print(JSONValue.array(report).pretty()) }
        if anyError { throw Exit.badInput }
    }
}

extension Endpoint: ExpressibleByArgument {}
