import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import ThriveCore
@testable import ThriveNet
import ThriveTestSupport

/// Proxies are chosen from the environment as curl chose them when the sender was URLSession, so a person behind a
/// corporate proxy keeps working, and loopback (the sandbox) always goes direct.
@Suite("Proxies from the environment")
struct ProxySettingTests {
    let api = URL(string: "https://api.app.thrivestack.ai/api/track")!
    let plain = URL(string: "http://staging.example.test:8080/api/track")!

    @Test func httpsUsesHttpsProxyInEitherCase() throws {
        for name in ["https_proxy", "HTTPS_PROXY"] {
            let p = try #require(try ProxySetting.forURL(api, environment: [name: "http://proxy.corp:3128"]))
            #expect(p == ProxySetting(kind: .http, host: "proxy.corp", port: 3128))
        }
    }

    @Test func plainHttpUsesOnlyLowerCaseHttpProxy() throws {
        #expect(try ProxySetting.forURL(plain, environment: ["HTTP_PROXY": "http://proxy.corp:3128"]) == nil, "as curl: HTTP_PROXY is ignored (httpoxy)")
        #expect(try ProxySetting.forURL(plain, environment: ["http_proxy": "proxy.corp:3128"])?.host == "proxy.corp")
        #expect(try ProxySetting.forURL(plain, environment: ["https_proxy": "proxy.corp:3128"]) == nil)
    }

    @Test func allProxyIsTheFallbackAndSocksIsUnderstood() throws {
        let p = try #require(try ProxySetting.forURL(api, environment: ["ALL_PROXY": "socks5://127.0.0.2"]))
        #expect(p.kind == .socks && p.port == 1080)
    }

    @Test func credentialsAreTaken() throws {
        let p = try #require(try ProxySetting.forURL(api, environment: ["https_proxy": "http://me:p%40ss@proxy.corp:8080"]))
        #expect(p.username == "me" && p.password == "p@ss")
    }

    @Test func noProxyAndLoopbackGoDirect() throws {
        let env = ["https_proxy": "http://proxy.corp:3128", "http_proxy": "http://proxy.corp:3128"]
        #expect(try ProxySetting.forURL(api, environment: env.merging(["no_proxy": ".thrivestack.ai"]) { $1 }) == nil)
        #expect(try ProxySetting.forURL(api, environment: env.merging(["NO_PROXY": "example.test, thrivestack.ai"]) { $1 }) == nil)
        #expect(try ProxySetting.forURL(api, environment: env.merging(["no_proxy": "*"]) { $1 }) == nil)
        #expect(try ProxySetting.forURL(api, environment: env.merging(["no_proxy": "stack.ai"]) { $1 }) != nil, "a suffix must end at a dot")
        for sandbox in ["http://127.0.0.1:4000/api/track", "http://localhost:4000/api/track", "http://[::1]:4000/api/track"] {
            #expect(try ProxySetting.forURL(URL(string: sandbox)!, environment: env) == nil, "\(sandbox)")
        }
    }

    @Test func aBadProxyIsOneLineNamingTheVariableAndNotThePassword() {
        #expect(throws: ProxySettingError.self) { try ProxySetting.forURL(api, environment: ["https_proxy": "ftp://me:secret@proxy.corp"]) }
        do {
            _ = try ProxySetting.forURL(api, environment: ["https_proxy": "http://me:secret@"])
            Issue.record("an empty host is refused")
        } catch {
            #expect(error.message.hasPrefix("https_proxy is not a proxy address"))
            #expect(!error.message.contains("secret"))
        }
    }

    /// A proxy that is not there is named as the one that refused, not the target the person typed.
    @Test func aRefusedProxyIsNamed() async throws {
        let port = try closedPort()
        let request = RequestBuilder(target: .custom(URL(string: "https://events.example.test/api")!), apiKey: testKey)
            .build(endpoint: .track, body: try JSONParser.parse(#"[{"event_name":"x"}]"#))
        let sender = HTTPSender(configuration: SenderConfiguration(timeout: 10, retry: .none),
                                environment: ["https_proxy": "http://127.0.0.1:\(port)"])
        let report = await sender.send(request)
        #expect(report.summary == "connection refused by 127.0.0.1:\(port), the proxy (is the server running?)")
    }

    /// The request really goes through the proxy: a proxy on loopback tunnels it (CONNECT, as AsyncHTTPClient asks
    /// every proxy) and answers for a host that does not exist.
    @Test func aRequestGoesThroughTheProxy() async throws {
        let (fd, port) = try boundSocket(listening: true)
        defer { close(fd) }
        let heard = Recorder<String>()
        let proxy = Thread {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            defer { close(client) }
            func readHead() -> String {
                var buffer = [UInt8](repeating: 0, count: 1)
                var text = ""
                while !text.hasSuffix("\r\n\r\n"), read(client, &buffer, 1) == 1 { text += String(decoding: buffer, as: UTF8.self) }
                return text
            }
            heard.append(readHead())
            let established = Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8)
            _ = write(client, established, established.count)
            heard.append(readHead())
            let reply = Array("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 15\r\nconnection: close\r\n\r\n{\"via\":\"proxy\"}".utf8)
            _ = write(client, reply, reply.count)
        }
        proxy.start()
        let request = RequestBuilder(target: .custom(URL(string: "http://events.example.test/api")!), apiKey: testKey)
            .build(endpoint: .track, body: try JSONParser.parse(#"[{"event_name":"x"}]"#))
        let sender = HTTPSender(configuration: SenderConfiguration(timeout: 10, retry: .none),
                                environment: ["http_proxy": "http://127.0.0.1:\(port)"])
        let report = await sender.send(request)
        #expect(report.response?.status == 200, "\(report.summary)")
        #expect(report.response.map { String(decoding: $0.body, as: UTF8.self) } == #"{"via":"proxy"}"#)
        let lines = heard.values.map { $0.split(separator: "\r\n").first.map(String.init) ?? "" }
        #expect(lines == ["CONNECT events.example.test:80 HTTP/1.1", "POST /api/track HTTP/1.1"])
    }
}
