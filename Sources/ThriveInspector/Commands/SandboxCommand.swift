import ArgumentParser
import Foundation
import ThriveSandbox

/// `thrive-inspector sandbox`: runs the mock ThriveStack API on 127.0.0.1 until interrupted.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the ThriveStack API sandbox on 127.0.0.1 (for demos, tests and other clients).",
        discussion: """
        Faults: --fault 429:0.2 (with Retry-After 1; 429:0.2:retry=5 for 5 s), --fault 500:0.1, --fault 503:0.1,
        --fault hang:0.05 (never answers), --fault drop:0.1 (closes the connection). Latency: --latency 200ms or 50ms-300ms.
        Accepted events: GET /sandbox/events (a JSON array, oldest first; ?limit=N and ?after=SEQUENCE page it).
        Stop with Ctrl-C.
        """)

    // Unconditional: ArgumentParser would read `-1` as a flag and say "Missing value"; taken as a value,
    // it reaches the range check below and gets the message that says what is wrong.
    @Option(parsing: .unconditional, help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 8787

    @OptionGroup var sandbox: SandboxFlags

    @Option(name: .customLong("api-key"), parsing: .singleValue, help: "Accept only this key (repeatable); by default any non-empty key is accepted.")
    var keys: [String] = []

    func run() async throws {
        guard (0...65_535).contains(port) else { throw CLIError("--port must be between 0 and 65535, not \(port)") }
        var config = try sandbox.configuration(port: port)
        if !keys.isEmpty { config.validKeys = Set(keys) }
        let server = SandboxServer(configuration: config)
        // Listen for signals before the banner can go out: a script that reads the banner and at once sends
        // SIGINT must not find the signal ignored with nobody listening yet (the process would never stop).
        let stop = SignalWaiter.waitForTermination()
        let task = Task {
            try await server.runUntilCancelled { port in
                // Written unbuffered: scripts wait for this line to learn the port.
                FileHandleWriter.write(server.banner(port: port) + "\n", fd: 1)
            }
        }
        // Serve until a signal, or until the server ends by itself (it could not bind the port, or failed).
        // Awaiting a task's value ignores cancellation, so both tasks are cancelled directly to end the group.
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await stop.value }
            group.addTask { _ = await task.result }
            await group.next()
            task.cancel()
            stop.cancel()
        }
        do { try await task.value } catch is CancellationError {} catch let error as SandboxServerError {
            // The message already carries the hint that fits the cause (port in use, or permission denied).
            throw CLIError(error.message)
        } catch let error as SandboxConfigurationError {
            throw CLIError(error.message)
        } catch {
            throw CLIError("the sandbox stopped: \(error)")
        }
    }
}

/// Waits for SIGINT or SIGTERM without killing the process, so the server can close its port cleanly.
enum SignalWaiter {
    /// Installs the handlers before returning (so no signal between this call and the first await is lost);
    /// the task ends at the first SIGINT or SIGTERM.
    static func waitForTermination() -> Task<Void, Never> {
        // The default action would kill the process; dispatch sources still see ignored signals.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (signals, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        for sig in [SIGINT, SIGTERM] {
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { continuation.yield(sig) }
            source.resume()
            SignalSources.keep(source)
        }
        return Task {
            var iterator = signals.makeAsyncIterator()
            _ = await iterator.next()
        }
    }
}
