#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a short command with posix_spawn and waitpid.
///
/// Foundation's `Process.waitUntilExit` was seen to miss the exit of tmux's client (which forks its server)
/// and wait forever; spawning directly has no such monitor to go wrong.
public enum Spawn {
    public static func run(_ path: String, _ arguments: [String], captureOutput: Bool) throws -> (Int32, String) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var fds: [Int32] = [-1, -1]
        if captureOutput {
            guard pipe(&fds) == 0 else { throw SpawnError("pipe() failed") }
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let spawned = start(path, arguments, actions: &actions)
        if captureOutput { close(fds[1]) }
        guard case .success(let pid) = spawned else {
            if captureOutput { close(fds[0]) }
            if case .failure(let code) = spawned { throw SpawnError("cannot run \(path): error \(code.rawValue)") }
            throw SpawnError("cannot run \(path)")
        }
        var output = Data()
        if captureOutput {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n > 0 { output.append(contentsOf: buffer[0..<n]) } else if n == 0 || errno != EINTR { break }
            }
            close(fds[0])
        }
        return (wait(pid), String(decoding: output, as: UTF8.self))
    }

    /// Runs a program on the terminal (standard input, output and error inherited, as an editor needs them) and
    /// waits for it; nil when it could not be started. Returns the exit status (128 + N for a signal).
    public static func runOnTerminal(_ path: String, _ arguments: [String]) -> Int32? {
        guard case .success(let pid) = start(path, arguments, actions: nil) else { return nil }
        return wait(pid)
    }

    /// Starts `path` with a clean signal mask and default dispositions.
    private static func start(_ path: String, _ arguments: [String],
                              actions: UnsafePointer<posix_spawn_file_actions_t>?) -> Result<pid_t, SpawnErrorCode> {
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The calling thread may be a worker with signals blocked; a child inherits that mask, and a tmux
        // server that never sees SIGCHLD or SIGTERM never exits. Start the child with a clean slate.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let code = posix_spawn(&pid, path, actions, &attributes, argv, environ)
        return code == 0 ? .success(pid) : .failure(SpawnErrorCode(rawValue: code))
    }

    private static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// posix_spawn's error number.
struct SpawnErrorCode: Error {
    var rawValue: Int32
}

/// Why a command could not be started.
public struct SpawnError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
