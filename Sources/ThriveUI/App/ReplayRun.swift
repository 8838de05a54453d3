import Foundation
import TerminalScreen
import ThriveCore

/// What the batch view asks the runtime to replay: the draft's events as they are now (fixes applied), with the
/// number and source line each was imported with, and where to send them.
///
/// A value, not the engine: the pure core only says what to send; the runtime builds the replay engine.
public struct BatchReplay: Sendable, Equatable {
    /// The events in draft order, each with its import number (the key of `ImportedBatch.sendStates`).
    public var events: [ImportedEvent]
    /// Events the form finds errors in, by number, with the first error: reported invalid, never sent.
    public var invalid: [Int: String]
    /// The target and key; the runtime takes its request builder (the sandbox gets the sandbox key).
    public var destination: Destination
    /// The badge the history and the replay journal name the target by (`SANDBOX 127.0.0.1:PORT`).
    public var target: String
    /// Requests in flight at once.
    public var concurrency: Int
    /// Events per second; nil for no limit.
    public var rate: Double?
    /// Send events the target already accepted; false skips them (exactly once).
    public var allowDuplicates: Bool
    /// The profile in use, which the history records with each request.
    public var profile: String?

    public init(events: [ImportedEvent], invalid: [Int: String], destination: Destination, target: String,
                concurrency: Int = 4, rate: Double? = nil, allowDuplicates: Bool = false, profile: String? = nil) {
        self.events = events; self.invalid = invalid; self.destination = destination; self.target = target
        self.concurrency = concurrency; self.rate = rate; self.allowDuplicates = allowDuplicates; self.profile = profile
    }
}

/// The UI's name for the engine's counts (the struct lives in ThriveCore so the pure core needs no replay module).
public typealias ReplayCounts = ReplayProgress

/// The replay in progress: one at a time, so a second `s` cannot send the same events twice.
public struct ReplayRun: Sendable, Equatable {
    public var id: UUID
    public var counts: ReplayCounts
    /// Set as soon as `p` is pressed, so the bar says so before the engine confirms.
    public var paused = false
    /// Cancel was confirmed: requests in flight are finishing.
    public var cancelling = false
    /// The target's badge, for the summary.
    public var target: String

    public init(id: UUID, total: Int, target: String) {
        self.id = id
        counts = ReplayCounts(total: total, left: total)
        self.target = target
    }
}

/// The words and bars of replay progress, shared by the batch view and the title bar.
public enum ReplayText {
    /// `[######----] 612/1,000 · accepted 600 · rejected 2 · skipped 10 · left 388 · 1,840 ev/s · ETA 0:12`.
    /// With `fitting`, narrower forms are tried (tighter separators, a shorter bar) before the end is cut, so a
    /// 100-column terminal still shows the rate and the ETA.
    public static func bar(_ run: ReplayRun, fitting room: Int? = nil) -> String {
        let full = bar(run, width: 10, separator: " · ")
        guard let room, DisplayWidth.of(full) > room else { return full }
        for (w, sep) in [(10, "  "), (6, "  "), (6, " "), (4, " ")] {
            let text = bar(run, width: w, separator: sep)
            if DisplayWidth.of(text) <= room { return text }
        }
        return TextFit.fit(bar(run, width: 4, separator: " "), room)
    }

    static func bar(_ run: ReplayRun, width: Int, separator: String) -> String {
        let c = run.counts
        let filled = c.total > 0 ? min(width, c.settled * width / c.total) : 0
        var parts = ["[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
                     + "\(grouped(c.settled))/\(grouped(c.total))"]
        parts += ["accepted \(grouped(c.accepted))", "rejected \(grouped(c.rejected))", "skipped \(grouped(c.skipped))"]
        if c.invalid > 0 { parts.append("invalid \(grouped(c.invalid))") }
        if c.unknown > 0 { parts.append("unknown \(grouped(c.unknown))") }
        parts.append("left \(grouped(c.left))")
        if run.cancelling {
            parts.append("cancelling…")
        } else if run.paused {
            parts.append("paused (p resumes)")
        } else {
            parts.append("\(grouped(Int(c.eventsPerSecond.rounded()))) ev/s")
            parts.append("ETA " + (c.eta.map(duration) ?? "–"))
        }
        return parts.joined(separator: separator)
    }

    /// `replay 612/1,000 · ETA 0:12`: the title bar's form, readable with the batch view closed.
    public static func compact(_ run: ReplayRun) -> String {
        let c = run.counts
        let head = "replay \(grouped(c.settled))/\(grouped(c.total))"
        if run.cancelling { return head + " · cancelling" }
        if run.paused { return head + " · paused (p)" }
        return head + " · ETA " + (c.eta.map(duration) ?? "–")
    }

    public static func grouped(_ n: Int) -> String { NumberText.grouped(n) }

    /// `0:12`, `12:05`, `1:02:03`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        let s = max(0, Int(seconds.rounded(.up)))
        if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }
        return String(format: "%d:%02d", s / 60, s % 60)
    }

    /// "replayed 1,000 events: 988 accepted, 2 rejected, 10 skipped as already accepted".
    public static func summary(_ c: ReplayCounts, cancelled: Bool) -> String {
        var parts = ["\(grouped(c.accepted)) accepted", "\(grouped(c.rejected)) rejected",
                     "\(grouped(c.skipped)) skipped as already accepted"]
        if c.invalid > 0 { parts.append("\(grouped(c.invalid)) invalid (not sent)") }
        if c.unknown > 0 { parts.append("\(grouped(c.unknown)) with an unknown outcome") }
        if cancelled {
            // Accepted events are skipped as duplicates next time, so `s` again sends only the rest.
            return "replay cancelled after \(grouped(c.settled)) of \(grouped(c.total)) events: " + parts.joined(separator: ", ")
                + (c.left > 0 ? "; \(grouped(c.left)) not sent (s sends only what is left)" : "")
        }
        return "replayed \(grouped(c.total)) event\(c.total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}

extension ReplayQuestion {
    /// The questions asked before sending to LIVE, which `a` can answer for the rest of the run.
    var asksAboutLive: Bool {
        switch self {
        case .sendLive, .sendDraftLive: return true
        default: return false
        }
    }
}
