import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization
import ThriveCore

/// A real HTTP mock of the ThriveStack API on 127.0.0.1, with fault injection, for the inspector and its tests.
///
/// `start()` returns once the port is bound; `stop()` closes the listener and every connection (hanging ones too).
/// The server never writes to stdout or stderr, because the terminal UI owns the screen.
public final class SandboxServer: Sendable {
    private enum Lifecycle {
        case idle
        case active(task: Task<Void, any Error>, signal: StartSignal)
    }

    public let configuration: SandboxConfiguration
    private let store: SandboxStore
    private let validator: Validator
    private let lifecycle = Mutex(Lifecycle.idle)
    private let boundPort = Mutex<Int?>(nil)
    private let requestTap: (@Sendable (TappedRequest) -> Void)?

    /// `requestTap`, for tests, hears every API request whose body was read, before it is answered, key unmasked.
    public init(configuration: SandboxConfiguration = SandboxConfiguration(), catalogue: TemplateCatalogue = .builtIn(),
                requestTap: (@Sendable (TappedRequest) -> Void)? = nil) {
        self.configuration = configuration
        self.requestTap = requestTap
        store = SandboxStore(configuration: configuration)
        validator = Validator(catalogue: catalogue)
    }

    /// The bound port while running, else nil.
    public var port: Int? { boundPort.withLock { $0 } }

    /// `http://127.0.0.1:PORT/api` while running, else nil.
    public var baseURL: URL? { port.map { Target.sandbox(port: $0).baseURL } }

    /// Binds and starts serving; returns the real port (useful with port 0). Calling it while running returns the same port.
    /// Throws `SandboxConfigurationError` for a configuration that `validate()` refuses, `SandboxServerError` when
    /// the port cannot be bound.
    public func start() async throws -> Int {
        try configuration.validate()
        let (task, signal) = lifecycle.withLock { state -> (Task<Void, any Error>, StartSignal) in
            if case .active(let task, let signal) = state { return (task, signal) }
            let signal = StartSignal()
            let task = Task { try await self.serve(signal: signal) }
            state = .active(task: task, signal: signal)
            return (task, signal)
        }
        do {
            return try await withTaskCancellationHandler {
                try await signal.wait()
            } onCancel: {
                task.cancel()
            }
        } catch {
            lifecycle.withLock { state in
                if case .active(let current, _) = state, current == task { state = .idle }
            }
            throw error
        }
    }

    /// Stops serving and waits for the server task to end; the listening socket closes with it (on a loaded
    /// machine, a few milliseconds later). Safe to call when not running.
    public func stop() async {
        let task: Task<Void, any Error>? = lifecycle.withLock { state in
            guard case .active(let task, _) = state else { return nil }
            state = .idle
            return task
        }
        guard let task else { return }
        task.cancel()
        _ = await task.result
    }

    /// For the standalone CLI: starts, calls `onStart` with the port (print the banner there) and serves until
    /// the calling task is cancelled; rethrows if the server fails.
    public func runUntilCancelled(onStart: @Sendable (Int) -> Void = { _ in }) async throws {
        let port = try await start()
        onStart(port)
        guard let task = lifecycle.withLock({ state -> Task<Void, any Error>? in
            if case .active(let task, _) = state { return task }
            return nil
        }) else { return }
        let result = await withTaskCancellationHandler { await task.result } onCancel: { task.cancel() }
        await stop()
        if case .failure(let error) = result, !(error is CancellationError) { throw error }
    }

    /// The one-line startup message for the standalone sandbox.
    public func banner(port: Int) -> String {
        var text = "ThriveStack sandbox listening on http://127.0.0.1:\(port)/api (POST /track, /identify, /group; GET /sandbox/events)"
        if !configuration.faults.isEmpty { text += " faults: " + configuration.faults.map(\.description).joined(separator: ", ") + ";" }
        if let latency = configuration.latency { text += " latency: \(latency);" }
        if text.hasSuffix(";") { text.removeLast() }
        return text
    }

    // MARK: State for tests and the UI

    /// Accepted events, oldest first.
    public func receivedEvents() -> [ReceivedEvent] { store.events }

    public func clearEvents() { store.clearEvents() }

    /// Forces faults for the next API requests, one each, first in first out; they win over random rules.
    public func enqueue(_ fault: Fault) { store.enqueue([fault]) }

    public func enqueue(_ faults: [Fault]) { store.enqueue(faults) }

    /// Forced faults not yet used.
    public var pendingFaults: [Fault] { store.pendingFaults }

    /// Forgets events and forced faults and restarts the random sequence from the seed.
    public func reset() { store.reset() }

    // MARK: Serving

    private func serve(signal: StartSignal) async throws {
        let responder = SandboxResponder(store: store, validator: validator, validKeys: configuration.validKeys, tap: requestTap)
        let port = configuration.port
        // Silent: the inspector's terminal UI shares stdout/stderr.
        let silent = Logger(label: "thrive-sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
        let limits = ConnectionLimits(maxConnections: configuration.maxConnections,
                                      fileDescriptorLimit: ConnectionLimits.fileDescriptorLimit())
        // What Hummingbird's `Application.run` does, less its Date-header cache: that formats with a Gregorian
        // `Calendar`, which loads ICU's calendar data, 1.8 MB resident from the moment the sandbox starts.
        let server = try SandboxChannel.builder(configuration: configuration, limits: limits).buildServer(
            configuration: ServerConfiguration(
                address: .hostname("127.0.0.1", port: port),
                availableConnectionsDelegate: MaximumAvailableConnections(limits.accepted, logger: silent)),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: silent,
            responder: { request, writer, channel in
                let context = SandboxRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: silent))
                var response: Response
                do {
                    response = try await responder.respond(to: request, context: context)
                } catch let error as HTTPParserError {
                    throw error
                } catch {
                    response = Response(status: .internalServerError)
                }
                response.headers[.date] = HTTPDate.format(Date())
                do {
                    try await writer.write(response: response.head, body: response.body)
                } catch is HTTPParserError {
                    // As `Application` does: a parser error here must not make the channel answer a second time.
                    throw CancellationError()
                }
            },
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                self.boundPort.withLock { $0 = bound }
                signal.resolve(.success(bound))
            })
        defer { boundPort.withLock { $0 = nil } }
        do {
            // `stop()` cancels this task, and with it the server's loop over incoming connections. No `ServiceGroup`
            // as inside `Application`: for one service it only adds its own tasks, channels and the reflection that
            // names the service, on the way to the first answer.
            try await server.run()
            signal.resolve(.failure(CancellationError()))
        } catch {
            let errno = (error as? IOError)?.errnoCode
            signal.resolve(.failure(SandboxServerError.listenFailed(port: port, errno: errno, fallback: "\(error)")))
            throw error
        }
    }
}
