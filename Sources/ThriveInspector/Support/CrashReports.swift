#if canImport(Glibc)
import Glibc
#endif
import CTerminalHygiene
import Foundation
import ThriveConfig

/// Sets up crash reports before anything else runs: a crash restores the terminal, says in one line where the
/// report is, and the Swift runtime's backtrace is written there (under the state folder) while the process ends,
/// instead of the backtracer holding the terminal until someone presses a key.
///
/// The runtime reads SWIFT_BACKTRACE before main, so it cannot be configured from here without starting the
/// program a second time, which cost as much as the rest of start-up. Instead the crash handler, which runs before
/// the runtime's, points standard output and error at the report file and standard input at /dev/null: the
/// backtracer it starts inherits them, writes its report to the file, and has no key to wait for.
enum CrashReports {
    /// Returns the environment as it is once the backtracer's setting is undone: the process's environment for the
    /// rest of its life, read here once (Foundation builds the whole dictionary at each read).
    static func install() -> [String: String] {
        // The runtime has read the backtracer's path this program added to SWIFT_BACKTRACE before main; the variable
        // goes back to what the person had, which the check below reads.
        _ = cn_crash_backtracer_restore_environment()
        let environment = ProcessInfo.processInfo.environment
        let folder = StatePaths.crashReports(environment: environment)
        // A person's own SWIFT_BACKTRACE wins: the backtracer then does what they asked.
        guard environment["SWIFT_BACKTRACE"] == nil,
              (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return environment }
        let report = folder.appendingPathComponent("thrive-inspector-\(getpid()).log").path
        cn_crash_reports_install("\nthrive-inspector crashed. The report is in \(report)\n")
        cn_crash_reports_redirect(report)
        return environment
    }
}
