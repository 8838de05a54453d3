import ArgumentParser
import Foundation

/// The process's entry point: the command runs as a task, and the main thread becomes the one that takes the
/// signals, as `dispatch_main` would make it. `dispatch_main` (what an `async` main ends in) does that by ending the
/// main thread with `pthread_exit`, which unwinds its stack through the binary's 1.2 MB unwind table: 1 MB of it
/// came into memory at every launch. Nothing here uses the main queue or the main actor, so nothing needs
/// `dispatch_main`; `MainQueueTests` keeps it so.
@main
enum Launcher {
    static func main() {
        let environment = CrashReports.install()
        // dispatch_main's signal mask, set before any other thread starts: everything but the faults is blocked
        // here and unblocked only inside sigsuspend, so handlers (the terminal's, and the ones libdispatch installs
        // for its signal sources) run on this thread, as they did on dispatch_main's.
        var blocked = sigset_t()
        sigfillset(&blocked)
        for fault in [SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGBUS, SIGSEGV, SIGSYS, SIGPIPE, SIGPROF] { sigdelset(&blocked, fault) }
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        Task.detached {
            // The bare command, the one most launches are, skips the parser (`UICommand.runWithoutArguments`).
            if CommandLine.arguments.count == 1 {
                await UICommand.runWithoutArguments(environment: environment)
            } else {
                await ThriveInspector.main(nil)
            }
            exit(0)
        }
        var none = sigset_t()
        sigemptyset(&none)
        while true { sigsuspend(&none) }
    }
}

/// The `thrive-inspector` command: the terminal UI by default, plus scriptable subcommands.
struct ThriveInspector: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thrive-inspector",
        abstract: "Explore, validate and replay events against the ThriveStack analytics API.",
        discussion: """
        Without a subcommand it opens the terminal UI. Without an API key everything runs against an embedded \
        sandbox on 127.0.0.1, so nothing reaches ThriveStack until you ask for --live.

        The API key comes from THRIVESTACK_API_KEY, --api-key-file PATH, or api_key_file in \
        $XDG_CONFIG_HOME/thrive-inspector/config.yaml. It is never printed.

        Exit codes: 0 success, 1 bad input or validation errors, 2 the API answered with an error status, \
        3 no response (network failure), 64 a command-line usage error (unknown option, missing value).
        """,
        version: "0.1.0",
        subcommands: [UICommand.self, TemplatesCommand.self, ValidateCommand.self, SendCommand.self, ReplayCommand.self, HistoryCommand.self, SandboxCommand.self],
        defaultSubcommand: UICommand.self
    )

}
