import Foundation
import Testing
import ThriveCore

/// `send --dry-run --format js|python|go`: the built binary prints CodeExport's programs, key masked unless revealed.
/// (That the programs send the app's request is CodeExportRunTests' job, in ThriveNetTests.)
@Suite("CLI: copy as code")
struct CodeFormatCLITests {
    let key = "ts-secret-key-0123456789-ABCD"

    func keyFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("code-format-key-\(UUID().uuidString)").path
        try Data((key + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: ["js", "python", "go"])
    func programsMaskTheKeyUnlessRevealed(format: String) throws {
        let file = try keyFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let args = ["send", "--template", "signed_up", "--set", "properties.user_email=x@y.co", "--live", "--api-key-file", file,
                    "--dry-run", "--format", format]
        let masked = try BuiltBinary.run(args)
        #expect(masked.status == 0, "\(masked.stderr)")
        #expect(!masked.stdout.contains(key) && !masked.stderr.contains(key))
        #expect(masked.stdout.contains(SecretMask.mask(key)), "\(masked.stdout)")
        #expect(masked.stdout.contains(#"https://api.app.thrivestack.ai/api/track"#))
        #expect(masked.stdout.contains("x@y.co"))
        let marker = ["js": "await fetch(", "python": "requests.request(", "go": "package main"][format] ?? "?"
        #expect(masked.stdout.contains(marker))
        let revealed = try BuiltBinary.run(args + ["--reveal-key"])
        #expect(revealed.status == 0, "\(revealed.stderr)")
        #expect(revealed.stdout.contains(key))
        #expect(!revealed.stdout.contains("•"))
    }

    /// A dry run starts no sandbox: the program names the port to fill in, and stderr says how.
    @Test func sandboxDryRunNamesThePortToFillIn() throws {
        let r = try BuiltBinary.run(["send", "--template", "signed_up", "--set", "properties.user_email=x@y.co",
                                     "--sandbox", "--dry-run", "--format", "python"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("url = 'http://127.0.0.1:<sandbox-port>/api/track'"), "\(r.stdout)")
        #expect(r.stderr.contains("thrive-inspector sandbox --port"), "\(r.stderr)")
        let http = try BuiltBinary.run(["send", "--template", "signed_up", "--set", "properties.user_email=x@y.co",
                                        "--sandbox", "--dry-run"])
        #expect(!http.stderr.contains("<sandbox-port>"), "plain HTTP text is not a program to run")
    }

    @Test func formatWithoutDryRunIsRefused() throws {
        let r = try BuiltBinary.run(["send", "--template", "signed_up", "--format", "go"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--format only applies with --dry-run"))
    }
}
