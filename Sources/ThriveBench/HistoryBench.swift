import Foundation
import ProcessSpawn
import TerminalScreen
import ThriveCore
import ThriveHistory
import ThriveUI

/// Figures for the durable history at 100,000 rows against an empty store: keystrokes in the pane (↑/↓, PgDn,
/// typing a search), search time, and, for the real binary in tmux, first frame and resident memory.
enum HistoryBench {
    /// A scratch folder with `empty.sqlite` and `full.sqlite` (100k rows), made once per run.
    static func makeStores(rows: Int) throws -> (empty: URL, full: URL, fill: Double) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thrive-bench-history-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        let empty = dir.appendingPathComponent("empty.sqlite"), full = dir.appendingPathComponent("full.sqlite")
        _ = try SQLiteHistoryStore.open(at: empty)
        let store = try SQLiteHistoryStore.open(at: full)
        let fill = try Measure.seconds { try HistoryFixtures.fill(store, count: rows, seed: 20261128) }
        return (empty, full, fill)
    }

    static func keystrokes(store url: URL, rows: Int) throws -> String {
        let store = try SQLiteHistoryStore.open(at: url)
        var state = UIBench.state(history: store)
        _ = update(&state, .terminal(.key(.backTab)))  // focus the history pane
        func sample(_ n: Int, _ key: (Int) -> Key) -> [Double] {
            (0..<n).map { k in
                Measure.seconds {
                    _ = update(&state, .terminal(.key(key(k))))
                    _ = render(state)
                }
            }
        }
        let arrows = sample(2_000) { k in k % 400 < 200 ? .up : .down }
        _ = update(&state, .terminal(.key(.home)))
        let pageDown = sample(500) { _ in .pageDown }
        _ = update(&state, .terminal(.key(.end)))
        _ = update(&state, .terminal(.key(.char("/"))))
        let query = Array("signed_up user:u_42 status:2xx")
        var typing: [Double] = [], pauses: [Double] = []
        func pause() {
            pauses.append(Measure.seconds {
                _ = update(&state, .timer(.historySearch))
                _ = render(state)
            })
        }
        for _ in 0..<4 {
            for c in query {
                typing += sample(1) { _ in .char(c) }
                if c == " " { pause() }
            }
            pause()
            for _ in query { typing += sample(1) { _ in .backspace } }
            pause()
        }
        _ = update(&state, .terminal(.key(.escape)))
        let searches = ["signed_up", "status:4xx", "event:feature_used since:7d", "u_4242", "failed target:live", "\"plan\" pro"]
        var searchTimes: [String] = []
        // A store of its own: the pane's store has these counts cached from the typing above.
        let fresh = try SQLiteHistoryStore.open(at: url)
        for text in searches {
            let q = try HistoryQuery.parse(text, now: Date()).get()
            var n = 0
            let t = try Measure.seconds {
                n = try fresh.count(matching: q)
                _ = try fresh.summaries(matching: q, in: max(0, n - 40)..<n)
            }
            searchTimes.append("\(text) → \(n) in \(Measure.ms(t))")
        }
        return "history with \(rows) rows (SQLite, 120×40): ↑/↓ " + Measure.summary(arrows)
            + "\n  PgDn from the top " + Measure.summary(pageDown)
            + "\n  typing a search: each key " + Measure.summary(typing)
            + "\n  the search when typing pauses (query + first page + frame) " + Measure.summary(pauses)
            + "\n  search (count + last page): " + searchTimes.joined(separator: "; ")
    }

    /// First frame and resident memory of the release binary in tmux with the given store.
    static func launch(binary: String, store: URL, runs: Int = 5) -> (frame: [Double], rssKB: [Int]) {
        var frames: [Double] = [], rss: [Int] = []
        for k in 0..<runs {
            let socket = "thrive-bench-h-\(getpid())-\(k)"
            let start = ContinuousClock.now
            UIBench.tmux(["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40",
                          "env -u THRIVESTACK_API_KEY TERM=xterm-256color \(binary) --history \(store.path); sleep 30"])
            while (ContinuousClock.now - start).seconds < 10 {
                let screen = UIBench.tmux(["-L", socket, "capture-pane", "-p"])
                if screen.contains("┌ History"), screen.contains("quit") {
                    frames.append((ContinuousClock.now - start).seconds)
                    break
                }
                usleep(500)
            }
            usleep(300_000)  // settle: the sandbox has started, the page is loaded
            let pane = UIBench.tmux(["-L", socket, "list-panes", "-a", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            if let child = childPID(of: pane), let kb = residentKB(pid: child) { rss.append(kb) }
            UIBench.tmux(["-L", socket, "kill-server"])
        }
        return (frames, rss)
    }

    static func childPID(of parent: String) -> String? {
        guard let out = try? Spawn.run("/usr/bin/pgrep", ["-P", parent], captureOutput: true).1 else { return nil }
        return out.split(separator: "\n").first.map(String.init)
    }

    static func residentKB(pid: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    static func launchComparison(binary: String, empty: URL, full: URL, rows: Int) -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"), FileManager.default.isExecutableFile(atPath: binary) else {
            return "history launch: tmux or \(binary) missing, skipped"
        }
        // Interleaved so machine load hits both alike.
        var e: (frame: [Double], rssKB: [Int]) = ([], []), f: (frame: [Double], rssKB: [Int]) = ([], [])
        for _ in 0..<3 {
            let a = launch(binary: binary, store: empty, runs: 2), b = launch(binary: binary, store: full, runs: 2)
            e.frame += a.frame; e.rssKB += a.rssKB; f.frame += b.frame; f.rssKB += b.rssKB
        }
        // The same median Measure.summary prints, so the ratio matches the figures beside it.
        func median<T: Comparable>(_ xs: [T]) -> T? { xs.isEmpty ? nil : xs.sorted()[(xs.count - 1) / 2] }
        let ratio = (median(f.frame) ?? 0) / max(1e-9, median(e.frame) ?? 1)
        let rssE = median(e.rssKB) ?? 0, rssF = median(f.rssKB) ?? 0
        return "first frame, empty store: " + Measure.summary(e.frame) + "; \(rows) rows: " + Measure.summary(f.frame)
            + String(format: " (%.2f× the empty store)", ratio)
            + "\n  resident memory at the first frame: empty \(rssE / 1024) MB, \(rows) rows \(rssF / 1024) MB (growth \(String(format: "%.1f", Double(rssF - rssE) / 1024)) MB)"
    }
}
