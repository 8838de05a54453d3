import Foundation
import ProcessSpawn
import Testing
import ThriveCore
#if canImport(Glibc)
import Glibc
#endif

/// Copy as code through OSC 52, the `$EDITOR` round trip, and the theme that sticks.
extension SharingEndToEndTests {
    @Test func copyPutsTheSnippetOnTheClipboard() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let key = "copy-key-abcdefgh98765432"
        // A custom target carries the real key (the sandbox would get its own); nothing is sent in this test.
        let t = try TmuxSession(["--base-url", "http://127.0.0.1:9/api"], width: 130, height: 36,
                                environment: folder.environment(["THRIVESTACK_API_KEY": key]))
        try tmux(t, ["set-option", "-s", "set-clipboard", "on"])
        try t.waitFor("the CUSTOM badge") { rows in rows.first?.contains("CUSTOM 127.0.0.1:9") ?? false }
        #expect(try tmux(t, ["show-buffer"]) == nil, "no buffer before the copy")

        try t.send("c")
        try t.waitFor("the copy menu, key masked") { rows in
            rows.contains { $0.contains("Copy the draft as · key masked") } && rows.contains { $0.contains("▸ curl") }
        }
        try t.send("Enter")
        try t.waitFor(text: "copied as curl")
        let curl = try waitForBuffer(t, "a curl command") { $0.hasPrefix("curl ") }
        #expect(curl.contains(SecretMask.mask(key)), "the masked key: \(curl)")
        #expect(!curl.contains(key), "the key itself is not in the masked snippet")
        #expect(curl.contains("http://127.0.0.1:9/api/track"), "\(curl)")

        try t.send("c")
        try t.waitFor(text: "▸ curl")
        try t.send("Down", "Down", "Down")
        try t.waitFor(text: "▸ Python requests")
        try t.send("k")
        try t.waitFor(text: "Copy the draft as · key SHOWN")
        try t.send("Enter")
        try t.waitFor(text: "copied as Python requests")
        let python = try waitForBuffer(t, "a Python program") { $0.contains("import requests") }
        #expect(python.contains(key), "k put the key in: \(python)")
        #expect(!python.contains(SecretMask.mask(key)), "\(python)")
        #expect(!python.hasPrefix("curl "))

