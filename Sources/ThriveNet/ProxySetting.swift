import AsyncHTTPClient
import Foundation
import ThriveCore

/// The proxy a request goes through, chosen from the environment the way curl (and so URLSession on Linux) chooses:
/// `http_proxy` for http (lower case only, as curl does), `https_proxy`/`HTTPS_PROXY` for https, then
/// `all_proxy`/`ALL_PROXY`; `no_proxy`/`NO_PROXY` lists hosts and domains that go direct (`*` for all).
/// Loopback always goes direct: the embedded sandbox is there, and a proxy could not reach it.
struct ProxySetting: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case http, socks }
    var kind: Kind
    var host: String
    var port: Int
    var username: String?
    var password: String?

    var clientProxy: HTTPClient.Configuration.Proxy {
        switch kind {
        case .socks: return .socksServer(host: host, port: port)
        case .http:
            let authorization = username.map { HTTPClient.Authorization.basic(username: $0, password: password ?? "") }
            return .server(host: host, port: port, authorization: authorization)
        }
    }

    static func forURL(_ url: URL, environment: [String: String]) throws(ProxySettingError) -> ProxySetting? {
        guard let host = url.host?.lowercased(), let scheme = url.scheme?.lowercased() else { return nil }
        if isLoopback(host) || bypasses(host: host, environment: environment) { return nil }
        let names = scheme == "https" ? ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] : ["http_proxy", "all_proxy", "ALL_PROXY"]
        guard let name = names.first(where: { !(environment[$0] ?? "").isEmpty }), let value = environment[name] else { return nil }
        return try parse(value, variable: name)
    }

    static func parse(_ value: String, variable: String) throws(ProxySettingError) -> ProxySetting {
        let text = value.contains("://") ? value : "http://" + value
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw ProxySettingError(message: "\(variable) is not a proxy address (expected http://HOST:PORT): \(Self.shown(value))")
        }
        let kind: Kind
        switch components.scheme?.lowercased() {
        case "http": kind = .http
        case "socks5", "socks5h", "socks": kind = .socks
        default:
            throw ProxySettingError(message: "\(variable) uses \(components.scheme ?? "?")://, but only http:// and socks5:// proxies are supported")
        }
        let port = components.port ?? 1080  // curl's default for every proxy kind
        return ProxySetting(kind: kind, host: host, port: port,
                            username: components.percentEncodedUser.flatMap { $0.removingPercentEncoding },
                            password: components.percentEncodedPassword.flatMap { $0.removingPercentEncoding })
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    static func bypasses(host: String, environment: [String: String]) -> Bool {
        let list = environment["no_proxy"] ?? environment["NO_PROXY"] ?? ""
        for raw in list.split(separator: ",") {
            var entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry == "*" { return true }
            if let colon = entry.lastIndex(of: ":"), !entry.contains("]"), entry.firstIndex(of: ":") == colon { entry = String(entry[..<colon]) }
            while entry.hasPrefix(".") || entry.hasPrefix("*") { entry.removeFirst() }
            if entry.isEmpty { continue }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }

    /// A proxy URL may carry a password: only its scheme and host are echoed.
    private static func shown(_ value: String) -> String {
        guard let at = value.lastIndex(of: "@") else { return String(value.prefix(80)) }
        let scheme = value.range(of: "://").map { String(value[..<$0.upperBound]) } ?? ""
        return String((scheme + "…@" + value[value.index(after: at)...]).prefix(80))
    }
}

extension NetworkError {
    /// With a proxy, the connection that was refused or whose host did not resolve is the proxy's: say so, rather
    /// than blame the target the person typed.
    func through(_ proxy: ProxySetting?) -> NetworkError {
        guard let proxy else { return self }
        switch self {
        case .connectionRefused: return .connectionRefused(host: "\(proxy.host):\(proxy.port), the proxy")
        case .dnsFailure: return .dnsFailure(host: "\(proxy.host), the proxy")
        default: return self
        }
    }
}

/// A proxy variable that cannot be used, in one line naming the variable.
struct ProxySettingError: Error, Equatable {
    var message: String
}
