import Foundation
import ThriveCore
import Synchronization
import ThriveReplay

/// Shows a replay's progress on stderr: a one-line bar redrawn in place when stderr is a terminal, plain lines at
/// most once a second otherwise (a log file or CI must not get a line per request), plus one line per retry notice.
///
/// Called from the engine's `onUpdate` (on the engine's actor) and from the command; the state sits behind a mutex
/// so both can call it without a data race.
final class ReplayProgressPrinter: Sendable {
    private struct State {
        var last: ReplayProgress?
        var lastDraw: ContinuousClock.Instant?
        /// True while the cursor sits at the end of a drawn bar (so the next line must clear it first).
        var barShown = false
        var finished = false
    }

    private let interactive: Bool
    private let interval: Duration
    private let state = Mutex(State())

    init(interactive: Bool = isatty(2) == 1) {
        self.interactive = interactive
        // Redrawing a bar more often than the eye can follow only costs syscalls; plain lines go to logs.
        interval = interactive ? .milliseconds(100) : .seconds(1)
    }

    func handle(_ update: ReplayUpdate) {
        switch update {
        case .progress(let p): progress(p)
        case .events: break
        case .retrying(let request, let attempt, let reason, let delay):
            notice("request \(request + 1): \(reason); retry \(attempt) in \(String(format: "%.1f", delay)) s")
        }
    }

    /// A line of its own (a retry, a cancel notice), without tearing the bar.
    func notice(_ text: String) {
        state.withLock { s in
            var out = s.barShown ? "\r\u{1B}[K" : ""
            out += text + "\n"
            if interactive, let p = s.last, !s.finished { out += Self.bar(p) }
            s.barShown = interactive && s.last != nil && !s.finished
            FileHandleWriter.write(out, fd: 2)
        }
    }

    private func progress(_ p: ReplayProgress) {
        state.withLock { s in
            guard !s.finished else { return }
            s.last = p
            let now = ContinuousClock.now
            if let last = s.lastDraw, now - last < interval { return }
            s.lastDraw = now
            draw(p, &s)
        }
    }

    /// Draws the final counts (so the bar ends at the real figures) and leaves the cursor on a fresh line.
    func finish(_ p: ReplayProgress) {
        state.withLock { s in
            guard !s.finished else { return }
            draw(p, &s)
            if s.barShown { FileHandleWriter.write("\n", fd: 2) }
            s.barShown = false
            s.finished = true
        }
    }

    private func draw(_ p: ReplayProgress, _ s: inout State) {
        if interactive {
            FileHandleWriter.write("\r\u{1B}[K" + Self.bar(p), fd: 2)
            s.barShown = true
        } else {
            FileHandleWriter.write(Self.counts(p) + "\n", fd: 2)
        }
    }

    /// `[#########-----] 612/1,000 accepted 600 rejected 2 skipped 10 left 388 · 1,840 ev/s · ETA 0:12`
    static func bar(_ p: ReplayProgress, width: Int = 20) -> String {
        let done = p.total - p.left
        let filled = p.total > 0 ? min(width, done * width / p.total) : width
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] " + counts(p)
    }

    static func counts(_ p: ReplayProgress) -> String {
        var text = "\(grouped(p.total - p.left))/\(grouped(p.total)) accepted \(grouped(p.accepted)) rejected \(grouped(p.rejected))"
            + " skipped \(grouped(p.skipped))"
        if p.invalid > 0 { text += " invalid \(grouped(p.invalid))" }
        if p.unknown > 0 { text += " unknown \(grouped(p.unknown))" }
        text += " left \(grouped(p.left))"
        if p.eventsPerSecond > 0 { text += " · \(grouped(Int(p.eventsPerSecond.rounded()))) ev/s" }
        if let eta = p.eta, eta.isFinite, p.left > 0 { text += " · ETA \(clock(eta))" }
        if p.paused { text += " · paused" }
        if p.cancelled { text += " · stopping" }
        return text
    }

    /// `0:12`, `12:05`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let t = Int(seconds.rounded(.up))
        let (h, m, sec) = (t / 3600, t / 60 % 60, t % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, sec) : String(format: "%d:%02d", m, sec)
    }

    static func grouped(_ n: Int) -> String { NumberText.grouped(n) }
}
