#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Export text on its way to standard output or a file. A file is written beside its final name and renamed
/// over it at the end, so a failed or interrupted export never leaves half a file where the old one was.
public struct ExportFile: ExportOutput {
    private let handle: FileHandle
    private let path: String?
    private let temporary: String?
    private var buffer: [UInt8] = []

    /// A file at `path`, written beside it until `commit`; nil is standard output.
    public init(path: String?) throws(ExportFileError) {
        self.path = path
        guard let path else { handle = .standardOutput; temporary = nil; return }
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp").path
        guard FileManager.default.createFile(atPath: temp, contents: nil, attributes: [.posixPermissions: 0o600]),
              let h = FileHandle(forWritingAtPath: temp) else {
            throw ExportFileError("cannot write \(path): its folder does not exist or is not writable")
        }
        handle = h
        temporary = temp
    }

    public mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            throw ExportFileError("cannot write \(path ?? "to standard output"): \(String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file moves it into place.
    public mutating func commit() throws {
        try flush()
        guard let path, let temporary else { return }
        try? handle.synchronize()
        try? handle.close()
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw ExportFileError("cannot write \(path): \(reason)")
        }
    }

    public func abandon() {
        guard let temporary else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }
}

/// Why an export file could not be written, in one line.
public struct ExportFileError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension HistoryExportWriter {
    /// Every entry of `store` matching `query`, oldest first, streamed into `file` and committed. On any failure
    /// the file is abandoned, so nothing half-written is left, and the error is rethrown.
    public mutating func export(_ store: any HistoryStore, matching query: HistoryQuery, to file: inout ExportFile) throws {
        do {
            try begin(into: &file)
            try store.forEachOldestFirst(matching: query) { try add($0, into: &file) }
            try end(into: &file)
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
    }
}
