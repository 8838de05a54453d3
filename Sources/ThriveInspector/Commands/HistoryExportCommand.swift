import ArgumentParser
import Foundation
import ThriveConfig
import ThriveCore

extension HistoryExportFormat: ExpressibleByArgument {}

/// `thrive-inspector history export`: the matching sends, oldest first, as NDJSON events, curl commands or a HAR
/// file. Streams entry by entry; `-o FILE` appears whole or not at all (temporary file, then rename).
struct HistoryExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export sends as NDJSON events, curl commands or a HAR file.",
        discussion: """
        ndjson: one line per event sent, its compact JSON as sent. curl: one runnable command per send (the \
        whole output is a shell script that replays them in order). har: an HTTP Archive 1.2 file.
        The API key is masked unless --reveal-key, which puts back the key from THRIVESTACK_API_KEY, \
        --api-key-file or api_key_file in config.yaml (in the sends made with that key).
        """)

    @Argument(help: ArgumentHelp("Export only the sends matching these terms and filters (see 'history --help').", valueName: "QUERY"))
    var query: [String] = []

    @Option(help: "The export format.")
    var format: HistoryExportFormat

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    @Flag(name: .customLong("reveal-key"), help: "Put the API key in the exported headers instead of its mask.")
    var revealKey = false

    @Option(name: .customLong("api-key-file"), help: ArgumentHelp("Read the key for --reveal-key from this file.", valueName: "PATH"))
    var apiKeyFile: String?

    @OptionGroup(title: "History file") var file: HistoryFileFlags

    func run() throws {
        let q = try HistoryCommand.query(query)
        let key = revealKey ? try revealableKey() : nil
        let store = try file.openStore(secrets: [])
        var keptMasked = 0
        var writer = HistoryExportWriter(format: format, creator: ("thrive-inspector", ThriveInspector.configuration.version)) { entry in
            guard revealKey else { return entry.requestHeaders }
            // The sandbox was sent its own stand-in key, never the user's.
            let sent = entry.target.hasPrefix("SANDBOX") ? Destination.sandboxKey : key
            guard let sent else {
                if entry.requestHeaders.contains(where: \.isSecret) { keptMasked += 1 }
                return entry.requestHeaders
            }
            let (headers, stillMasked) = entry.requestHeaders(revealing: sent)
            if stillMasked { keptMasked += 1 }
            return headers
        }
        var sink: ExportFile
        do { sink = try ExportFile(path: output) } catch { throw CLIError(error.description) }
        do {
            try writer.export(store, matching: q, to: &sink)
        } catch {
            throw error as? CLIError ?? CLIError(HistoryOpener.message(error))
        }
        report(writer, keptMasked: keptMasked)
    }

    private func report(_ writer: HistoryExportWriter, keptMasked: Int) {
        let sends = "\(writer.entryCount) send\(writer.entryCount == 1 ? "" : "s")"
        let what = format == .ndjson ? "\(writer.eventCount) event\(writer.eventCount == 1 ? "" : "s") from \(sends)" : sends
        printError("exported \(what)" + (output.map { " to \($0)" } ?? ""))
        guard format != .ndjson, writer.entryCount > 0 else { return }
        if !revealKey {
            printError("the API key is masked in the export (--reveal-key puts it back)")
        } else if keptMasked > 0 {
            printError("\(keptMasked) of \(sends) keep the key masked: they were sent with a key that is not the one configured now, or none is configured")
        }
    }

    /// The key from the usual sources, or nil (the export then stays masked and says so).
    private func revealableKey() throws -> String? {
        do {
            let config = try file.config()
            return try Settings.readAPIKey(apiKeyFile: apiKeyFile, config: config)
        } catch let e as ConfigError { throw CLIError(e.message) }
    }
}

extension Settings {
    /// Only the key: an export targets nothing, so the target rules (`--live` needs a key…) do not apply.
    static func readAPIKey(apiKeyFile: String?, config: AppConfig) throws(ConfigError) -> String? {
        var config = config
        // `target: live` without a key is an error for sending, not for reading a key that may not exist.
        config.target = nil
        return try Settings.resolve(Flags(apiKeyFile: apiKeyFile), config: config).apiKey?.value
    }
}
