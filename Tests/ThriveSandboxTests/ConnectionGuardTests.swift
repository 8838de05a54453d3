import NIOCore
import NIOEmbedded
import Testing
@testable import ThriveSandbox

/// `ConnectionGuard` alone, on an embedded channel, for orderings a real socket only produces under load.
@Suite("Connection guard")
struct ConnectionGuardTests {
    /// An active embedded channel with the guard, behind a stand-in for a socket's half-close.
    static func guardedChannel(lingerTime: TimeAmount) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(HalfCloseSocket())
        try channel.pipeline.syncOperations.addHandler(
            ConnectionGuard(counter: ConnectionCounter(), served: 10, lingerTime: lingerTime))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    /// A connection that ends (peer closed, or reset) while lingering: a close asked for afterwards, as
    /// Hummingbird's does when its handler ends with an error, must complete. It used to be held for the linger
    /// that was already over, and `SandboxServer.stop()` waited for it forever.
    @Test func aCloseAfterTheConnectionEndedIsNotHeld() throws {
        let channel = try Self.guardedChannel(lingerTime: .seconds(60))
        channel.close(mode: .output, promise: nil)  // the sandbox answered early: lingering starts
        channel.pipeline.fireChannelInactive()  // the client went away

        var completed = false
        let promise = channel.eventLoop.makePromise(of: Void.self)
        promise.futureResult.whenComplete { _ in completed = true }
        channel.close(mode: .all, promise: promise)
        channel.embeddedEventLoop.run()
        #expect(completed, "the close was held after the connection had ended")
    }

    @Test func whileLingeringACloseWaitsForTheLingerToEnd() throws {
        let channel = try Self.guardedChannel(lingerTime: .seconds(5))
        channel.close(mode: .output, promise: nil)

        var completed = false
        let promise = channel.eventLoop.makePromise(of: Void.self)
        promise.futureResult.whenComplete { _ in completed = true }
        channel.close(mode: .all, promise: promise)
        #expect(!completed, "held while the client may still be sending")
        // Bytes that arrive meanwhile are dropped, not handed to the HTTP decoder.
        try channel.writeInbound(ByteBuffer(string: "rest of a body"))
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(completed, "released when the linger time is up")
    }
}

/// An embedded channel closes completely on any close; a socket shuts only its sending side on `.output`.
/// This handler, next to the channel's head, gives the embedded channel a socket's half-close.
final class HalfCloseSocket: ChannelOutboundHandler {
    typealias OutboundIn = Any

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode == .output { promise?.succeed(()) } else { context.close(mode: mode, promise: promise) }
    }
}
