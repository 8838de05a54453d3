import ArgumentParser
import Foundation
import ThriveConfig
import ThriveCore
import ThriveNet
import ThriveSandbox

/// `thrive-inspector send`: builds a request from a template, a file or a curl command, and sends it.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send events built from a template, a file or a pasted curl command.",
        discussion: """
        Examples:
          thrive-inspector send --template signed_up --set properties.user_email=jo@acme.com
          thrive-inspector send --file events.ndjson --dry-run
          thrive-inspector send --curl "$(pbpaste)" --sandbox
        Exits 0 on a 2xx answer, 1 on bad input or validation errors (unless --force), 2 on an HTTP error status, \
        3 when no response arrived. Each send is recorded in the history (see 'history') unless --no-history; \
        --dry-run records nothing.
        """)

    @Option(help: ArgumentHelp("Start from this template (see 'templates').", valueName: "NAME"))
    var template: String?

    @Option(help: ArgumentHelp("Send the events in this file (JSON object or array, NDJSON, HAR, or curl commands).", valueName: "PATH"))
    var file: String?

    @Option(help: ArgumentHelp("Import the request from a curl command (its body and endpoint; its key is not used).", valueName: "CMD"))
    var curl: String?

    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Set a field in every event: path=value (typed by the template) or path:=JSON.", valueName: "PATH=VALUE"))
    var assignments: [String] = []

    @Option(help: "The endpoint (track, identify, group), when it cannot be told from the input.")
    var endpoint: Endpoint?

    @Flag(name: .customLong("dry-run"), help: "Print the request (key masked) instead of sending it.")
    var dryRun = false

    @Option(help: "How --dry-run prints the request: http, or as code that sends it byte for byte: curl, httpie, js (Node fetch), python (requests) or go (net/http).")
    var format: RequestFormat = .http

    @Flag(name: .customLong("reveal-key"), help: "Show the API key in --dry-run output instead of masking it.")
    var revealKey = false

    @Flag(help: "Send even when validation finds errors, or when parts of --file cannot be read (the rest is sent).")
    var force = false

    // `.unconditional` so `--timeout -1` reaches the range check below instead of being taken for a flag.
    @Option(parsing: .unconditional, help: "Seconds one attempt may take (the wait for the first byte included).")
    var timeout: Double = 30

    @Option(parsing: .unconditional, help: "How many times to retry after a 429.")
    var retries: Int = 3

    @OptionGroup var target: TargetFlags

    @OptionGroup(title: "History") var history: HistoryFlags

    func run() async throws {
        guard timeout.isFinite, timeout > 0 else {
            throw CLIError("--timeout must be a number of seconds greater than 0 (e.g. 30 or 0.5), not \(timeout)")
        }
        guard retries >= 0 else { throw CLIError("--retries must be 0 or more, not \(retries)") }
        guard dryRun || format == .http else {
            throw CLIError("--format only applies with --dry-run (it chooses how the request is printed); nothing was sent")
        }
        let settings = try target.resolve()
        let catalogue = UserTemplates.catalogue()
        var (body, ep, imported) = try composeBody(catalogue: catalogue)
        if let endpoint { ep = endpoint }
        body = RequestBuilder.normalizedBody(body)
        let findings = Validator(catalogue: catalogue).validate(body: body, endpoint: ep)
        if !findings.isEmpty {
            printError("validation: \(FindingPrinter.counts(findings))")
            if let imported {
                FindingPrinter.text(FindingPrinter.locate(findings, sources: imported.events.map(\.position))).forEach(printError)
            } else {
                FindingPrinter.text(findings).forEach(printError)
            }
        }
        let unreadable = !(imported?.problems.isEmpty ?? true)
        if !dryRun, !force, findings.contains(where: { $0.severity == .error }) {
            throw CLIError("not sent: the request has validation errors the API would reject (fix them, or pass --force to send anyway)")
        }
        if dryRun {
            let request = settings.destination.previewBuilder.build(endpoint: ep, body: body)
            print(RequestPrinter.render(request, format: format, reveal: revealKey)
                .replacingOccurrences(of: "127.0.0.1:0/", with: "127.0.0.1:<sandbox-port>/"))
            // A dry run starts no sandbox, so printed code has no port to send to until the person gives it one.
            if format != .http, settings.destination.isSandbox {
                printError("the embedded sandbox runs only during a send: to run this, start one with 'thrive-inspector sandbox --port 8787', "
                           + "put its port in place of <sandbox-port> and add --reveal-key (the sandbox's key is no secret)")
            }
            // The same verdict a real send would give: the request printed, but the API would reject it.
            if !force, unreadable || findings.contains(where: { $0.severity == .error }) { throw Exit.badInput }
            return
        }
        var recorder = SendHistory(flags: history, settings: settings)
        var sandbox: SandboxServer?
        var destination = settings.destination
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
        let request = builder.build(endpoint: ep, body: body)
        let recorded = recorder.willSend(request, target: destination.target.badge)
        let sender = HTTPSender(configuration: SenderConfiguration(timeout: timeout, retry: RetryPolicy(maxRetries: max(0, retries))))
        let report = await sender.send(request) { attempt in
            if let d = attempt.retryDelay, let r = attempt.response {
                printError("attempt \(attempt.number): \(r.summary); retrying in \(String(format: "%.1f", d)) s")
            }
        }
        recorder.didSend(recorded, report: report)
        await sandbox?.stop()
        try finish(report, sentKey: destination.isSandbox || settings.apiKey != nil)
    }

    /// `sentKey` false: no key was configured, which is the likely reason for a 401.
    private func finish(_ report: SendReport, sentKey: Bool) throws {
        guard let final = report.final else { throw CLIError("not sent") }
        switch final.outcome {
        case .success(let response):
            let retried = report.retries > 0 ? ", after \(report.retries) retr\(report.retries == 1 ? "y" : "ies")" : ""
            print("HTTP \(response.summary) (\(NetworkError.format(final.latency))\(retried))")
            if let j = response.json { print(j.pretty()) } else if !response.body.isEmpty { print(response.bodyText) }
            if response.status == 401, !sentKey { printError("no API key was sent: set THRIVESTACK_API_KEY or pass --api-key-file PATH") }
            if !response.isSuccess { throw Exit.httpError }
        case .failure(let error):
            printError("no response: \(report.summary)")
            throw error == .cancelled ? Exit.badInput : Exit.networkFailure
        }
    }

    /// The body and endpoint from exactly one of --template, --file, --curl, with --set applied, and for --file
    /// what the import read (sources for the findings, problems already listed).
    private func composeBody(catalogue: TemplateCatalogue) throws -> (JSONValue, Endpoint, ImportedSet?) {
        let sources = [template != nil, file != nil, curl != nil].filter { $0 }.count
        guard sources == 1 else {
            throw CLIError(sources == 0 ? "say what to send: --template NAME, --file PATH or --curl 'CMD'"
                                        : "use only one of --template, --file and --curl")
        }
        var body: JSONValue
        var ep: Endpoint
        var spec: EventTemplate?
        var imported: ImportedSet?
        if let template {
            guard let t = catalogue.template(named: template) else {
                throw CLIError("unknown template \"\(template)\"; run 'thrive-inspector templates' to list them")
            }
            body = DraftFactory().makeBody(t); ep = t.endpoint; spec = t
        } else if let file {
            let set = try importFile(file)
            body = set.body
            ep = set.events.first?.endpoint ?? .track
            imported = set
        } else {
            let imported: ImportedRequest
            do { imported = try CurlImport.parse(curl ?? "") } catch { throw CLIError("cannot import the curl command: \(error.message)") }
            guard let text = imported.bodyText, !text.isEmpty else {
                throw CLIError("the curl command has no body (-d/--data/--data-raw)")
            }
            do { body = RequestBuilder.normalizedBody(try EventFile.parse(text, name: "the curl body")) } catch { throw CLIError(error.message) }
            ep = imported.endpoint ?? EndpointGuess.guess(body: body)
            if imported.apiKey != nil { printError("note: the API key inside the curl command was not used") }
        }
        for a in assignments { try Assignment.apply(a, to: &body, template: spec, catalogue: catalogue, endpoint: ep) }
        return (body, ep, imported)
    }

    /// Reads --file through the importer (HAR, curl files, NDJSON with bad lines). Unreadable parts are listed
    /// with their positions and stop the send unless --force (then the rest is sent), like validation errors.
    private func importFile(_ file: String) throws -> ImportedSet {
        let set: ImportedSet
        do { set = try EventImport.read(path: file) } catch { throw CLIError(error.message) }
        if !set.problems.isEmpty {
            printError("\(file): \(FindingPrinter.unreadable(set.problems.count, set.formats.first)) set aside:")
            FindingPrinter.text(FindingPrinter.locate(set.problems, format: set.formats.first)).forEach(printError)
            if !force, !dryRun {
                throw CLIError("not sent: parts of \(file) cannot be read (fix them, or pass --force to send the \(set.events.count) events that were read)")
            }
        }
        guard !set.events.isEmpty else { throw CLIError("\(file): no events to send") }
        let endpoints = Set(set.events.map(\.endpoint))
        if endpoint == nil, endpoints.count > 1 {
            throw CLIError("\(file) mixes \(endpoints.map(\.path).sorted().joined(separator: ", ")) events and one request goes to one endpoint; pass --endpoint or use replay")
        }
        if !set.foundKeys.isEmpty { printError("note: the API key inside \(file) was not used") }
        return set
    }
}

/// How `--dry-run` prints a request: HTTP text, or one of the `CodeFormat`s.
enum RequestFormat: String, ExpressibleByArgument, CaseIterable {
    case http, curl, httpie, js, python, go

    /// The program this format prints (the names match), nil for plain HTTP text.
    var code: CodeFormat? { CodeFormat(rawValue: rawValue) }
}
