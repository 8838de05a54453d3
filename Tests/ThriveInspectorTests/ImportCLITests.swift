import Foundation
import Testing
import ThriveCore
#if canImport(Glibc)
import Glibc
#endif

/// `validate` and `send --file` reading through the importer: positions in messages, summaries of big files,
/// HAR files sent to a standalone sandbox.
@Suite("Import CLI", .serialized)
struct ImportCLITests {
    static func event(_ n: Int, user: Bool = true) -> String {
        let id = user ? #","user_id":"u\#(n)""# : ""
        return #"{"event_name":"signed_in"\#(id),"context":{"group_id":"g1"},"properties":{"user_name":"N\#(n)"}}"#
    }

    @Test func aBadNDJSONLineIsNamedAndTheRestIsValidated() throws {
        let lines = [Self.event(1), #"{"event_name":"signed_out","user_id":"u1",}"#, Self.event(3), Self.event(4, user: false)]
        let path = try write(lines.joined(separator: "\r\n") + "\r\n", ext: "ndjson")
        let r = try BuiltBinary.run(["validate", path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(path): 3 events for /track, 1 error, 0 warnings, 1 unreadable line set aside"), "\(r.stdout)")
        let bad = try #require(r.stdout.split(separator: "\n").first { $0.contains("\(path):2:") }, "\(r.stdout)")
        #expect(bad.contains("column 43") && bad.contains("trailing comma"))
        let missing = try #require(r.stdout.split(separator: "\n").first { $0.contains("\(path):4:") }, "\(r.stdout)")
        #expect(missing.contains("/user_id") && missing.contains("error"))
        #expect(!r.stdout.contains("\(path):1:") && !r.stdout.contains("\(path):3:"))
    }

    @Test func maxFindingsSummarisesABigFile() throws {
        let lines = (1...200).map { Self.event($0, user: $0 % 2 == 0) }
        let broken = lines.enumerated().map { $0.offset == 99 ? "{oops" : $0.element }
        let path = try write(broken.joined(separator: "\n"), ext: "ndjson")
        let r = try BuiltBinary.run(["validate", "--max-findings", "3", path])
        #expect(r.status == 1)
        let out = r.stdout.split(separator: "\n").map(String.init)
        let findingLines = out.filter { $0.hasPrefix("  error") || $0.hasPrefix("  warning") }
        #expect(findingLines.count == 3, "\(r.stdout)")
        // The 100 odd events lack user_id, and line 100 is broken: 101 lines, 3 shown.
        #expect(out.contains("… and 98 more"), "\(r.stdout)")
        #expect(out.contains("  user_id required: 100"), "\(r.stdout)")
        #expect(out.contains("  unreadable line: 1"), "\(r.stdout)")
        let all = try BuiltBinary.run(["validate", path])
        #expect(all.stdout.split(separator: "\n").filter { $0.hasPrefix("  error") }.count == 50)
        #expect(all.stdout.contains("… and 51 more"))
    }

    @Test func jsonOutputNamesTheSourceOfEachFinding() throws {
        let path = try write("[\n" + Self.event(1) + ",\n" + Self.event(2, user: false) + "\n]", ext: "json")
        let r = try BuiltBinary.run(["validate", "--json", path])
        #expect(r.status == 1)
        let files = try #require(try JSONParser.parse(r.stdout).arrayValue)
        let finding = try #require(files.first?["findings"]?.arrayValue?.first)
        #expect(finding["source"] == .string("\(path):3"))
        #expect(finding["path"] == .string("/1/user_id"))
    }

    @Test func sendRefusesAFileWithUnreadablePartsUnlessForced() throws {
        let path = try write([Self.event(1), "{nope"].joined(separator: "\n"), ext: "ndjson")
        let r = try BuiltBinary.run(["send", "--file", path, "--dry-run"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(path):2:"), "\(r.stderr)")
        let forced = try BuiltBinary.run(["send", "--file", path, "--dry-run", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("\"user_id\": \"u1\""))
    }

    /// The sandbox runs as its own process (see CLITests: an in-process one starves under a blocked test thread).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
    func sendingAHARFileDeliversItsEventsToTheSandbox() throws {
        let har = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ThriveCoreTests/Fixtures/import/session.har").path
        let (process, out, err) = try CLITests().launch(["sandbox", "--port", "0"])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let banner = try #require(out.waitForLine(), "no banner; stderr: \(err.text)")
        let port = try #require(banner.firstMatch(of: /127\.0\.0\.1:(\d+)\/api/).flatMap { Int($0.1) })
        let refused = try BuiltBinary.run(["send", "--file", har, "--base-url", "http://127.0.0.1:\(port)/api", "--no-history"],
                                          environment: ["THRIVESTACK_API_KEY": "import-cli-key-12345678"])
        #expect(refused.status == 1, "entry 3 cannot be read: \(refused.stderr)")
        #expect(refused.stderr.contains("\(har)#3:"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("fixture-har-key-0000"), "the key inside the HAR file is never shown")
        let r = try BuiltBinary.run(["send", "--file", har, "--force", "--base-url", "http://127.0.0.1:\(port)/api", "--no-history"],
                                    environment: ["THRIVESTACK_API_KEY": "import-cli-key-12345678"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("was not used"))
        let listed = try JSONParser.parse(try CLITests().curl(["-s", "http://127.0.0.1:\(port)/sandbox/events"]))
        let users = (listed.arrayValue ?? []).compactMap { $0["event"]?["user_id"]?.stringValue }
        #expect(users == ["har-u1", "har-u2"], "\(listed.compact())")
    }

    func write(_ text: String, ext: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("import-cli-\(UUID().uuidString).\(ext)")
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
