import NIOCore
import Synchronization

/// The number of open connections of one server, shared by every connection's `ConnectionGuard`.
final class ConnectionCounter: Sendable {
    private let open = Atomic<Int>(0)

    /// Counts a new connection and returns how many are open with it.
    func opened() -> Int { open.wrappingAdd(1, ordering: .relaxed).newValue }

    func closed() { open.wrappingSubtract(1, ordering: .relaxed) }
}

/// The first handler of every connection, on raw bytes. It does two things HTTP handlers cannot:
///
/// - A connection over the limit is answered `503` at once and closed, so an overload degrades into quick
///   refusals instead of queued or hung clients.
/// - Closing is "lingering": when the server shuts its side (after a `Connection: close` answer, a parse error
///   or a 408), the guard keeps reading and discarding what the client still sends until it closes too or
///   `lingerTime` passes. Without this a client that writes a whole large body before reading is left blocked
///   (nobody reads), and closing outright with unread data would reset the connection and lose the answer.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let counter: ConnectionCounter
    private let served: Int
    private let lingerTime: TimeAmount

    private var counted = false
    private var rejected = false
    private var outputClosed = false
    private var inputClosed = false
    private var lingering = false
    private var lingerTimer: Scheduled<Void>?
    /// Close requests that arrived while lingering; completed when the channel really closes.
    private var heldCloses: [EventLoopPromise<Void>] = []

    init(counter: ConnectionCounter, served: Int, lingerTime: TimeAmount) {
        self.counter = counter
        self.served = served
        self.lingerTime = lingerTime
    }

    // The channel may already be active when the handler is added (accepted sockets are), or become so later.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { activate(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        activate(context)
        context.fireChannelActive()
    }

    private func activate(_ context: ChannelHandlerContext) {
        guard !counted else { return }
        counted = true
        if counter.opened() > served {
            rejected = true
            context.write(wrapOutboundOut(.byteBuffer(ConnectionGuard.overloaded(limit: served))), promise: nil)
            context.flush()
            shutOutputAndLinger(context, promise: nil, for: min(lingerTime, .seconds(1)))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if counted {
            counted = false
            counter.closed()
        }
        // Closed for good (by us, or by a reset): nothing to linger for, and a close that comes later, such as
        // Hummingbird's after its handler ends, must go through rather than wait for a linger that is over.
        stopLingering()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopLingering()
    }

    private func stopLingering() {
        lingering = false
        lingerTimer?.cancel()
        lingerTimer = nil
        let held = heldCloses
        heldCloses = []
        for promise in held { promise.succeed(()) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // A rejected or closing connection's bytes are read only to be dropped: no HTTP handler sees them.
        guard !rejected, !lingering else { return }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // The HTTP side stopped asking for data once it answered; lingering must go on reading by itself.
        if lingering { context.read() }
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            inputClosed = true
            if lingering { finishLinger(context) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        let holding = lingering && context.channel.isActive
        switch mode {
        case .output where !outputClosed:
            shutOutputAndLinger(context, promise: promise, for: lingerTime)
        case .all where holding, .input where holding:
            // Hummingbird closes the whole channel once it has answered; that waits until lingering ends.
            if let promise { heldCloses.append(promise) }
        default:
            context.close(mode: mode, promise: promise)
        }
    }

    /// Sends FIN after any pending writes, then drains the client until it closes or `time` is up. A rejected
    /// connection lingers less: under a flood its descriptor is needed for the next 503.
    private func shutOutputAndLinger(_ context: ChannelHandlerContext, promise: EventLoopPromise<Void>?, for time: TimeAmount) {
        outputClosed = true
        context.close(mode: .output, promise: promise)
        guard !inputClosed, !lingering, context.channel.isActive else { return }
        lingering = true
        lingerTimer = context.eventLoop.assumeIsolated().scheduleTask(in: time) { [self] in
            self.lingerTimer = nil
            self.finishLinger(context)
        }
        context.read()
    }

    private func finishLinger(_ context: ChannelHandlerContext) {
        guard lingering else { return }
        lingering = false
        lingerTimer?.cancel()
        lingerTimer = nil
        context.close(mode: .all, promise: nil)
    }

    /// The complete answer for a connection over the limit: a JSON error like every other sandbox failure.
    static func overloaded(limit: Int) -> ByteBuffer {
        let body = SandboxResponses.failureBody("the sandbox is serving its limit of \(limit) connections; try again shortly")
        var bytes = ByteBuffer(string: "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n"
            + "content-length: \(body.readableBytes)\r\nretry-after: 1\r\nconnection: close\r\n\r\n")
        bytes.writeImmutableBuffer(body)
        return bytes
    }
}
