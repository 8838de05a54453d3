import Dispatch
import Foundation
import Synchronization
import ThriveCore
import ThriveReplay

/// The `--report` file and the closing lines of `replay`.
enum ReplayReport {
    /// Fails before anything is sent when the report could not be written at the end (a missing folder).
    static func checkWritable(_ path: String?) throws {
        guard let path else { return }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("--report \(path): the folder \(folder) does not exist")
        }
    }

    /// One line per event and per unreadable part, in input order (file, then line), written atomically so a
    /// reader never sees half a report.
    static func write(to path: String?, events: [ReplayEventResult], problems: [ImportProblem], paths: [String]) throws {
        guard let path else { return }
        let results = events.map(contractual) + problems.map {
            ReplayEventResult(number: 0, position: $0.position, status: .invalid, reason: "cannot be read: \($0.message)")
        }
        func key(_ p: SourcePosition) -> (Int, Int) { (paths.firstIndex(of: p.file) ?? paths.count, p.line ?? p.entry ?? 0) }
        let ordered = results.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element.position), key(b.element.position))
            return ka != kb ? ka < kb : a.offset < b.offset
        }
        var text = ""
        text.reserveCapacity(ordered.count * 96)
        for item in ordered { text += item.element.reportLine() + "\n" }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CLIError("cannot write the report \(path): \(error.localizedDescription)")
        }
    }

    /// The contract's statuses are closed: an event that was never sent (a cancel, or every attempt failed before
    /// it left) is `unknown`, with a reason saying so and that `--resume` sends it.
    static func contractual(_ r: ReplayEventResult) -> ReplayEventResult {
        guard r.status == .notSent else { return r }
        var out = r
        out.status = .unknown
        let why = r.reason.isEmpty ? "not sent" : r.reason.hasPrefix("not sent") ? r.reason : "not sent (\(r.reason))"
        out.reason = why + "; run again with --resume to send it"
        return out
    }

    /// The summary line, then up to ten events of each kind that needs attention.
    static func summarize(_ result: ReplayResult, problems: Int, target: String, seconds: Double) -> [String] {
        // Events a cancel left unsent are counted once, as not sent, rather than listed one by one.
        let events = result.events.filter { $0.status != .notSent }
        let p = result.progress
        let g = ReplayProgressPrinter.grouped
        let notSent = result.events.filter { $0.status == .notSent }.count
        var line = result.cancelled ? "replay to \(target) stopped" : "replay to \(target) done"
        line += String(format: " in %.1f s: ", seconds) + "\(g(p.accepted)) accepted, \(g(p.rejected)) rejected, "
            + "\(g(p.skipped)) skipped as duplicates, \(g(p.invalid + problems)) invalid, \(g(p.unknown)) unknown"
        if notSent > 0 { line += ", \(g(notSent)) not sent — run again with --resume to send what is left" }
        var lines = [line]
        for status in [ReplayEventStatus.rejected, .unknown, .invalid] {
            let some = events.filter { $0.status == status }
            for r in some.prefix(10) { lines.append("  \(r.position): \(status.rawValue): \(r.reason)") }
            if some.count > 10 { lines.append("  … and \(g(some.count - 10)) more \(status.rawValue) (see --report)") }
        }
        return lines
    }
}

/// `--dry-run`: what a replay would do, from the same plan, validator and duplicate check, without sending.
enum ReplayDryRun {
    static func plan(_ set: ImportedSet, options: ReplayOptions, target: String, journal: any ReplayJournal,
                     validator: Validator) throws -> String {
        let g = ReplayProgressPrinter.grouped
        var invalid = [Int: String]()
        let now = Date()
        for e in set.events where validator.validate(event: e.event, endpoint: e.endpoint, at: JSONPointer(), now: now)
            .contains(where: { $0.severity == .error }) { invalid[e.number] = "invalid" }
        let candidates = set.events.filter { invalid[$0.number] == nil }
        let tooBig = ReplayPlan.make(candidates, batchSize: options.batchSize).invalid
        let valid = candidates.filter { tooBig[$0.number] == nil }
        let fingerprints = valid.map(\.fingerprint)
        let accepted = options.allowDuplicates ? [:] : try journal.acceptedFingerprints(target: target, among: fingerprints)
        var seen = Set<String>()
        var toSend: [ImportedEvent] = [], already = 0, repeated = 0
        for (e, fp) in zip(valid, fingerprints) {
            if !options.allowDuplicates {
                if accepted[fp] != nil { already += 1; continue }
                if !seen.insert(fp).inserted { repeated += 1; continue }
            }
            toSend.append(e)
        }
        let requests = ReplayPlan.make(toSend, batchSize: options.batchSize).requests
        let unreadable = FindingPrinter.unreadable(set.problems.count, set.formats.first)
        var lines = ["dry run: nothing was sent to \(target)"]
        lines.append("\(g(set.events.count)) events read" + (set.problems.isEmpty ? "" : ", \(unreadable) set aside"))
        lines.append("invalid (not sent): \(g(invalid.count + tooBig.count)) events" + (set.problems.isEmpty ? "" : " and \(unreadable)"))
        lines.append("duplicates that would be skipped: \(g(already)) already accepted by \(target), \(g(repeated)) repeated in the input")
        lines.append("would send \(g(toSend.count)) events in \(g(requests.count)) request\(requests.count == 1 ? "" : "s") (batches of up to \(g(options.batchSize)))")
        for endpoint in Endpoint.allCases {
            let mine = requests.filter { $0.endpoint == endpoint }
            guard !mine.isEmpty else { continue }
            let count = mine.reduce(0) { $0 + $1.eventNumbers.count }
            lines.append("  /api\(endpoint.path): \(g(count)) events in \(g(mine.count)) request\(mine.count == 1 ? "" : "s")")
        }
        if let job = try? ReplayEngine.resumableJob(for: set, target: target, journal: journal) {
            lines.append("an unfinished replay of these events exists: \(job.resumeSummary) (--resume continues it)")
        }
        return lines.joined(separator: "\n")
    }
}

/// Ctrl-C during a replay: the first asks the engine to stop (requests in flight finish, the rest stays resumable,
/// the report is still written); a second exits at once, which is also safe because the journal is on disk.
final class ReplayInterrupt: Sendable {
    private let engine: ReplayEngine
    private let printer: ReplayProgressPrinter
    private let state = Mutex<(count: Int, source: SignalSourceBox?)>((0, nil))

    init(engine: ReplayEngine, printer: ReplayProgressPrinter) { self.engine = engine; self.printer = printer }

    func install() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [self] in interrupted() }
        source.resume()
        state.withLock { $0.source = SignalSourceBox(source: source) }
    }

    func uninstall() {
        state.withLock { $0.source?.source.cancel(); $0.source = nil }
        signal(SIGINT, SIG_DFL)
    }

    private func interrupted() {
        let count = state.withLock { $0.count += 1; return $0.count }
        if count > 1 {
            printer.notice("stopped at once; run again with --resume to send what is left")
            exit(130)
        }
        printer.notice("stopping: requests in flight finish, the rest stays for --resume (Ctrl-C again to quit at once)")
        let engine = self.engine
        Task { await engine.cancel() }
    }
}

/// Holds the SIGINT source so it stays alive while installed.
///
/// `@unchecked Sendable` is safe: dispatch sources are thread-safe, and the box is only read under the mutex above.
struct SignalSourceBox: @unchecked Sendable {
    let source: any DispatchSourceSignal
}