        try t.send("q")
        #expect(try t.waitForExit().status == 0)
    }

    // MARK: - Your editor

    @Test func editorRoundTrip() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let editor = try folder.write("#!/bin/sh\nsed -i 's/Jane Doe/Joan Edited/' \"$1\"\n", to: "edit.sh", executable: true)
        let t = try TmuxSession(width: 160, height: 40,
                                environment: folder.environment(["EDITOR": editor.path, "VISUAL": editor.path]))
        try t.waitFor(text: "sandbox ready on 127.0.0.1:")
        try t.waitFor("the draft with Jane Doe") { rows in rows.contains { $0.contains("\"Jane Doe\"") } }
        try t.send("Tab")
        try t.waitFor(text: "┌ Form:")
        try t.send("e")
        let screen = try t.waitFor("the edited name in the form and the preview") { rows in
            rows.contains { $0.contains("took the editor's text: 1 event") }
                && rows.contains { $0.contains("\"Joan Edited\"") }
                && rows.contains { $0.contains("Joan Edited") && !$0.contains("\"Joan Edited\"") }
        }
        #expect(!screen.contains { $0.contains("Jane Doe") }, "the old name is gone:\n\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("┌ Form:") }, "back in the form, not the raw editor")
        // The edited draft is what is sent.
        try t.send("C-s")
        try t.waitFor(text: "200 OK in")
        try t.send("q")
        #expect(try t.waitForExit().status == 0)
        let rows = try historyRows(folder, file: folder.history)
        let entry = try historyEntry(folder, file: folder.history, id: try #require(rows.first?["id"]?.stringValue))
        #expect(entry["request_body"].map { $0.compact().contains("\"Joan Edited\"") } == true, "\(entry)")
    }

    @Test func anEditorThatLeavesBrokenJSONKeepsTheTextInTheRawEditor() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let broken = "{\n  \"event_name\": \"signed_up\",\n  \"user_id\": oops-unquoted\n}\n"
        let editor = try folder.write("#!/bin/sh\ncat > \"$1\" <<'EOF'\n\(broken)EOF\n", to: "break.sh", executable: true)
        let t = try TmuxSession(width: 160, height: 40,
                                environment: folder.environment(["EDITOR": editor.path, "VISUAL": editor.path]))
        try t.waitFor(text: "sandbox ready on 127.0.0.1:")
        try t.send("Tab")
        try t.waitFor(text: "┌ Form:")
        try t.send("e")
        var screen = try t.waitFor("the parse error with its line and column") { rows in
            rows.contains { $0.contains("the edited JSON does not parse (line 3, column") && $0.contains("nothing lost") }
        }
        #expect(screen.contains { $0.contains("Raw JSON") }, "the raw editor is open")
        #expect(screen.contains { $0.contains("\"user_id\": oops-unquoted") }, "the text as the editor left it")
        #expect(screen.contains { $0.contains("\"event_name\": \"signed_up\",") })
        // It cannot be sent while it does not parse, and it stays as it is.
        try t.send("C-s")
        screen = try t.waitFor(text: "not sent: the raw JSON does not parse (line 3, column")
        #expect(screen.contains { $0.contains("\"user_id\": oops-unquoted") })
        try t.send("C-c")
        #expect(try t.waitForExit().status == 0)
        if FileManager.default.fileExists(atPath: folder.history.path) {
            #expect(try historyRows(folder, file: folder.history).isEmpty)
        }
    }

    // MARK: - Themes

    @Test func themeChoiceSticks() throws {
        let folder = try Folder()
        defer { folder.remove() }
        // NO_COLOR set (even by the developer's shell) would ignore the remembered theme; empty means unset.
        let env = folder.environment(["NO_COLOR": ""])

        // First start: no remembered theme. t picks the next one and remembers it.
        var t = try TmuxSession(width: 130, height: 36, environment: env)
        try t.waitFor(text: "sandbox ready on 127.0.0.1:")
        #expect(!FileManager.default.fileExists(atPath: folder.uiState.path), "nothing is remembered before t")
        try t.send("t")
        let first = try #require(themeFromStatus(try t.waitFor("the theme status") { themeFromStatus($0) != nil }))
        waitForFile(folder.uiState, "the first theme") { $0.flatMap(Self.rememberedTheme) == first }
        try t.send("q")
        #expect(try t.waitForExit().status == 0)

        // Second start begins in the remembered theme: t moves on from it, to a different one.
        t = try TmuxSession(width: 130, height: 36, environment: env)
        try t.waitFor(text: "sandbox ready on 127.0.0.1:")
        try t.send("t")
        let second = try #require(themeFromStatus(try t.waitFor("the theme status") { themeFromStatus($0) != nil }))
        #expect(second != first, "the second start began in \(first), so t moved past it")
        waitForFile(folder.uiState, "the second theme") { $0.flatMap(Self.rememberedTheme) == second }
        try t.send("q")
        #expect(try t.waitForExit().status == 0)

        // --theme wins over the remembered one: starting in `first` again, t goes to `second`, not past it,
        // and the start alone does not rewrite the remembered choice.
        t = try TmuxSession(["--theme", first], width: 130, height: 36, environment: env)
        try t.waitFor(text: "sandbox ready on 127.0.0.1:")
        #expect(Self.rememberedTheme(try String(contentsOf: folder.uiState, encoding: .utf8)) == second)
        try t.send("t")
        let third = try #require(themeFromStatus(try t.waitFor("the theme status") { themeFromStatus($0) != nil }))
        #expect(third == second, "--theme \(first) started there, so t went to \(second); it went to \(third)")
        try t.send("q")
        #expect(try t.waitForExit().status == 0)

        // The palette lists the themes by name.
        t = try TmuxSession(width: 130, height: 36, environment: env)
        try t.waitFor(text: "sandbox ready on 127.0.0.1:")
        try t.send("C-p")
        try t.waitFor(text: "┌ Commands")
        try t.type("theme: \(second)")
        try t.waitFor(text: "▸ Theme: \(second)")
        try t.escape()
        try t.send("q")
        #expect(try t.waitForExit().status == 0)
    }

    static func rememberedTheme(_ text: String) -> String? {
        (try? JSONParser.parse(text))?["theme"]?.stringValue
    }
}
