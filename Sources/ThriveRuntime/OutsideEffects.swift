import Foundation
import ProcessSpawn
import ThriveCore
import ThriveUI

/// The effects that leave the program's own screen: an outside editor on the terminal, and files written for the
/// person (a snippet, a history export). Paths arrive as typed; `~` is expanded here.
public enum OutsideEffects {
    /// Writes `contents` beside `path` and renames it into place, so a failure never leaves half a file.
    /// Returns why it could not, in words.
    public static func write(_ contents: String, to path: String) -> String? {
        let target = FileEffects.expandTilde(path)
        do {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
            return nil
        } catch {
            return "\(path) cannot be written (\(reason(for: target)))"
        }
    }

    /// Every entry of `store`, oldest first, as `format`, streamed to `path` and renamed into place, as
    /// `history export -o` does: a long history never sits in memory, and a failure leaves no half file.
    public static func exportHistory(_ store: any HistoryStore, format: HistoryExportFormat, to path: String) -> String? {
        var writer = HistoryExportWriter(format: format)
        var sink: ExportFile
        do { sink = try ExportFile(path: FileEffects.expandTilde(path)) } catch { return error.description }
        do {
            try writer.export(store, matching: HistoryQuery(), to: &sink)
            return nil
        } catch {
            return "\(error)"
        }
    }

    private static func reason(for path: String) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue { return "no such folder" }
        return FileManager.default.isWritableFile(atPath: folder) ? "write failed" : "permission denied"
    }

    /// The editor a person expects: `$VISUAL`, then `$EDITOR`, then `vi`.
    public static func editorCommand(environment: [String: String]) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let v = environment[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty { return v }
        }
        return "vi"
    }

    /// Writes `text` to a private temporary file, runs `editor` on it with the terminal, and reads it back.
    /// The editor command may carry arguments (`code --wait`), so it runs through `/bin/sh`.
    public static func edit(_ text: String, fileExtension: String, editor: String) -> Result<String, UIError> {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("thrive-draft-\(UUID().uuidString.prefix(8)).\(fileExtension)")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            return .failure(UIError("cannot write a temporary file in \(url.deletingLastPathComponent().path)"))
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let status = Spawn.runOnTerminal("/bin/sh", ["-c", editor + " \"$1\"", "thrive-inspector-editor", url.path])
        guard let status else { return .failure(UIError("/bin/sh could not be started")) }
        if status == 127 { return .failure(UIError("\(editor) was not found (set $VISUAL or $EDITOR)")) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(UIError("the edited file was removed; your draft is unchanged"))
        }
        // A non-zero exit (vim's :cq) means "abandon": the draft stays as it was.
        if status != 0 { return .failure(UIError("\(editor) exited with status \(status); the draft is unchanged")) }
        return .success(String(decoding: data, as: UTF8.self))
    }
}
