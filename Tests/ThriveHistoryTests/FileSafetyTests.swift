import Foundation
import Testing
import ThriveCore
@testable import ThriveHistory

@Suite struct FileSafetyTests {
    static func garbage() -> Data {
        var bytes = Array("this is my shopping list, not a database\n".utf8)
        var x: UInt32 = 12_345
        for _ in 0..<5_000 { x = x &* 1_103_515_245 &+ 12_345; bytes.append(UInt8(truncatingIfNeeded: x >> 16)) }
        return Data(bytes)
    }

    func expectRefused(_ url: URL, mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try SQLiteHistoryStore.open(at: url)
            Issue.record("opened \(url.path)", sourceLocation: sourceLocation)
        } catch let error as HistoryStoreError {
            #expect(error.description.contains(url.path), sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
            for w in words { #expect(error.description.contains(w), "\(error)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("not a HistoryStoreError: \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func garbageFileIsRefusedAndLeftUntouched() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("history.sqlite")
            let data = Self.garbage()
            try data.write(to: url)
            expectRefused(url, mentioning: ["not a history database"])
            #expect(try Data(contentsOf: url) == data)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["history.sqlite"])
        }
    }

    @Test func sqliteHeaderWithGarbageAfterIsRefused() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("history.sqlite")
            let data = Data("SQLite format 3\u{0}".utf8) + Self.garbage()
            try data.write(to: url)
            expectRefused(url, mentioning: [])
            #expect(try Data(contentsOf: url) == data)
        }
    }

    @Test func shortTextFileIsRefused() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("history.sqlite")
            try Data("x".utf8).write(to: url)
            expectRefused(url, mentioning: ["not a history database"])
            #expect(try Data(contentsOf: url) == Data("x".utf8))
        }
    }

    @Test func directoryAtThePathIsRefused() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("history.sqlite")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            expectRefused(url, mentioning: ["is a directory"])
        }
    }

    @Test func fileInPlaceOfTheFolderIsRefused() throws {
        try withTemporaryDirectory { dir in
            try Data("x".utf8).write(to: dir.appendingPathComponent("state"))
            expectRefused(dir.appendingPathComponent("state/history.sqlite"), mentioning: ["cannot create the folder"])
        }
    }

    @Test func specialFileIsRefused() {
        expectRefused(URL(fileURLWithPath: "/dev/null"), mentioning: ["not a history database", "not a regular file"])
    }

    static let sqlite3 = "/usr/bin/sqlite3"

    static func runSQLite(_ path: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: sqlite3)
        p.arguments = [path, sql]
        try p.run()
        p.waitUntilExit()
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: sqlite3), "needs the sqlite3 program"))
    func someoneElsesDatabaseIsRefusedAndLeftUntouched() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("notes.sqlite")
            try Self.runSQLite(url.path, "CREATE TABLE notes(x); INSERT INTO notes VALUES ('keep me');")
            let before = try Data(contentsOf: url)
            expectRefused(url, mentioning: ["not a thrive-inspector history"])
            // Not even switched to WAL mode, which would rewrite its header.
            #expect(try Data(contentsOf: url) == before)
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: sqlite3), "needs the sqlite3 program"))
    func aNewerSchemaIsRefused() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("history.sqlite")
            try SQLiteHistoryStore.open(at: url).close()
            try Self.runSQLite(url.path, "INSERT INTO grdb_migrations VALUES ('v99');")
            expectRefused(url, mentioning: ["newer thrive-inspector"])
        }
    }

    @Test(.enabled(if: getuid() != 0, "root may read any file"))
    func unreadableFileIsRefused() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("history.sqlite")
            _ = try SQLiteHistoryStore.open(at: url)
            let before = try Data(contentsOf: url)
            chmod(url.path, 0)
            expectRefused(url, mentioning: ["permission denied"])
            chmod(url.path, 0o600)
            #expect(try Data(contentsOf: url) == before)
        }
    }

    static let key = "tsk_live_SECRET_123456789"
    static let laterKey = "tsk_live_LATER_987654321"

    func scan(_ url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        for suffix in ["", "-wal", "-shm"] {
            let path = url.path + suffix
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            for key in [Self.key, Self.laterKey] {
                #expect(bytes.range(of: Data(key.utf8)) == nil, "\(key) in \(path)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func secretsNeverReachTheFile() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("history.sqlite")
            let store = try SQLiteHistoryStore.open(at: url, secrets: [Self.key])
            store.addSecret(Self.laterKey)
            for (n, key) in [Self.key, Self.laterKey].enumerated() {
                var e = TestEntries.entry(n, events: [TestEntries.event("signed_up", user: "u_1", extra: [
                    ("note", .string("key is \(key)")), ("quoted", .string("\"\(key)\"")),
                ])], target: "CUSTOM \(key).example.com")
                e.url = "https://api.example.com/api/track?key=\(key)"
                e.requestHeaders = [Header("x-api-key", key), Header("authorization", "Bearer \(key)")]
                try store.record(e)
                e = TestEntries.finished(e, .failed(kind: "http", message: "server said \(key)"),
                                         body: "{\"echo\":\"\(key)\"}", summary: "echoed \(key)")
                e.responseHeaders = [Header("x-echo", key)]
                try store.update(e)
                let back = try #require(try store.entry(id: e.id))
                #expect(!"\(back)".contains(key))
            }
            // The WAL as it stands, then everything moved into the main file.
            scan(url)
            try store.checkpoint()
            try store.close()
            scan(url)
        }
    }
}
