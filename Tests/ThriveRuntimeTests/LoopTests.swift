import Foundation
import TerminalScreen
import Testing
import ThriveCore
import ThriveRuntime
import ThriveSandbox
import ThriveUI

/// The real loop, effect runner and mailbox, driven in-process through the test backend: keys in, screens out.
@Suite("UI loop through the test backend")
struct LoopTests {
    @Test func aSendRoundTripsThroughTheSandbox() async throws {
        let app = LoopHarness()
        await app.waitForScreen(containing: "sandbox ready on 127.0.0.1:")
        app.backend.press(.enter)          // a signed_up draft, the form focused
        await app.waitForScreen(containing: "new signed_up draft")
        app.backend.press(.ctrl("s"))
        let screen = await app.waitForScreen(containing: "200 OK in")
        #expect(screen.contains("signed_up"))
        let received = app.sandbox.receivedEvents()
        #expect(received.count == 1, "the sandbox got exactly one event")
        #expect(received.first?.event["event_name"] == .string("signed_up"))
        await app.quit()
    }

    @Test func aResizeRedrawsAtTheNewSize() async throws {
        let app = LoopHarness(size: Size(width: 100, height: 30))
        await app.waitForScreen(containing: "sandbox ready")
        app.backend.resize(to: Size(width: 80, height: 24))
        await app.waitForScreen("an 80×24 frame") { _ in app.backend.screen?.size == Size(width: 80, height: 24) }
        app.backend.resize(to: Size(width: 50, height: 12))
        await app.waitForScreen(containing: "Terminal too small")
        app.backend.resize(to: Size(width: 120, height: 40))
        let big = await app.waitForScreen(containing: "┌ History")
        #expect(app.backend.screen?.size == Size(width: 120, height: 40))
        #expect(big.contains("Templates"))
        await app.quit()
    }

    @Test func aBurstOfTenKeysMovesTenRows() async throws {
        let app = LoopHarness(size: Size(width: 120, height: 40))
        await app.waitForScreen(containing: "sandbox ready")
        // All ten arrive in one read, as from a fast typist or key repeat: each must be a key.
        app.backend.type("jjjjjjjjjj")
        let screen = await app.waitForScreen("the selection ten rows down") { $0.contains("› user_enriched") }
        #expect(!screen.contains("paste ignored"))
        await app.quit()
    }

    @Test func aBracketedPasteIsTextNotKeys() async throws {
        let app = LoopHarness(size: Size(width: 120, height: 40))
        await app.waitForScreen(containing: "sandbox ready")
        app.backend.press(.enter)       // form focused, on properties.user_email
        await app.waitForScreen(containing: "new signed_up draft")
        app.backend.press(.enter, .ctrl("u"))
        // A newline inside a paste is text: it must not commit the field or act as Enter anywhere.
        app.backend.paste("pasted@example.com\nq")
        let typed = await app.waitForScreen(containing: "pasted@example.com q")
        #expect(!typed.contains("user_email set"), "the pasted newline did not press Enter")
        app.backend.press(.enter)
        await app.waitForScreen(containing: "properties.user_email set")
        // Outside a field a paste loads nothing and presses nothing.
        app.backend.press(.tab, .tab)
        app.backend.paste("j\nj\n")
        await app.waitForScreen(containing: "paste ignored")
        await app.quit()
    }

    @Test func themeChangesAreEffectsTheBackendSees() async throws {
        let app = LoopHarness()
        await app.waitForScreen(containing: "sandbox ready")
        app.backend.type("t")
        await app.waitForScreen(containing: "theme: light")
        #expect(app.backend.paletteChanges.map(\.name) == ["light"])
        app.backend.press(.ctrl("z"))
        await app.waitForScreen("a frame after the suspend") { _ in app.backend.suspendCount == 1 }
        await app.quit()
    }
}
