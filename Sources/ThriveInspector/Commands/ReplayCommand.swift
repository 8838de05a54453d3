import ArgumentParser
import Foundation
import ThriveConfig
import ThriveCore
import ThriveHistory
import ThriveNet
import ThriveReplay
import ThriveSandbox

/// `thrive-inspector replay FILE…`: sends imported events to a target exactly once, in batches, with progress,
/// a resumable journal in the history file and an NDJSON report.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay events from files to the API exactly once, in batches, with progress and a report.",
        discussion: """
        Reads JSON, NDJSON, HAR and curl files (see 'validate'), splits the events into requests within the API's \
        limits (at most 1,000 events and 2 MB each) and sends them at the given pace. Events the same target already \
        accepted (2xx) according to the history, and repeats within the input, are skipped as duplicates unless \
        --allow-duplicates. 429 (Retry-After honoured), 5xx and dropped connections are retried with backoff.

        The job and each request's state are kept in the history file, so a run that was interrupted or killed can \
        be continued with --resume, which sends only what is left. Replay needs the history: with --no-history or \
        history: off it refuses to run, because it could not tell what was already sent. Duplicates and jobs are \
        kept per target; the embedded sandbox is a new, empty target on every run.

        Events with validation errors are not sent and are reported as invalid; so are lines or HAR entries that \
        cannot be read (a bad NDJSON line): they are listed with their FILE:LINE and do not stop the replay, and do \
        not change the exit status on their own.

        --report FILE writes one NDJSON line per event (and per unreadable line), in input order, with exactly the \
        keys source ("FILE:LINE"), status (accepted, rejected, skipped_duplicate, invalid or unknown), http_status \
        (a number or null) and reason. An event a cancelled run did not send is unknown, with a reason saying that \
        --resume sends it.

        Ctrl-C stops sending: requests in flight finish, the report is still written, and the job can be resumed. \
        A second Ctrl-C exits at once (the job stays resumable).

        Examples:
          thrive-inspector replay export.ndjson --base-url http://localhost:8787/api --report report.ndjson
          thrive-inspector replay export.ndjson --live --rate 500/s --dry-run
          thrive-inspector replay export.ndjson --live --resume --unknown skip

        Exits 0 when every valid event was accepted or skipped as a duplicate (also for --dry-run), 2 when some were \
        rejected, 3 when some have an unknown outcome or were left unsent by Ctrl-C, 1 for bad input (a file that \
        cannot be read at all, no events, bad option values, history off).
        """)

    @Argument(help: ArgumentHelp("Event files: JSON object or array, NDJSON, HAR, or curl commands.", valueName: "FILE"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Events per second over the whole run: 500/s or 500 (default: no limit).", valueName: "N/s"))
    var rate: String?

    @Option(help: ArgumentHelp("Requests in flight at once.", valueName: "N"))
    var concurrency: Int = 4

    @Option(name: .customLong("batch-size"), help: ArgumentHelp("Events per request, 1 to 1,000.", valueName: "N"))
    var batchSize: Int = 1_000

    @Flag(help: "Continue the unfinished replay of the same events to the same target: send only what is left.")
    var resume = false

    @Flag(name: .customLong("allow-duplicates"), help: "Send events the target already accepted, and repeats within the input.")
    var allowDuplicates = false

    @Option(help: ArgumentHelp("""
        A request whose outcome is unknown (the connection dropped after it was written, or a killed run): \
        retry sends it again (it may arrive twice), skip leaves it unsent and reports its events as unknown.
        """, valueName: "retry|skip"))
    var unknown: String = "retry"

    @Flag(name: .customLong("dry-run"), help: "Print the plan (requests, events per endpoint, duplicates, invalid events); send nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Write one NDJSON line per event to this file (not with --dry-run).", valueName: "FILE"))
    var report: String?

    @Option(parsing: .unconditional, help: "Retries per request after a 429, a 5xx or a failed connection, with backoff.")
    var retries: Int = 5

    // `.unconditional` so `--timeout -1` reaches the range check instead of being taken for a flag.
    @Option(parsing: .unconditional, help: "Seconds one request may take.")
    var timeout: Double = 30

    @OptionGroup var target: TargetFlags

    @OptionGroup(title: "History") var history: HistoryFlags

    func run() async throws {
        let options = try replayOptions()
        let settings = try target.resolve()
        if !dryRun { try ReplayReport.checkWritable(report) }
        let set: ImportedSet
        do { set = try EventImport.read(paths: paths) } catch { throw CLIError(error.message) }
        guard case .file(let historyURL) = history.location(config: settings.config) else {
            throw CLIError("replay needs the history to send each event only once, and history is off (--no-history or history: off); pass --history PATH")
        }
        let secrets = settings.apiKey.map { [$0.value] } ?? []
        let store: SQLiteHistoryStore
        do { store = try SQLiteHistoryStore.open(at: historyURL, secrets: secrets) } catch {
            throw CLIError("replay needs the history, which cannot be opened: \(HistoryOpener.message(error))")
        }
        if !set.problems.isEmpty {
            printError("\(FindingPrinter.unreadable(set.problems.count, set.formats.first)) set aside (reported as invalid):")
            FindingPrinter.text(FindingPrinter.locate(set.problems, format: set.formats.first)).prefix(10).forEach(printError)
            if set.problems.count > 10 { printError("… and \(set.problems.count - 10) more") }
        }
        guard !set.events.isEmpty else {
            if !dryRun { try ReplayReport.write(to: report, events: [], problems: set.problems, paths: paths) }
            throw CLIError("\(paths.joined(separator: ", ")): no events to replay")
        }
        if !set.foundKeys.isEmpty { printError("note: the API key inside the input was not used") }

        var destination = settings.destination
        let validator = Validator(catalogue: UserTemplates.catalogue())
        if dryRun {
            // The embedded sandbox starts empty on a new port each run: nothing there was accepted before.
            let badge = destination.isSandbox ? "the embedded sandbox" : destination.target.badge
            let plan = try ReplayDryRun.plan(set, options: options, target: badge, journal: store,
                                             validator: validator)
            print(plan)
            return
        }
        var sandbox: SandboxServer?
        if destination.isSandbox {
            let server = SandboxServer()
            let port: Int
            do { port = try await server.start() } catch { throw CLIError("could not start the embedded sandbox: \(error)") }
            sandbox = server
            destination.target = .sandbox(port: port)
            // Nothing goes live without a choice: say so, and say why a key that is set was not used.
            printError("sending to the embedded sandbox on 127.0.0.1:\(port) (use --live or --profile for ThriveStack)")
            settings.notes.forEach { printError($0) }
        }
        guard let builder = destination.builder else { throw CLIError("the embedded sandbox did not start") }
        let badge = destination.target.badge
        if let job = try? ReplayEngine.resumableJob(for: set, target: badge, journal: store) {
            if resume {
                printError("resuming the replay of these events to \(badge): \(job.resumeSummary)")
            } else {
                // A plain run is safe too (accepted events are skipped as duplicates), so this is an offer, not a stop.
                printError("a replay of these events stopped: \(job.resumeSummary) — run again with --resume to send only what is left")
            }
        } else if resume {
            printError("no unfinished replay of these events to \(badge); starting a new one")
        }

        let sender = HTTPSender(configuration: SenderConfiguration(timeout: timeout, retry: .none))
        let engine = ReplayEngine(builder: builder, sender: sender, history: store, journal: store, options: options,
                                  target: badge, profile: settings.profile, validator: validator)
        let printer = ReplayProgressPrinter()
        let interrupt = ReplayInterrupt(engine: engine, printer: printer)
        interrupt.install()
        let started = ContinuousClock.now
        let result: ReplayResult
        do {
            result = try await engine.run(set) { printer.handle($0) }
        } catch {
            printer.finish(await engine.currentProgress)
            await sandbox?.stop()
            throw CLIError("replay stopped: the history could not be written (\(HistoryOpener.message(error))); run again with --resume")
        }
        interrupt.uninstall()
        printer.finish(result.progress)
        await sandbox?.stop()
        try ReplayReport.write(to: report, events: result.events, problems: set.problems, paths: paths)
        ReplayReport.summarize(result, problems: set.problems.count, target: badge,
                               seconds: (ContinuousClock.now - started) / .seconds(1)).forEach(printError)
        if settings.apiKey == nil, !destination.isSandbox, result.events.contains(where: { $0.httpStatus == 401 }) {
            printError("no API key was sent: set THRIVESTACK_API_KEY or pass --api-key-file PATH")
        }
        let code = result.exitCode
        if code != 0 { throw ExitCode(code) }
    }

    /// The flags as engine options, or a one-line error (exit 1) naming the bad value.
    private func replayOptions() throws -> ReplayOptions {
        guard !paths.isEmpty else { throw CLIError("say which files to replay: thrive-inspector replay FILE...") }
        guard (1...1_000).contains(batchSize) else {
            throw CLIError("--batch-size must be between 1 and 1,000 (the API's limit per request), not \(batchSize)")
        }
        guard (1...64).contains(concurrency) else { throw CLIError("--concurrency must be between 1 and 64, not \(concurrency)") }
        guard timeout.isFinite, timeout > 0 else {
            throw CLIError("--timeout must be a number of seconds greater than 0 (e.g. 30 or 0.5), not \(timeout)")
        }
        guard (0...100).contains(retries) else { throw CLIError("--retries must be between 0 and 100, not \(retries)") }
        guard let policy = UnknownOutcomePolicy(rawValue: unknown.lowercased()) else {
            throw CLIError("--unknown must be retry or skip, not \"\(unknown)\"")
        }
        return ReplayOptions(rate: try rate.map(Self.parseRate), concurrency: concurrency, batchSize: batchSize,
                             allowDuplicates: allowDuplicates, unknownPolicy: policy, maxRetries: retries, resume: resume)
    }

    /// `500/s`, `500`, `12.5/s` → events per second.
    static func parseRate(_ text: String) throws -> Double {
        var t = text.trimmingCharacters(in: .whitespaces).lowercased()
        for suffix in ["/s", "/sec", "ev/s"] where t.hasSuffix(suffix) { t.removeLast(suffix.count) }
        guard let value = Double(t.trimmingCharacters(in: .whitespaces)), value.isFinite, value > 0 else {
            throw CLIError("--rate must be a number of events per second greater than 0, like 500/s or 500, not \"\(text)\"")
        }
        return value
    }
}
