import Foundation
internal import GRDB

/// Why the history file could not be opened or written, in one line that names the file and says what to do.
/// The store never "repairs" a file it does not understand by replacing it, so these messages are the only way
/// a user learns about a damaged or foreign file; they must be specific.
public struct HistoryStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The one-line message shown to the user.
    public var message: String
    /// The history file concerned.
    public var path: String

    public init(_ message: String, path: String) {
        self.message = message
        self.path = path
    }

    public var description: String { message }

    static func notAHistory(_ path: String, why: String) -> HistoryStoreError {
        HistoryStoreError("\(path) is not a history database (\(why)); move it away or choose another history file", path: path)
    }

    static func foreignDatabase(_ path: String) -> HistoryStoreError {
        HistoryStoreError(
            "\(path) is an SQLite database but not a thrive-inspector history; move it away or choose another history file",
            path: path)
    }

    static func newerSchema(_ path: String) -> HistoryStoreError {
        HistoryStoreError(
            "\(path) was written by a newer thrive-inspector; upgrade thrive-inspector or move the file away", path: path)
    }

    static func isDirectory(_ path: String) -> HistoryStoreError {
        HistoryStoreError("\(path) is a directory, not a history database; remove it or choose another history file", path: path)
    }

    static func permission(_ path: String) -> HistoryStoreError {
        HistoryStoreError(
            "cannot read and write the history \(path): permission denied; check the file's owner and mode (it should be yours, mode 600)",
            path: path)
    }

    static func cannotCreateFolder(_ folder: String, path: String, reason: String) -> HistoryStoreError {
        HistoryStoreError("cannot create the folder \(folder) for the history \(path): \(reason)", path: path)
    }

    /// Maps an SQLite (or other) error met while using the file. `action` says what was being done
    /// ("open", "write to", "read").
    static func wrapping(_ error: any Error, path: String, action: String) -> HistoryStoreError {
        if let e = error as? HistoryStoreError { return e }
        guard let db = error as? DatabaseError else {
            return HistoryStoreError("cannot \(action) the history \(path): \(error)", path: path)
        }
        let sqlite = db.message ?? "\(db.resultCode)"
        switch db.resultCode {
        case .SQLITE_NOTADB:
            return notAHistory(path, why: "SQLite says: \(sqlite)")
        case .SQLITE_CORRUPT:
            return HistoryStoreError(
                "the history \(path) is damaged (SQLite says: \(sqlite)); move it away to start a new history", path: path)
        case .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return permission(path)
        case .SQLITE_CANTOPEN:
            return HistoryStoreError(
                "cannot open the history \(path): SQLite says \(sqlite); check that its folder exists and is writable", path: path)
        case .SQLITE_FULL:
            return HistoryStoreError("cannot \(action) the history \(path): the disk is full; free some space", path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return HistoryStoreError(
                "cannot \(action) the history \(path): another program held it locked for over 10 s; try again", path: path)
        default:
            return HistoryStoreError("cannot \(action) the history \(path): SQLite says \(sqlite)", path: path)
        }
    }
}
