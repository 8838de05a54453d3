import Foundation

/// Each figure is written as soon as it is known: a run that stalls still shows what it measured.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

// Prints the figures quoted in the closing notes. Run a release build for numbers worth quoting:
//   swift run -c release thrive-bench
// Nothing here asserts a target: speed and memory goals are read off this output, never timed in tests.
let binaryDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
say("thrive-bench (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
say(CoreBench.parseAndValidate())
say(try await CoreBench.sequentialSends())
say(UIBench.keystrokeWithBatch())
say(UIBench.keystroke(historyRows: 0))
say(UIBench.keystroke(historyRows: 10_000))
say("peak memory after 10,000 history rows: \(Measure.peakRSS())")
say(UIBench.launchToFirstFrame(binary: binaryDir.appendingPathComponent("thrive-inspector").path))
