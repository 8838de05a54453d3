import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// The HTTP clients the senders share: one per connect timeout and proxy, made on the first send that needs it and
/// kept for the life of the process, so connections are reused across sends and senders.
///
/// Nothing here runs at launch: the first frame never waits for an event loop or a TLS context.
enum HTTPClients {
    private struct Key: Hashable {
        var connectMilliseconds: Int64
        var proxy: ProxySetting?
    }

    private static let clients = Mutex<[Key: HTTPClient]>([:])

    /// The client for `url`, and the proxy it goes through (nil: direct).
    static func client(for url: URL, connectTimeout: Double,
                       environment: [String: String]) throws(ProxySettingError) -> (HTTPClient, ProxySetting?) {
        let proxy = try ProxySetting.forURL(url, environment: environment)
        let key = Key(connectMilliseconds: Int64((min(86_400, max(0.001, connectTimeout)) * 1000).rounded(.up)), proxy: proxy)
        let client = clients.withLock { clients in
            if let made = clients[key] { return made }
            var configuration = HTTPClient.Configuration()
            let wait = TimeAmount.milliseconds(key.connectMilliseconds)
            // The same wait between bytes as for the connection: a server may think for the whole timeout.
            configuration.timeout = HTTPClient.Configuration.Timeout(connect: wait, read: wait)
            // A refused connection fails the send at once instead of being retried until the timeout.
            configuration.connectionPool.retryConnectionEstablishment = false
            configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
            configuration.proxy = proxy?.clientProxy
            let made = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[key] = made
            return made
        }
        return (client, proxy)
    }
}
