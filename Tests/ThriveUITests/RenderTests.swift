import Foundation
import TerminalScreen
import Testing
import ThriveCore

@testable import ThriveUI

@Suite("Rendered screens")
struct RenderTests {
    @Test func mainScreen80x24() throws {
        try Golden.check(render(Fixtures.state()), "main-80x24")
    }

    @Test func mainScreen120x40() throws {
        var s = Fixtures.state(width: 120, height: 40)
        _ = Fixtures.key(&s, .tab)
        try Golden.check(render(s), "main-120x40")
    }

    @Test func helpOverlay() throws {
        var s = Fixtures.state()
        _ = Fixtures.key(&s, .char("?"))
        let buf = render(s)
        #expect(buf.text.contains("send the request"))
        try Golden.check(buf, "help-80x24")
    }

    @Test func formWithFindings() throws {
        var s = Fixtures.state(width: 100, height: 30)
        _ = Fixtures.key(&s, .enter) // signed_up draft, focus on the form
        s.composer.set(.string("20-11-23T22:28:55.111Z"), at: JSONPointer(["timestamp"]))
        s.composer.set(nil, at: JSONPointer(["properties", "user_email"]))
        s.composer.selection = s.composer.rows.firstIndex { $0.path == JSONPointer(["timestamp"]) }!
        _ = update(&s, .terminal(.resize(s.size)))  // views read derived state: let update bring it up to date
        let buf = render(s)
        #expect(buf.text.contains("✗"))
        #expect(buf.text.contains("must have four digits"))
        try Golden.check(buf, "form-findings-100x30")
    }

    @Test func historyWithSuccessAndErrors() throws {
        var s = Fixtures.state(width: 100, height: 30)
        for (k, outcome) in ["ok", "400", "refused", "timeout", "500"].enumerated() {
            let (id, request) = try Fixtures.send(&s)
            s.now = Fixtures.now.addingTimeInterval(Double(k))
            let report: SendReport
            switch outcome {
            case "ok": report = Fixtures.report(request, status: 200, body: #"{"success":true,"eventId":"evt_1"}"#)
            case "400": report = Fixtures.report(request, status: 400, body: #"{"success":false,"error":"user_id is required"}"#, latency: 0.004)
            case "refused": report = Fixtures.failure(request, .connectionRefused(host: "127.0.0.1:9"))
            case "timeout": report = Fixtures.failure(request, .timedOut(seconds: 30))
            default: report = Fixtures.report(request, status: 500, body: "oops", latency: 0.1)
            }
            _ = update(&s, .sendFinished(id: id, report: report))
        }
        _ = Fixtures.key(&s, .tab, .tab, .tab)
        let buf = render(s)
        #expect(buf.text.contains("refused"))
        #expect(buf.text.contains("connection refus"), "the failure in words, cut with a mark at 100 columns")
        try Golden.check(buf, "history-100x30")
        // Roles by status class, so themes colour them.
        let y = (0..<buf.size.height).first { buf.line($0).contains(" 200 ") }!
        let line = buf.line(y)
        let x = line.distance(from: line.startIndex, to: line.range(of: " 200 ")!.lowerBound) + 1
        #expect(buf[x, y].fg == .status2xx)
    }

    @Test func tooSmall() throws {
        let buf = render(Fixtures.state(width: 50, height: 12))
        #expect(buf.text.contains("Terminal too small"))
        try Golden.check(buf, "too-small-50x12")
    }

    @Test func rawModeKeepsBrokenTextAndShowsPosition() throws {
        var s = Fixtures.state()
        _ = Fixtures.key(&s, .enter, .function(2), .pageDown, .pageDown, .pageDown, .pageDown, .end)
        Fixtures.type(&s, ",")
        let buf = render(s)
        #expect(buf.text.contains("✗"))
        #expect(s.composer.raw.text.hasSuffix("],"))
        try Golden.check(buf, "raw-error-80x24")
    }

    @Test func liveBadgeIsUnmistakable() {
        var s = Fixtures.state()
        s.destination = Destination(target: .live, apiKey: "sk_live_abcdefghijklmnop")
        _ = update(&s, .terminal(.resize(s.size)))
        let buf = render(s)
        #expect(buf.line(0).contains("LIVE api.app.thrivestack.ai"))
        #expect(!buf.text.contains("sk_live_abcdefghijklmnop"))
        #expect(buf.text.contains("••••••••mnop"))
    }
}

@Suite("Rendered overlays")
struct OverlayRenderTests {
    @Test func detailsShowTheWholeRequestAndEndShowsTheLastPage() throws {
        var s = Fixtures.state(width: 120, height: 40)
        let (id, r) = try Fixtures.send(&s)
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(r, status: 200, body: #"{"success":true,"eventId":"evt_1"}"#)))
        s.focus = .history
        _ = Fixtures.key(&s, .enter)
        let top = render(s).text
        #expect(top.contains("x-api-key: ••••••••"))
        #expect(top.contains(#""event_name": "signed_up""#), "\(top)")
        _ = Fixtures.key(&s, .end)
        let bottom = render(s).text
        #expect(bottom.contains(#""eventId": "evt_1""#), "\(bottom)")
    }
}
