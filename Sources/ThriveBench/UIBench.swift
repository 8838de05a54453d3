import Foundation
import ProcessSpawn
import TerminalScreen
import ThriveCore
import ThriveUI

/// Figures for the UI: one keystroke (update + render) with a long history, and launch to first frame.
enum UIBench {
    static func state(history: any HistoryStore = InMemoryHistoryStore()) -> AppState {
        AppState(size: Size(width: 120, height: 40), catalogue: .builtIn(),
                 destination: Destination(target: .sandbox(port: 8787)), history: history, now: Date(), ids: .seeded(1))
    }

    static func keystroke(historyRows: Int) -> String {
        let store = InMemoryHistoryStore()
        let body = state().composer.body
        let builder = RequestBuilder(target: .sandbox(port: 8787), apiKey: "k")
        let request = builder.build(endpoint: .track, body: body)
        var ids = IDSource.seeded(2)
        for k in 0..<historyRows {
            var entry = HistoryEntry(id: ids.next(), sentAt: Date(), request: request, target: "SANDBOX 127.0.0.1:8787")
            entry.status = .answered(status: k % 7 == 0 ? 400 : 200)
            entry.latency = 0.012
            entry.summary = "\(k % 7 == 0 ? 400 : 200) in 12 ms"
            store.record(entry)
        }
        var state = state(history: store)
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

    /// One keystroke (update + render at 120×40) with the 2 MB, 1,000-event batch loaded: moving in the form,
    /// typing into a field (the preview follows each key), toggling a value (a change to the draft), and
    /// scrolling the preview.
    static func keystrokeWithBatch() -> String {
        var state = state()
        guard let body = try? JSONParser.parse(data: CoreBench.bigBatch()) else { return "keystroke with a 1,000-event batch: the batch does not parse" }
        let load = Measure.seconds {
            state.composer.load(body: body, endpoint: .track)
            _ = update(&state, .terminal(.key(.tab)))  // focus the form
            _ = render(state)
        }
        func sample(_ n: Int, _ keys: (Int) -> [Key]) -> [Double] {
            (0..<n).map { k in
                Measure.seconds {
                    for key in keys(k) { _ = update(&state, .terminal(.key(key))) }
                    _ = render(state)
                }
            }
        }
        let move = sample(1_000) { k in [k % 40 < 20 ? .down : .up] }
        _ = update(&state, .terminal(.key(.home)))
        _ = update(&state, .terminal(.key(.down)))  // user_id, a string
        _ = update(&state, .terminal(.key(.enter)))
        let typing = sample(1_000) { k in [k % 2 == 0 ? .char("x") : .backspace] }
        _ = update(&state, .terminal(.key(.escape)))
        let change = sample(300) { _ in [.char("u")] }  // a fresh UUID in user_id: the draft changes
        let toggle = sample(300) { k in [.char("]")] + (k % 2 == 0 ? [] : [.char("[")]) }
        _ = update(&state, .terminal(.key(.tab)))  // the preview
        let scroll = sample(1_000) { k in [k % 200 < 100 ? .pageDown : .pageUp] }
        let all = move + typing + change + toggle + scroll
        return "keystroke with a 1,000-event batch: " + Measure.summary(all)
            + "\n  load the batch into the composer: " + Measure.ms(load)
            + "\n  form ↓/↑ " + Measure.summary(move) + "\n  typing in a field " + Measure.summary(typing)
            + "\n  changing a value (u on user_id) " + Measure.summary(change)
            + "\n  next/previous event ]/[ " + Measure.summary(toggle) + "\n  preview PgDn/PgUp " + Measure.summary(scroll)
    }

    /// "import 10,000 events and scroll the batch view": the reader on the NDJSON text (the runner's part, off
    /// the loop's thread), then `update` with the set (draft, findings, preview, batch view) and the first frame,
    /// then keys in the batch view, the errors filter and fix-all over every event, each with a frame.
    static func importAndScrollBatch(events: Int = 10_000) -> String {
        let lines = (1...events).map { k in
            let key = k % 3 == 0 ? "event" : "event_name"
            return #"{"\#(key)": "app_opened", "user_id": "user-\#(k)", "timestamp": "2026-09-21T14:00:00Z", "properties": {"plan": "pro", "seats": \#(k % 50)}}"#
        }
        let text = lines.joined(separator: "\n") + "\n"
        var set = ImportedSet()
        let read = Measure.seconds { set = EventImport.parse(text, name: "export.ndjson") }
        var state = state()
        let load = Measure.seconds {
            _ = update(&state, .fileImported(path: "export.ndjson", result: .success(set)))
            _ = render(state)
        }
        func sample(_ n: Int, _ key: (Int) -> Key) -> [Double] {
            (0..<n).map { k in Measure.seconds { _ = update(&state, .terminal(.key(key(k)))); _ = render(state) } }
        }
        let move = sample(1_000) { k in k % 400 < 200 ? .down : .up }
        let page = sample(400) { k in k % 100 < 50 ? .pageDown : .pageUp }
        let filter = sample(20) { _ in .char("e") }
        let fixAll = Measure.seconds { _ = update(&state, .terminal(.key(.char("F")))); _ = render(state) }
        return "import \(events.formatted()) events and scroll the batch view: read \(Measure.ms(read)), draft + batch view + first frame "
            + Measure.ms(load) + "\n  batch view ↓/↑ " + Measure.summary(move) + "\n  PgDn/PgUp " + Measure.summary(page)
            + "\n  e (errors only / all) " + Measure.summary(filter) + "\n  F (fix-all, \(state.status?.text ?? "")) " + Measure.ms(fixAll)
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
                  "env -u THRIVESTACK_API_KEY TERM=xterm-256color XDG_STATE_HOME=/tmp/thrive-bench-state-\(getpid()) \(binary); sleep 30"])
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
        (try? Spawn.run("/usr/bin/tmux", arguments, captureOutput: arguments.contains("capture-pane") || arguments.contains("list-panes")))?.1 ?? ""
    }
}
