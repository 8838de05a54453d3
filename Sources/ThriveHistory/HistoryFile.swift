import Foundation
internal import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything done to the path before and while SQLite opens it. The checks run before SQLite sees the file
/// because SQLite, given a file it does not understand, may still write to it (journal mode, WAL files); a
/// history file someone cares about must come out of a failed open byte-for-byte unchanged.
enum HistoryFile {
    private static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Creates the folder (0700) and an empty file (0600) when missing; rejects a directory, a special file, a
    /// file we may not read and write, and a non-empty file that is not SQLite. True when the file has content.
    static func prepare(_ url: URL) throws -> Bool {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw HistoryStoreError.cannotCreateFolder(folder, path: path, reason: reason(error))
            }
        } else if !isDir.boolValue {
            throw HistoryStoreError.cannotCreateFolder(folder, path: path, reason: "a file of that name is in the way")
        }
        var info = stat()
        if stat(path, &info) != 0 {
            guard errno == ENOENT else { throw errnoError(errno, path: path) }
            try create(path)
            return false
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw HistoryStoreError.isDirectory(path)
        case S_IFREG: break
        default: throw HistoryStoreError.notAHistory(path, why: "it is not a regular file")
        }
        guard access(path, R_OK | W_OK) == 0 else { throw errnoError(errno, path: path) }
        if info.st_size > 0 { try checkHeader(path) }
        return info.st_size > 0
    }

    private static func create(_ path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd); return }
        // Another process created it between our stat and our open: theirs is as good as ours.
        if errno == EEXIST { return }
        if errno == EACCES || errno == EPERM || errno == EROFS {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            throw HistoryStoreError("cannot create the history \(path): \(folder) is not writable; choose a folder you can write to",
                                    path: path)
        }
        throw errnoError(errno, path: path)
    }

    /// A zero-byte file is fine (SQLite starts a database in it); anything else must start with SQLite's header.
    private static func checkHeader(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw errnoError(errno, path: path) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: sqliteHeader.count)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n == sqliteHeader.count, bytes == sqliteHeader else {
            throw HistoryStoreError.notAHistory(path, why: "it does not start with the SQLite file header")
        }
    }

    private static func errnoError(_ code: Int32, path: String) -> HistoryStoreError {
        if code == EACCES || code == EPERM { return HistoryStoreError.permission(path) }
        let text = String(cString: strerror(code))
        return HistoryStoreError("cannot open the history \(path): \(text)", path: path)
    }

    private static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }

    /// Refuses an SQLite file that belongs to something else or to a newer version, before the pool opens it: the
    /// pool switches the file to WAL mode, which must not happen to someone else's database. A plain queue in the
    /// default journal mode only reads.
    static func inspect(_ path: String, _ config: Configuration) throws {
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            if !tables.isEmpty && !tables.contains("grdb_migrations") { throw HistoryStoreError.foreignDatabase(path) }
            if try HistorySchema.migrator.hasBeenSuperseded(db) { throw HistoryStoreError.newerSchema(path) }
        }
    }

    /// Runs `body` holding an advisory lock (flock) on the history's folder. The folder, not the file: SQLite's own
    /// locks on the file are POSIX locks, which a process loses when it closes any descriptor of that file.
    static func whileHoldingFolderLock<T>(of url: URL, _ body: () throws -> T) throws -> T {
        let fd = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return try body() }  // no lock beats no history; the migration retry still applies
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0, errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Builds or upgrades the schema.
    static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = HistorySchema.migrator
        // The migrator reads which migrations are applied before it takes the write lock, so two processes opening a
        // new file together can both try "v1"; the loser's transaction rolls back and it finds the work done.
        for attempt in 1...3 {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                if try pool.read(migrator.hasCompletedMigrations) { return }
                if attempt == 3 { throw error }
            }
        }
    }

    /// True unless the process is certainly gone: EPERM means it exists under another user.
    static func isAlive(pid: Int64) -> Bool {
        guard pid > 0, pid <= Int64(Int32.max) else { return false }
        if pid == Int64(getpid()) { return true }
        if kill(pid_t(pid), 0) == 0 { return true }
        return errno != ESRCH
    }
}
