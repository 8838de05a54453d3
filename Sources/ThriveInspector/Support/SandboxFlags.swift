import ArgumentParser
import ThriveSandbox

/// Fault-injection flags for a sandbox: the standalone `sandbox` command and the UI's embedded one.
struct SandboxFlags: ParsableArguments {
    @Option(name: .customLong("fault"), parsing: .singleValue,
            help: ArgumentHelp("Sandbox fault: 429:RATE[:retry=S], 500:RATE, 503:RATE, hang:RATE, drop:RATE (repeatable).", valueName: "KIND:RATE"))
    var faults: [String] = []

    @Option(help: ArgumentHelp("Delay every sandbox answer: 200ms, 1s, or a range 50ms-300ms.", valueName: "DURATION"))
    var latency: String?

    @Option(help: "Seed for the sandbox's fault draws, so a demo behaves the same every time.")
    var seed: UInt64?

    /// The sandbox configuration these flags describe, on `port`.
    func configuration(port: Int) throws -> SandboxConfiguration {
        try Self.configuration(port: port, faults: faults, latency: latency, seed: seed)
    }

    /// The sandbox configuration for `--fault`, `--latency` and `--seed` values, on `port`.
    static func configuration(port: Int, faults: [String], latency: String?, seed: UInt64?) throws -> SandboxConfiguration {
        var config = SandboxConfiguration(port: port)
        do {
            config.faults = try faults.map { try FaultRule.parse($0) }
            config.latency = try latency.map { try Latency.parse($0) }
            config.seed = seed
            // Each rule can be fine and the set still not (rates adding up to more than 1): refused here in one line.
            try config.validate()
        } catch { throw CLIError("\(error)") }
        return config
    }
}
