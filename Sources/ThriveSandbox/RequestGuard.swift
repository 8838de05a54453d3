import Hummingbird
import HummingbirdCore
import NIOCore

/// The request took longer than `SandboxConfiguration.requestTimeout`; ends the request body's stream so the
/// responder stops waiting for it (and never acts on a truncated body).
struct RequestTimeoutError: Error {}

/// Per-connection HTTP handler, between the HTTP codec and Hummingbird:
///
/// - **Request deadline.** From a request's headers to the end of its body may take at most `requestTimeout`.
///   A slower request gets `408` (if no answer has started) and the connection is shut. Hummingbird's idle timeout
///   only measures the gap between body parts, so a client trickling a byte at a time would otherwise never end.
/// - **Close after answering.** An answer carrying `Connection: close` (a body over the limit, Hummingbird's own
///   parse-error 400) shuts the connection once written, instead of reading an unbounded rest of the body;
///   `ConnectionGuard` then drains politely until the client closes.
final class RequestGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPConnectionStateHandler.InboundIn
    typealias InboundOut = HTTPConnectionStateHandler.InboundIn
    typealias OutboundIn = HTTPConnectionStateHandler.OutboundIn
    typealias OutboundOut = HTTPConnectionStateHandler.OutboundIn

    private enum Answer { case none, started, finished }

    private let requestTimeout: TimeAmount
    private var deadline: Scheduled<Void>?
    private var readingRequest = false
    private var answer = Answer.none
    private var closeAfterAnswer = false
    /// Set once the deadline passed: the connection is finished, later writes are refused.
    private var timedOut = false

    init(requestTimeout: TimeAmount) {
        self.requestTimeout = requestTimeout
    }

    func handlerRemoved(context: ChannelHandlerContext) { cancelDeadline() }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !timedOut else { return }
        switch unwrapInboundIn(data) {
        case .head:
            readingRequest = true
            answer = .none
            closeAfterAnswer = false
            cancelDeadline()
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: requestTimeout) { [self] in
                self.deadline = nil
                self.requestTimedOut(context)
            }
        case .body:
            break
        case .end:
            readingRequest = false
            cancelDeadline()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !timedOut else {
            // The 408 has gone out; Hummingbird's late answer (a 500 for the failed body read) must not follow it.
            promise?.fail(ChannelError.outputClosed)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(let head):
            answer = .started
            if head.headerFields[.connection]?.lowercased() == "close" { closeAfterAnswer = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            answer = .finished
            context.write(data, promise: promise)
            if closeAfterAnswer {
                // Flushed first: the shutdown waits for flushed writes, and Hummingbird's own flush comes later.
                context.flush()
                context.close(mode: .output, promise: nil)
            }
        }
    }

    private func requestTimedOut(_ context: ChannelHandlerContext) {
        guard readingRequest, !timedOut else { return }
        switch answer {
        case .none:
            let body = SandboxResponses.failureBody("the request was not received within \(Self.describe(requestTimeout))")
            var head = HTTPResponse(status: .requestTimeout)
            head.headerFields[.contentType] = "application/json"
            head.headerFields[.contentLength] = String(body.readableBytes)
            head.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(body)), promise: nil)
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            context.flush()
            timedOut = true
            context.close(mode: .output, promise: nil)
        case .started:
            // An answer is on its way (sent before the body was read): let it finish, then close.
            closeAfterAnswer = true
        case .finished:
            timedOut = true
            context.close(mode: .output, promise: nil)
        }
        // Ends the body stream Hummingbird is reading with an error rather than a clean end, so a truncated body
        // is never taken for a whole one.
        context.fireErrorCaught(RequestTimeoutError())
    }

    private func cancelDeadline() {
        deadline?.cancel()
        deadline = nil
    }

    private static func describe(_ amount: TimeAmount) -> String {
        let millis = amount.nanoseconds / 1_000_000
        return millis % 1000 == 0 ? "\(millis / 1000) s" : "\(millis) ms"
    }
}
