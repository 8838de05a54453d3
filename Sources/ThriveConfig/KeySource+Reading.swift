import Foundation
import Synchronization

extension KeySource {
    /// How long a `key_command` may take: a password store waiting for a passphrase nobody can type (its
    /// input is /dev/null) must not hang the program.
    static let commandTimeout: TimeInterval = 15

    /// Reads the key. `profile` names the profile in messages; the key itself never appears in one.
    public func read(profile: String, environment: [String: String]) throws(ConfigError) -> APIKey {
        switch self {
        case .environment(let name):
            guard let v = environment[name]?.trimmingSpaces(andNewlines: true), !v.isEmpty else {
                throw ConfigError("profile \(profile): the environment variable \(name) is not set")
            }
            return APIKey(value: v, source: "$\(name) (profile \(profile))")
        case .file(let path):
            return try Settings.readKeyFile(path, source: "key_file of profile \(profile)", environment: environment)
        case .command(let command):
            let key = try Self.run(command, profile: profile, environment: environment)
            return APIKey(value: key, source: "key_command of profile \(profile)")
        }
    }

    /// Runs `command` with `/bin/sh -c`, input from /dev/null, and takes the first line of its output.
    static func run(_ command: String, profile: String, environment: [String: String]) throws(ConfigError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch {
            throw ConfigError("profile \(profile): key_command could not start: \(error.localizedDescription)")
        }
        // Read both pipes before waiting: a command that writes more than a pipe holds would otherwise block.
        let reader = PipeDrain(out, err)
        if done.wait(timeout: .now() + commandTimeout) == .timedOut {
            process.terminate()
            throw ConfigError("profile \(profile): key_command did not finish within \(Int(commandTimeout)) s")
        }
        let (stdout, stderr) = reader.finish()
        if process.terminationStatus != 0 {
            let why = stderr.split(whereSeparator: \.isNewline).first.map { ": \($0)" } ?? ""
            throw ConfigError("profile \(profile): key_command exited with status \(process.terminationStatus)\(why)")
        }
        guard let first = stdout.split(whereSeparator: \.isNewline).first?.trimmingSpaces(), !first.isEmpty else {
            throw ConfigError("profile \(profile): key_command printed no key")
        }
        return first
    }
}

/// Drains a process's output and error pipes on background threads, so neither can fill up and stall it.
private final class PipeDrain: Sendable {
    private let group = DispatchGroup()
    private let texts = Mutex<(out: String, err: String)>(("", ""))

    init(_ out: Pipe, _ err: Pipe) {
        for (pipe, isOut) in [(out, true), (err, false)] {
            group.enter()
            DispatchQueue.global().async { [self] in
                // Bounded: a key is short, and 64 KB of output is already a misconfigured command.
                let text = String(decoding: pipe.fileHandleForReading.readData(ofLength: 64 * 1024), as: UTF8.self)
                texts.withLock { if isOut { $0.out = text } else { $0.err = text } }
                group.leave()
            }
        }
    }

    func finish() -> (String, String) {
        _ = group.wait(timeout: .now() + 1)
        return texts.withLock { ($0.out, $0.err) }
    }
}
