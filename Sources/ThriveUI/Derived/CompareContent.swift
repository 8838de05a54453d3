import Foundation
import TerminalScreen
import ThriveCore

/// The lines of the compare overlay: what differs between two sends, section by section, JSON-aware by path.
///
/// Only differences are listed (a section with none says "same"), because the point of comparing a failing
/// send with one that worked is to see the one field that changed among fifty that did not. Removed things
/// are in the error colour, added ones in the success colour, changed ones as old → new.
enum CompareContent {
    /// The most characters of one value shown; the rest is counted, so nothing is cut off unmarked.
    static let valueLimit = 1_000
    /// The most changed lines of a text body shown per side.
    static let lineLimit = 500
    /// The most JSON differences listed per body.
    static let diffLimit = 2_000

    static func lines(_ a: HistoryEntry, _ b: HistoryEntry) -> [StyledLine] {
        var out: [StyledLine] = [header(a, b), []]
        section("Request", request(a, b), into: &out)
        section("Request headers", headers(a.requestHeaders, b.requestHeaders), into: &out)
        section("Request body", json(a.requestBody, b.requestBody, batch: true), into: &out)
        section("Response", response(a, b), into: &out)
        section("Response headers", headers(a.responseHeaders, b.responseHeaders), into: &out)
        section("Response body", responseBody(a.responseBody, b.responseBody), into: &out)
        out.removeLast()
        return out
    }

    /// `A: 14:13:20 signed_up (marked) · B: 14:13:21 signed_in`
    static func header(_ a: HistoryEntry, _ b: HistoryEntry) -> StyledLine {
        [StyledRun("A: ", .muted), StyledRun(label(a), .text), StyledRun(" (marked)", .accent),
         StyledRun(" · ", .muted), StyledRun("B: ", .muted), StyledRun(label(b), .text)]
    }

    static func label(_ e: HistoryEntry) -> String {
        let names = e.eventNames
        let more = names.count > 1 ? " +\(names.count - 1)" : ""
        return "\(HistoryView.time(e.sentAt)) \(names.first ?? e.endpoint.rawValue)\(more)"
    }

    static func section(_ title: String, _ body: [StyledLine], into out: inout [StyledLine]) {
        out.append([StyledRun(title, .primary)])
        out += body.isEmpty ? [[StyledRun("  same", .muted)]] : body
        out.append([])
    }

    // MARK: - Sections

    static func request(_ a: HistoryEntry, _ b: HistoryEntry) -> [StyledLine] {
        var out: [StyledLine] = []
        let la = "\(a.method) \(a.url)", lb = "\(b.method) \(b.url)"
        if la != lb { out.append(changed("request", la, lb)) }
        if a.target != b.target { out.append(changed("target", a.target, b.target)) }
        return out
    }

    /// Headers by name, case-insensitively (HTTP says so); a repeated header compares as its joined values.
    static func headers(_ a: [Header], _ b: [Header]) -> [StyledLine] {
        func grouped(_ hs: [Header]) -> (order: [String], named: [String: Header]) {
            var order: [String] = [], named: [String: Header] = [:]
            for h in hs {
                let key = h.name.lowercased()
                if let seen = named[key] { named[key] = Header(seen.name, seen.value + ", " + h.value) } else { order.append(key); named[key] = h }
            }
            return (order, named)
        }
        let x = grouped(a), y = grouped(b)
        var out: [StyledLine] = []
        for key in x.order {
            let ha = x.named[key]!
            if let hb = y.named[key] {
                if ha.value != hb.value { out.append(changed(ha.name, ha.value, hb.value)) }
            } else {
                out.append(removed(ha.name, ha.value))
            }
        }
        for key in y.order where x.named[key] == nil { out.append(added(y.named[key]!.name, y.named[key]!.value)) }
        return out
    }

    static func json(_ a: JSONValue, _ b: JSONValue, batch: Bool = false) -> [StyledLine] {
        var out: [StyledLine] = []
        if batch, let x = a.arrayValue, let y = b.arrayValue, x.count != y.count {
            out.append(changed("batch", "\(x.count) events", "\(y.count) events"))
        }
        // A batch of one event on both sides reads as that event: `properties.plan`, not `[0].properties.plan`.
        var (a, b) = (a, b)
        if batch, let x = a.arrayValue, let y = b.arrayValue, x.count == 1, y.count == 1 { (a, b) = (x[0], y[0]) }
        let report = JSONDiff.report(a, b, limit: diffLimit)
        for change in report.changes {
            let path = change.path.description.isEmpty ? "(whole body)" : change.path.description
            switch change {
            case .added(_, let v): out.append(added(path, shown(v)))
            case .removed(_, let v): out.append(removed(path, shown(v)))
            case .changed(_, let old, let new): out.append(changed(path, shown(old), shown(new)))
            }
        }
        if report.omitted > 0 { out.append([StyledRun("  … \(report.omitted) more differences", .muted)]) }
        return out
    }

