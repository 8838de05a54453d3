import Foundation
import ProcessSpawn
import TerminalScreen
import ThriveCore
import ThriveNet
import ThriveUI

/// Figures for the UI: one keystroke (update + render) with a long history, and launch to first frame.
enum UIBench {
    static func keystroke(historyRows: Int) -> String {
        var state = AppState(size: Size(width: 120, height: 40), catalogue: .builtIn(),
                             target: TargetState(kind: .sandbox(port: 8787)))
        let builder = RequestBuilder(target: .sandbox(port: 8787), apiKey: "k")
        let request = builder.build(endpoint: .track, body: state.composer.body)
        for k in 0..<historyRows {
            let ok = HTTPResponse(status: k % 7 == 0 ? 400 : 200, headers: [], body: Data(#"{"success":true}"#.utf8))
            var entry = HistoryEntry(sentAt: Date(), request: request, target: "SANDBOX 127.0.0.1:8787")
            entry.status = .answered(status: ok.status)
            entry.latency = 0.012
            entry.summary = "\(ok.status) in 12 ms"
            state.history.append(entry, height: 10)
        }
        _ = update(&state, .terminal(.key(.backTab)))  // focus the history pane
        var samples: [Double] = []
        for k in 0..<2_000 {
            let key: Key = k % 400 < 200 ? .up : .down
            samples.append(Measure.seconds {
                _ = update(&state, .terminal(.key(key)))
                _ = render(state)
            })
        }
        var formSamples: [Double] = []
        _ = update(&state, .terminal(.key(.tab)))        // templates
        _ = update(&state, .terminal(.key(.enter)))      // a draft; focus on the form
        _ = update(&state, .terminal(.key(.enter)))      // edit a field
        for k in 0..<2_000 {
            formSamples.append(Measure.seconds {
                _ = update(&state, .terminal(.key(k % 2 == 0 ? .char("x") : .backspace)))
                _ = render(state)
            })
        }
        return "keystroke with \(historyRows) history rows at 120×40: history ↑/↓ " + Measure.summary(historyRows > 0 ? samples : [])
            + "; typing in a field " + Measure.summary(formSamples)
    }

    /// The release binary in tmux: time from spawn until the first full frame is on screen.
    static func launchToFirstFrame(binary: String, runs: Int = 7) -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else { return "launch: tmux not installed, skipped" }
        guard FileManager.default.isExecutableFile(atPath: binary) else { return "launch: \(binary) not found, skipped" }
        var frames: [Double] = [], ready: [Double] = []
        for k in 0..<runs {
            let socket = "thrive-bench-\(getpid())-\(k)"
            let start = ContinuousClock.now
            tmux(["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40",
                  "env -u THRIVESTACK_API_KEY TERM=xterm-256color \(binary); sleep 30"])
            var sawFrame = false
            while (ContinuousClock.now - start).seconds < 10 {
                let screen = tmux(["-L", socket, "capture-pane", "-p"])
                if !sawFrame, screen.contains("┌ History"), screen.contains("quit") {
                    frames.append((ContinuousClock.now - start).seconds)
                    sawFrame = true
                }
                if screen.contains("sandbox ready") { ready.append((ContinuousClock.now - start).seconds); break }
                usleep(500)
            }
            tmux(["-L", socket, "kill-server"])
        }
        return "launch to first full frame (release binary in tmux, includes tmux start-up and polling): "
            + Measure.summary(frames) + "; to sandbox ready: " + Measure.summary(ready)
    }

    @discardableResult
    static func tmux(_ arguments: [String]) -> String {
        (try? Spawn.run("/usr/bin/tmux", arguments, captureOutput: arguments.contains("capture-pane")))?.1 ?? ""
    }
}
