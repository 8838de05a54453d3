import Foundation

/// The `thrive-inspector` executable that `swift test` built, and a way to run it to completion.
enum BuiltBinary {
    /// Next to the test bundle (SwiftPM puts products and the `.xctest` in one folder), whatever the scratch path.
    static let url: URL = {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for dir in candidates {
            var d = dir
            // The .xctest may be a bundle folder on some platforms: walk up until the binary is beside us.
            for _ in 0..<4 {
                let exe = d.appendingPathComponent("thrive-inspector")
                if fm.isExecutableFile(atPath: exe.path) { return exe }
                d = d.deletingLastPathComponent()
            }
        }
        return root.appendingPathComponent(".build/debug/thrive-inspector")
    }()

    /// What a finished run printed and how it ended.
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary with `arguments` and waits, with a clean environment (no key, a private config folder).
    static func run(_ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil,
                    timeout: TimeInterval = 60) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["THRIVESTACK_API_KEY"] = nil
        env["XDG_CONFIG_HOME"] = FileManager.default.temporaryDirectory
            .appendingPathComponent("thrive-inspector-tests-\(UUID().uuidString)").path
        // History goes to a private folder too: tests never write into the developer's own history.
        env["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory
            .appendingPathComponent("thrive-inspector-state-\(UUID().uuidString)").path
        for (k, v) in extra { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes while the process runs, so a chatty child never blocks on a full pipe.
        let outData = Reader(out.fileHandleForReading), errData = Reader(err.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: outData.text(), stderr: errData.text())
    }
}

/// Collects everything a pipe delivers on a background thread.
final class Reader: @unchecked Sendable {
    // @unchecked: `data` is written only by the reading thread and read only after `done` is signalled.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
