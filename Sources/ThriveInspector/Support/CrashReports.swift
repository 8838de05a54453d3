#if canImport(Glibc)
import Glibc
#endif
import CTerminalHygiene
import Foundation
import ThriveConfig

/// Sets up crash reports before anything else runs: a crash restores the terminal, says in one line where
/// the report is, and the Swift backtrace is written there (under the state folder) while the process ends,
/// instead of the runtime's interactive backtracer holding the terminal until someone presses a key.
enum CrashReports {
    /// Marks a process that was started again with the backtracer configured, so it is done once.
    static let marker = "THRIVE_INSPECTOR_CRASH_REPORTS"

    static func install() {
        let environment = ProcessInfo.processInfo.environment
        let folder = StatePaths.crashReports(environment: environment)
        // A person's own SWIFT_BACKTRACE wins; a folder with a comma cannot be said in it.
        guard environment["SWIFT_BACKTRACE"] == nil || environment[marker] != nil, !folder.path.contains(","),
              (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return }
        if environment[marker] == nil {
            // The runtime reads SWIFT_BACKTRACE once, before main: set it and start again, once.
            setenv("SWIFT_BACKTRACE", "enable=yes,interactive=no,color=no,output-to=\(folder.path)", 1)
            setenv(marker, "1", 1)
            // The real path, not /proc/self/exe, so the process (and its report file) keeps the program's name.
            let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/proc/self/exe"
            execv(exe, CommandLine.unsafeArgv)
            // exec failed: go on without reports rather than not at all.
            unsetenv("SWIFT_BACKTRACE")
            return
        }
        // The runtime has read both; programs started from here (an $EDITOR, a key command) get a clean environment.
        unsetenv(marker)
        unsetenv("SWIFT_BACKTRACE")
        // The backtracer names the file after the process and its id (thrive-inspecto-1234-0.0.log).
        let message = "\nthrive-inspector crashed. The report is in \(folder.path), in the file named with \(getpid())\n"
        cn_crash_reports_install(message)
    }
}