    static func response(_ a: HistoryEntry, _ b: HistoryEntry) -> [StyledLine] {
        var out: [StyledLine] = []
        let sa = statusText(a.status), sb = statusText(b.status)
        if sa != sb {
            out.append([StyledRun("  ~ ", .warning), StyledRun("status: ", .text), StyledRun(sa, DetailContent.statusRole(a.status)),
                        StyledRun(" → ", .muted), StyledRun(sb, DetailContent.statusRole(b.status))])
        }
        let oa = outcomeText(a.status), ob = outcomeText(b.status)
        if oa != ob { out.append(changed("outcome", oa, ob)) }
        return out
    }

    /// JSON by path when both bodies parse; otherwise the lines that differ.
    static func responseBody(_ a: String, _ b: String) -> [StyledLine] {
        if a == b { return [] }
        if !a.isEmpty, !b.isEmpty, let x = try? JSONParser.parse(a), let y = try? JSONParser.parse(b) { return json(x, y) }
        return text(a, b)
    }

    /// The changed middle of two texts, after their common first and last lines: linear, where a full line
    /// diff of two 10 MB bodies would not be.
    static func text(_ a: String, _ b: String) -> [StyledLine] {
        let x = a.isEmpty ? [] : DetailContent.rawLines(a), y = b.isEmpty ? [] : DetailContent.rawLines(b)
        var lo = 0
        while lo < x.count, lo < y.count, x[lo] == y[lo] { lo += 1 }
        var hx = x.count, hy = y.count
        while hx > lo, hy > lo, x[hx - 1] == y[hy - 1] { hx -= 1; hy -= 1 }
        var out: [StyledLine] = []
        if x.count > 1 || y.count > 1 { out.append([StyledRun("  from line \(lo + 1):", .muted)]) }
        for (sign, lines, role) in [("- ", x[lo..<hx], Role.error), ("+ ", y[lo..<hy], Role.success)] {
            for line in lines.prefix(lineLimit) { out.append([StyledRun("  " + sign, role), StyledRun(clip(line), role)]) }
            if lines.count > lineLimit { out.append([StyledRun("  … \(lines.count - lineLimit) more \(role == .error ? "removed" : "added") lines", .muted)]) }
        }
        return out
    }

    // MARK: - Words and lines

    static func statusText(_ s: HistoryEntry.Status) -> String {
        switch s {
        case .inFlight: return "in flight"
        case .interrupted: return "interrupted"
        case .failed(let kind, _): return "no response (\(kind))"
        case .answered(let code): return "\(code) \(reason(code))"
        }
    }

    static func outcomeText(_ s: HistoryEntry.Status) -> String {
        if case .failed(let kind, let message) = s { return "\(kind == "cancelled" ? "cancelled" : "failed"): \(message)" }
        switch s {
        case .inFlight: return HistoryOutcome.inFlight.rawValue
        case .interrupted: return HistoryOutcome.interrupted.rawValue
        default: return HistoryOutcome.answered.rawValue
        }
    }

    static func reason(_ code: Int) -> String { HTTPResponse.standardReason(code) ?? HTTPResponse.reasonPhrase(code) }

    static func shown(_ v: JSONValue) -> String { clip(v.compact()) }

    static func clip(_ s: String) -> String {
        guard s.utf8.count > valueLimit else { return s }
        let head = String(s.prefix(valueLimit))
        return head + "… (\(s.utf8.count - head.utf8.count) more bytes)"
    }

    static func changed(_ label: String, _ old: String, _ new: String) -> StyledLine {
        [StyledRun("  ~ ", .warning), StyledRun(label + ": ", .text), StyledRun(old, .error), StyledRun(" → ", .muted), StyledRun(new, .success)]
    }

    static func added(_ label: String, _ value: String) -> StyledLine {
        [StyledRun("  + ", .success), StyledRun(label + ": " + value, .success)]
    }

    static func removed(_ label: String, _ value: String) -> StyledLine {
        [StyledRun("  - ", .error), StyledRun(label + ": " + value, .error)]
    }
}
