import Foundation

/// Start-up and memory side by side with a floor: `thrive-floor`, the smallest Swift + Foundation + ncurses
/// program (built in the same package, same flags), run in the same tmux, interleaved with the inspector so
/// machine load hits both alike. Figures are printed as multiples of the floor's, so a reader sees how close the
/// inspector stands without trusting an absolute time.
enum FloorBench {
    /// One program's launches: time to its first full frame, and resident memory when it appeared.
    struct Launches {
        /// Seen in tmux: from starting tmux to the capture that shows the full frame, and VmRSS then.
        var frame: [Double] = []
        var rssKB: [Int] = []
        /// Reported by the program as its first full frame reaches the terminal (`cn_report_first_frame`): the
        /// same start, without the polling's lag and without what the program starts once the frame is up.
        var drawn: [Double] = [], drawnKB: [Int] = []
        /// From the shell's `exec` of the program to that frame: the program's own start-up, without tmux's.
        var fromExec: [Double] = []
        /// VmHWM (peak) half a second later, once the sandbox has started and the history is open.
        var peakKB: [Int] = []
    }

    struct Program {
        var name: String
        var binary: String
        /// `env` arguments the program runs with.
        var environment: String
        var ready: @Sendable (String) -> Bool
        /// Whether the binary writes `THRIVE_FIRST_FRAME_REPORT` (builds from before it do not). Reads the whole
        /// file: call it before the binary is dropped from the page cache.
        static func reports(_ binary: String) -> Bool {
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: binary), options: .alwaysMapped) else { return false }
            return data.range(of: Data("THRIVE_FIRST_FRAME_REPORT".utf8)) != nil
        }
    }

    static func inspector(_ binary: String, name: String = "thrive-inspector") -> Program {
        Program(name: name, binary: binary, environment: "-u THRIVESTACK_API_KEY TERM=xterm-256color XDG_STATE_HOME=/tmp/thrive-bench-floor-\(getpid())",
                ready: { $0.contains("┌ History") && $0.contains("quit") && $0.contains("SANDBOX") && $0.contains("signed_up") })
    }

    /// The floor (the base of every ratio, linked as the inspector is), the same floor as SwiftPM links by default
    /// (shared Swift runtime and Foundation), and the inspector, from the same build folder.
    static func standard(in folder: URL) -> [Program] {
        [floor(folder.appendingPathComponent("thrive-floor").path),
         floor(folder.appendingPathComponent("thrive-floor-shared").path, name: "floor, shared runtime (as SwiftPM links by default)"),
         inspector(folder.appendingPathComponent("thrive-inspector").path)]
    }

    static func floor(_ binary: String, name: String = "floor (Swift + Foundation + ncurses, static runtime)") -> Program {
        Program(name: name, binary: binary, environment: "TERM=xterm-256color",
                ready: { $0.contains("thrive-floor ready") && $0.contains("q quit") })
    }

    /// Runs each program `runs` times, round-robin, and prints medians and ratios to the first (the floor).
    static func compare(_ programs: [Program], runs: Int = 7) -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else { return "floor comparison: tmux not installed, skipped" }
        // `swift run thrive-bench` builds only the bench; the programs it times come from `swift build -c release`.
        if let missing = programs.first(where: { !FileManager.default.isExecutableFile(atPath: $0.binary) }) {
            return "floor comparison skipped: \(missing.binary) is not built (run swift build -c release first)"
        }
        let reporting = programs.map { Program.reports($0.binary) }
        programs.forEach { evictFromPageCache($0.binary) }
        var results = Array(repeating: Launches(), count: programs.count)
        for k in 0..<runs {
            for (i, p) in programs.enumerated() {
                launch(p, reports: reporting[i], socket: "thrive-floor-\(getpid())-\(k)-\(i)", into: &results[i])
            }
        }
        func median<T: Comparable>(_ xs: [T]) -> T? { xs.isEmpty ? nil : xs.sorted()[(xs.count - 1) / 2] }
        let base = results[0]
        func mb(_ kb: [Int]) -> Double { Double(median(kb) ?? 0) / 1024 }
        var lines = ["start-up and memory against the floor (tmux 120×40, median of \(runs), interleaved):"]
        for (p, r) in zip(programs, results) {
            let drawn = median(r.drawn) ?? .nan, frame = median(r.frame) ?? .nan
            let exec = median(r.fromExec) ?? .nan
            // THRIVE_BENCH_SAMPLES=1 prints every launch's figure: the first after eviction reads from disk.
            if getenv("THRIVE_BENCH_SAMPLES") != nil { lines.append("    from exec: " + r.fromExec.map { String(format: "%.1f", $0 * 1000) }.joined(separator: " ")) }
            lines.append(String(format: "  %@: first frame drawn at %.1f ms (%.2f× the floor, min %.1f; %.1f ms from exec, %.2f×), RSS then %.1f MB (%.2f×);",
                                p.name, drawn * 1000, drawn / (median(base.drawn) ?? .nan), (r.drawn.min() ?? .nan) * 1000,
                                exec * 1000, exec / (median(base.fromExec) ?? .nan), mb(r.drawnKB), mb(r.drawnKB) / mb(base.drawnKB)))
            lines.append(String(format: "      seen in tmux at %.1f ms (%.2f×), RSS then %.1f MB (%.2f×); peak %.1f MB",
                                frame * 1000, frame / (median(base.frame) ?? .nan), mb(r.rssKB), mb(r.rssKB) / mb(base.rssKB), mb(r.peakKB)))
        }
        return lines.joined(separator: "\n")
    }

    private static func launch(_ p: Program, reports: Bool, socket: String, into r: inout Launches) {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).first-frame").path
        defer { unlink(report); unlink(report + ".exec") }
        let started = monotonicNanoseconds(), start = ContinuousClock.now
        UIBench.tmux(["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40",
                      "env \(p.environment) THRIVE_FIRST_FRAME_REPORT=\(report) bash -c 'echo $EPOCHREALTIME > \(report).exec; exec \(p.binary)'; sleep 30"])
        var pid: String?
        defer {
            UIBench.tmux(["-L", socket, "kill-server"])
            // The next launch waits until this program has gone: on 2 cores its exit (the sandbox stopping, the
            // history closing) would otherwise run beside the next program's start and be counted in it.
            let deadline = ContinuousClock.now + .seconds(5)
            while let pid, isRunning(pid), ContinuousClock.now < deadline { usleep(1_000) }
        }
        // Polling tmux starts a tmux client every few hundred microseconds, a core's worth of work on this 2-core
        // machine: it waits until the program reports its frame, so a program that starts threads is not timed
        // against a busy core. A build without the report (an older one) is polled from the start.
        while reports, access(report, F_OK) != 0, (ContinuousClock.now - start).seconds < 10 { usleep(200) }
        while (ContinuousClock.now - start).seconds < 10 {
            let screen = UIBench.tmux(["-L", socket, "capture-pane", "-p"])
            if p.ready(screen) {
                r.frame.append((ContinuousClock.now - start).seconds)
                let pane = UIBench.tmux(["-L", socket, "list-panes", "-a", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
                pid = HistoryBench.childPID(of: pane)
                if let pid, let kb = status(pid: pid, "VmRSS:") { r.rssKB.append(kb) }
                break
            }
            usleep(300)
        }
        usleep(500_000)  // the sandbox has started, the first page of history is loaded
        if let pid, let kb = status(pid: pid, "VmHWM:") { r.peakKB.append(kb) }
        if let line = try? String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").first {
            let fields = line.split(separator: " ").compactMap { Int($0) }
            if fields.count == 3 {
                r.drawn.append(Double(fields[0] - started) / 1e9)
                r.drawnKB.append(fields[2])
                // bash's $EPOCHREALTIME: seconds and microseconds, just before it replaces itself with the program.
                if let exec = try? String(contentsOfFile: report + ".exec", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
                   let seconds = Double(exec.replacingOccurrences(of: ",", with: ".")) {
                    r.fromExec.append(Double(fields[1]) / 1e9 - seconds)
                }
            }
        }
    }

    /// Whether the process is alive and not a zombie waiting for a parent to reap it.
    static func isRunning(_ pid: String) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        // The state follows the command name, which is in parentheses and may itself hold spaces or parentheses.
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    /// CLOCK_MONOTONIC, the clock `cn_report_first_frame` stamps the frame with in the program.
    static func monotonicNanoseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1_000_000_000 + now.tv_nsec
    }

    /// A binary the linker has just written has every page in the page cache, and the kernel maps code 64 KB around
    /// each first touch from whatever is cached: the same program read 1.5 MB more at its first frame right after a
    /// link than after its pages had been read from disk once. Evicting each binary first puts every program in the
    /// state a person's launch sees: the first launch reads around what it touches, the median is the ones after.
    static func evictFromPageCache(_ binary: String) {
        let fd = open(binary, O_RDONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = fdatasync(fd)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
    }

    static func status(pid: String, _ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
}
