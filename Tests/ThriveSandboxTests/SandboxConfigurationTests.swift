import Foundation
import Testing
@testable import ThriveSandbox

@Suite("Sandbox configuration and start-up errors")
struct SandboxConfigurationTests {
    @Test func faultRatesOverOneAreRefusedInOneLine() async throws {
        let configuration = SandboxConfiguration(faults: [try FaultRule.parse("500:0.7"), try FaultRule.parse("503:0.6")])
        let error = #expect(throws: SandboxConfigurationError.self) { try configuration.validate() }
        #expect(error?.message == "fault rates add up to 1.3 (500:0.7, 503:0.6); together they must be at most 1, as a request gets at most one fault")
        #expect(error?.message.contains("\n") == false)
        // The server refuses it too, rather than quietly shortening the second rule.
        await #expect(throws: SandboxConfigurationError.self) { _ = try await SandboxServer(configuration: configuration).start() }
    }

    @Test(arguments: [["500:0.5", "503:0.5"], ["429:0.7", "500:0.2", "drop:0.1"], ["hang"]])
    func ratesUpToOneAreAccepted(rules: [String]) throws {
        try SandboxConfiguration(faults: rules.map { try FaultRule.parse($0) }).validate()
    }

    @Test(arguments: [
        (SandboxConfiguration(port: -1), "port must be between 0 and 65535, not -1"),
        (SandboxConfiguration(port: 65_536), "port must be between 0 and 65535, not 65536"),
        (SandboxConfiguration(faults: [FaultRule(.drop, probability: 1.5)]), "the rate must be a number from 0 to 1"),
        (SandboxConfiguration(eventByteCapacity: -1), "event byte capacity must not be negative"),
        (SandboxConfiguration(idleTimeout: .zero), "idle timeout must be longer than zero"),
        (SandboxConfiguration(requestTimeout: .zero), "request timeout must be longer than zero"),
        (SandboxConfiguration(maxConnections: 0), "connection limit must be at least 1"),
    ])
    func badValuesAreNamed(configuration: SandboxConfiguration, mentions: String) {
        let error = #expect(throws: SandboxConfigurationError.self) { try configuration.validate() }
        #expect(error?.message.contains(mentions) == true, "\(String(describing: error))")
    }

    @Test func permissionDeniedIsNotCalledABusyPort() {
        let denied = SandboxServerError.listenFailed(port: 80, errno: EACCES, fallback: "")
        #expect(denied.message.hasPrefix("sandbox could not listen on 127.0.0.1:80: permission denied"))
        #expect(!denied.message.contains("in use"))
        #expect(!denied.message.contains("another program"))
        let busy = SandboxServerError.listenFailed(port: 8787, errno: EADDRINUSE, fallback: "")
        #expect(busy.message.contains("address already in use"))
        #expect(!busy.message.contains("permission"))
    }

    /// Only meaningful without root, which may bind port 80.
    @Test(.enabled(if: getuid() != 0)) func bindingAPrivilegedPortSaysPermissionDenied() async throws {
        let server = SandboxServer(configuration: SandboxConfiguration(port: 80))
        let error = await #expect(throws: SandboxServerError.self) { _ = try await server.start() }
        #expect(error?.errno == EACCES)
        #expect(error?.message.contains("permission denied") == true)
    }

    @Test func connectionLimitsStayInsideTheDescriptorLimit() {
        let roomy = ConnectionLimits(maxConnections: 256, fileDescriptorLimit: 20_000)
        #expect(roomy.served == 256)
        #expect(roomy.accepted > roomy.served, "room to answer 503")
        #expect(ConnectionLimits(maxConnections: 256, fileDescriptorLimit: nil) == roomy)
        let tight = ConnectionLimits(maxConnections: 256, fileDescriptorLimit: 64)
        #expect(tight.accepted <= 32, "half the descriptors or more stay free for the rest of the process")
        #expect(tight.served < tight.accepted)
        #expect(tight.served >= 1)
        let tiny = ConnectionLimits(maxConnections: 1, fileDescriptorLimit: 3)
        #expect(tiny.served == 1)
    }

    @Test func defaultsAreBounded() {
        let defaults = SandboxConfiguration()
        #expect(defaults.eventByteCapacity == 64 * 1024 * 1024)
        #expect(defaults.idleTimeout > .zero && defaults.requestTimeout > .zero)
        #expect(defaults.maxConnections > 0)
    }
}
