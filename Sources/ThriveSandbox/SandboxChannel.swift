import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 channel with the sandbox's guards in front: `ConnectionGuard` on raw bytes (connection
/// limit, lingering close) and `RequestGuard` after the HTTP codec (request deadline, close after answering).
struct SandboxChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let counter: ConnectionCounter
    let served: Int
    let lingerTime: TimeAmount

    /// The server builder for `Application`: Hummingbird hands in the responder once it has built it.
    static func builder(configuration: SandboxConfiguration, limits: ConnectionLimits) -> HTTPServerBuilder {
        let requestTimeout = TimeAmount(configuration.requestTimeout)
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestGuard(requestTimeout: requestTimeout)],
            idleTimeout: TimeAmount(configuration.idleTimeout))
        // After an early answer the client may take as long to finish sending as any request may take.
        let linger = requestTimeout
        let counter = ConnectionCounter()
        return HTTPServerBuilder { responder in
            SandboxChannel(http1: HTTP1Channel(responder: responder, configuration: http), counter: counter,
                           served: limits.served, lingerTime: linger)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        // Runs on the channel's event loop, before Hummingbird adds its handlers, so the guard comes first.
        do {
            try channel.pipeline.syncOperations.addHandler(
                ConnectionGuard(counter: counter, served: served, lingerTime: lingerTime))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return http1.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}
