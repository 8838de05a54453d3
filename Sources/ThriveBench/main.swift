import Foundation

// Prints the figures quoted in the closing notes. Run a release build for numbers worth quoting:
//   swift run -c release thrive-bench
// Nothing here asserts a target: speed and memory goals are read off this output, never timed in tests.
let binaryDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
print("thrive-bench (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
print(CoreBench.parseAndValidate())
print(try await CoreBench.sequentialSends())
print(UIBench.keystroke(historyRows: 0))
print(UIBench.keystroke(historyRows: 10_000))
print("peak memory after 10,000 history rows: \(Measure.peakRSS())")
print(UIBench.launchToFirstFrame(binary: binaryDir.appendingPathComponent("thrive-inspector").path))
