import CSQLiteTuning
import Foundation
import GRDB

/// Opens desk databases: WAL pool, busy timeout, immediate write transactions, one migrator.
/// Refuses files that are not SQLite or that a newer desk created, without touching them.
public enum DeskDatabase {
    /// The default location: `$XDG_DATA_HOME/desk/desk.sqlite`, else `~/.local/share/desk/desk.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/desk/desk.sqlite"
    }

    /// Opens (and creates or migrates) the database at `path`.
    public static func open(path: String, create: Bool = true) throws -> DatabasePool {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            try checkHeader(path: path)
            try inspectReadOnly(path: path)
        } else if !create {
            throw DeskError.cannotOpen(path: path, reason: "no such file; run `desk demo` or `desk seed` to create one")
        } else {
            // A new database may go anywhere: its folders are made here, or the reason they cannot be is said.
            try Files.createParentFolder(of: path)
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
        } catch {
            throw DeskError.cannotOpen(path: path, reason: "\(error)")
        }
        try migrate(pool, path: path)
        return pool
    }

    /// An in-memory-like database for tests: a pool on a fresh temporary file.
    public static func temporary() throws -> DatabasePool {
        let path = NSTemporaryDirectory() + "desk-test-\(UUID().uuidString).sqlite"
        return try open(path: path)
    }

    static func configuration() -> Configuration {
        _ = processTuning
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.foreignKeysEnabled = true
        config.label = "desk"
        // The console reads from one thread; two readers are plenty, and each gets a page
        // cache large enough for the queue indexes (SQLite's default 2 MB re-reads them).
        config.maximumReaderCount = 2
        // WAL with synchronous=NORMAL: a commit survives the process being killed; only a power
        // loss can drop the last commits. FULL fsyncs every commit (20 ms here), presence heartbeats included.
        // temp_store in memory: a savepoint per imported mail would otherwise create a sub-journal file each time.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -8192; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY")
            // Statement execution allocates small blocks by the thousand per import batch: a larger
            // per-connection lookaside (500 slots of 1,200 bytes) keeps more of them off the global heap.
            _ = desk_sqlite_lookaside(db.sqliteConnection, 1200, 500)
        }
        return config
    }

    /// Process-wide SQLite settings, applied once before the first connection opens.
    /// Without allocation statistics SQLite's malloc takes no global mutex (desk never reads them).
    static let processTuning: Int32 = desk_sqlite_disable_memstatus()

    /// SQLite files start with a 16-byte magic string; anything else is refused before SQLite sees it.
    static func checkHeader(path: String) throws {
        // A folder opens for reading and reads as empty: it would pass for an empty database.
        if Files.isFolder(path) { throw DeskError.cannotOpen(path: path, reason: "it is a folder, not a database file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DeskError.cannotOpen(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.isEmpty { return }  // an empty file is an empty database
        if head != Data("SQLite format 3\0".utf8) {
            throw DeskError.notADatabase(path: path)
        }
    }

    /// Looks at an existing file read-only before anything may write to it: it must be empty,
    /// or a desk database whose migrations this build knows.
    static func inspectReadOnly(path: String) throws {
        var config = configuration()
        config.readonly = true
        let applied: Set<String>
        let tables: Int
        let hasMigrations: Bool
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            (tables, hasMigrations, applied) = try queue.read { db in
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                let has = try db.tableExists("grdb_migrations")
                let applied = has ? try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
                return (tables, has, applied)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw DeskError.notADatabase(path: path)
        } catch {
            throw DeskError.cannotOpen(path: path, reason: "\(error)")
        }
        if tables > 0 && !hasMigrations { throw DeskError.notADatabase(path: path) }
        let unknown = applied.subtracting(Schema.migrator.migrations)
        if !unknown.isEmpty { throw DeskError.newerSchema(path: path, unknown: unknown.sorted()) }
    }

    static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = Schema.migrator
        do {
            try migrator.migrate(pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw DeskError.notADatabase(path: path)
        }
    }
}

extension DeskDatabase {
    /// Refuses to let `--force` delete a file that is not a desk database.
    public static func checkIsDesk(path: String) throws {
        try checkHeader(path: path)
        try inspectReadOnly(path: path)
    }
}
