import Foundation
import ThriveCore

/// The file system work of the `o` prompt, done by the runner off the loop's thread: listing a folder for Tab
/// completion and reading an event file through the import reader. Paths arrive as typed; `~` is expanded here,
/// so the pure core never asks where home is.
public enum FileEffects {
    /// `~` and `~/…` become the home folder; anything else is left as typed (relative to the working folder).
    public static func expandTilde(_ path: String, home: String = NSHomeDirectory()) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }

    /// The entries of `directory` (empty means the working folder), folders ending in `/`.
    public static func list(_ directory: String) -> Result<[String], EventImportError> {
        let expanded = expandTilde(directory.isEmpty ? "." : directory)
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: expanded) else {
            return .failure(EventImportError("\(directory.isEmpty ? "this folder" : directory) cannot be listed"))
        }
        let base = URL(fileURLWithPath: expanded)
        return .success(names.map { name in
            var isDirectory: ObjCBool = false
            let isDir = fm.fileExists(atPath: base.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
            return isDir ? name + "/" : name
        })
    }

    /// Reads one event file; problems name the file as typed (`~/export.ndjson:13`), as the person knows it.
    public static func importFile(_ path: String) -> Result<ImportedSet, EventImportError> {
        do throws(EventImportError) {
            var set = try EventImport.read(path: expandTilde(path))
            let expanded = expandTilde(path)
            if expanded != path {
                for i in set.events.indices { set.events[i].position.file = path }
                for i in set.problems.indices { set.problems[i].position.file = path }
            }
            return .success(set)
        } catch {
            return .failure(EventImportError(error.message.replacingOccurrences(of: expandTilde(path), with: path)))
        }
    }
}
