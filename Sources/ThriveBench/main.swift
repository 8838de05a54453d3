import Foundation

/// Each figure is written as soon as it is known: a run that stalls still shows what it measured.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

// Prints the figures quoted in the closing notes. Run a release build for numbers worth quoting:
//   swift run -c release thrive-bench
// Nothing here asserts a target: speed and memory goals are read off this output, never timed in tests.
let binaryDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
say("thrive-bench (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
// `thrive-bench history` prints only the history figures; `thrive-bench replay` only the replay figure.
let onlyHistory = CommandLine.arguments.dropFirst().contains("history")
let onlyReplay = CommandLine.arguments.dropFirst().contains("replay")
// `thrive-bench floor [BINARY…]` prints only the start-up comparison with the floor program (extra binaries, such as
// an older build, join the comparison; one whose file name holds "floor" is timed as a floor variant).
if let i = CommandLine.arguments.firstIndex(of: "floor") {
    let extra = CommandLine.arguments[(i + 1)...].map {
        URL(fileURLWithPath: $0).lastPathComponent.contains("floor") ? FloorBench.floor($0, name: $0) : FloorBench.inspector($0, name: $0)
    }
    say(FloorBench.compare(FloorBench.standard(in: binaryDir) + extra))
    exit(0)
}
// `thrive-bench parse` prints only the parse + validate figure.
if CommandLine.arguments.dropFirst().contains("parse") {
    say(CoreBench.parseAndValidate())
    exit(0)
}
// `thrive-bench detail` prints only the 10 MB details figure.
if CommandLine.arguments.dropFirst().contains("detail") {
    say(DetailBench.openAndScroll())
    exit(0)
}
// `thrive-bench import` prints only the import and batch view figure.
if CommandLine.arguments.dropFirst().contains("import") {
say(UIBench.importAndScrollBatch())
exit(0)
}
if onlyReplay {
say(try await ReplayBench.throughput())
exit(0)
}
if !onlyHistory {
say(CoreBench.parseAndValidate())
say(try await CoreBench.sequentialSends())
say(try await ReplayBench.throughput())
say(UIBench.keystrokeWithBatch())
say(UIBench.importAndScrollBatch())
say(UIBench.keystroke(historyRows: 0))
say(UIBench.keystroke(historyRows: 10_000))
say("peak memory after 10,000 history rows: \(Measure.peakRSS())")
say(UIBench.launchToFirstFrame(binary: binaryDir.appendingPathComponent("thrive-inspector").path))
say(FloorBench.compare(FloorBench.standard(in: binaryDir)))
say(DetailBench.openAndScroll())
}
let historyRows = 100_000
let stores = try HistoryBench.makeStores(rows: historyRows)
say("history store with \(historyRows) rows written in \(Measure.ms(stores.fill))")
say(try HistoryBench.keystrokes(store: stores.full, rows: historyRows))
say(HistoryBench.launchComparison(binary: binaryDir.appendingPathComponent("thrive-inspector").path,
                                  empty: stores.empty, full: stores.full, rows: historyRows))
try? FileManager.default.removeItem(at: stores.full.deletingLastPathComponent())
