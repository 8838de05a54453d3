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
        Accepted events: GET /sandbox/events. Stop with Ctrl-C.
        """)

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 8787

    @Option(name: .customLong("fault"), parsing: .singleValue, help: ArgumentHelp("Inject a fault: KIND:RATE (repeatable).", valueName: "KIND:RATE"))
    var faults: [String] = []

    @Option(help: ArgumentHelp("Delay every answer: 200ms, 1s, or a range 50ms-300ms.", valueName: "DURATION"))
    var latency: String?

    @Option(help: "Seed for fault draws, so a demo behaves the same every time.")
    var seed: UInt64?

    @Option(name: .customLong("api-key"), parsing: .singleValue, help: "Accept only this key (repeatable); by default any non-empty key is accepted.")
    var keys: [String] = []

    func run() async throws {
        guard (0...65_535).contains(port) else { throw CLIError("--port must be between 0 and 65535, not \(port)") }
        var config = SandboxConfiguration(port: port)
        do {
            config.faults = try faults.map { try FaultRule.parse($0) }
            config.latency = try latency.map { try Latency.parse($0) }
        } catch { throw CLIError("\(error)") }
        config.seed = seed
        if !keys.isEmpty { config.validKeys = Set(keys) }
        let server = SandboxServer(configuration: config)
        let task = Task {
            try await server.runUntilCancelled { port in
                // Written unbuffered: scripts wait for this line to learn the port.
                FileHandleWriter.write(server.banner(port: port) + "\n", fd: 1)
            }
        }
        let stop = SignalWaiter.waitForTermination()
        await stop.value
        task.cancel()
        do { try await task.value } catch is CancellationError {} catch {
            throw CLIError("the sandbox stopped: \(error)")
        }
    }
}

/// Waits for SIGINT or SIGTERM without killing the process, so the server can close its port cleanly.
enum SignalWaiter {
    static func waitForTermination() -> Task<Void, Never> {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        return Task {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let once = OnceFlag()
                for sig in [SIGINT, SIGTERM] {
                    let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                    source.setEventHandler { if once.claim() { c.resume() } }
                    source.resume()
                    SignalSources.keep(source)
                }
            }
        }
    }
}
