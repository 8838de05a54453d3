import Foundation
import Testing

/// A curl command pasted into the real binary in tmux (a bracketed paste, as a terminal sends it) becomes a
/// draft, and the key inside it never reaches the screen.
@Suite("Paste import in tmux", .serialized)
struct PasteImportTests {
    static let key = "sk_live_tmuxPASTE9876543210"

    @Test func aPastedCurlBecomesADraftWithItsKeyHidden() throws {
        let t = try TmuxSession(width: 120, height: 36)
        try t.waitFor(text: "sandbox ready on 127.0.0.1:")
        let curl = """
            curl -X POST 'https://api.app.thrivestack.ai/api/track' \\
              -H 'x-api-key: \(Self.key)' \\
              -H 'Content-Type: application/json' \\
              -d '[{"event_name": "signed_in", "user_id": "tmux-paste-user", "timestamp": "2026-09-21T14:00:00Z"}]'
            """
        try t.paste(curl)
        let screen = try t.waitFor("the pasted event in the form and the preview") { rows in
            rows.contains { $0.contains("had an API key: K uses it") } && rows.contains { $0.contains("\"user_id\": \"tmux-paste-user\"") }
        }
        #expect(screen.contains { $0.contains("user_id") && $0.contains("tmux-paste-user") }, "the form shows the pasted event")
        #expect(!screen.joined().contains("tmuxPASTE"), "the key is not on screen")
        // Its newlines pressed nothing: no field opened, nothing sent, the app still running.
        #expect(!screen.contains { $0.contains("200 OK") })
        try t.send("q")
        #expect(try t.waitForExit().status == 0)
    }
}
