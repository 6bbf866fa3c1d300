import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// Tells a console soon after any process commits: inotify on the database's folder wakes it when
/// the write-ahead log (or the file) is written, and `PRAGMA data_version` on a connection of the
/// watcher's own confirms that a commit happened. The probe connection is not the pool's writer, so
/// asking never waits behind this process's own writes, and it sees those as well as others'.
public final class DatabaseWatcher {
    /// Readable when the database's files were written; -1 where inotify is not available (the
    /// console then polls `version()` on its timer alone).
    public let fd: Int32
    private let probe: DatabaseQueue
    private var buffer = [UInt8](repeating: 0, count: 4096)

    init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(1)
        config.label = "desk-watcher"
        probe = try DatabaseQueue(path: path, configuration: config)
        #if canImport(Glibc)
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            let dir = (path as NSString).deletingLastPathComponent
            // The folder, not the log: SQLite deletes the log when the last connection closes and
            // makes it anew, which a watch on the file itself would not follow.
            if fd >= 0, inotify_add_watch(fd, dir.isEmpty ? "." : dir, UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO)) < 0 {
                close(fd)
                self.fd = -1
            } else {
                self.fd = fd
            }
        #else
            self.fd = -1
        #endif
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Empties what inotify queued, so `fd` is readable again only after the next write.
    public func drain() {
        guard fd >= 0 else { return }
        while read(fd, &buffer, buffer.count) > 0 {}
    }

    /// SQLite's count of commits by other connections than the probe: every commit in any process.
    public func version() -> Int? {
        try? probe.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
    }

    /// What a commit changed that a console shows (`ChangeMark`), read on the probe.
    public func mark(agent: Int64?) -> ChangeMark? {
        try? probe.inDatabase { db in try ChangeMark.read(db, agent: agent) }
    }
}

/// The newest event and the agent's unread count. Every change to a ticket appends an event
/// (the write path's rule), so a commit that leaves both alone changed no ticket and no
/// notification: a presence heartbeat, a draft saved, a delivery attempt's bookkeeping. The
/// console then refreshes who is on the ticket, not the whole screen: with twenty agents'
/// heartbeats every ten seconds, a full reload per heartbeat was most of an idle console's work.
public struct ChangeMark: Sendable, Equatable {
    public var lastEvent: Int64
    public var unread: Int

    static func read(_ db: Database, agent: Int64?) throws -> ChangeMark {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT (SELECT max(id) FROM events),
                           (SELECT unread FROM notification_counts WHERE agentId = ?)
                    """), arguments: [agent])
        return ChangeMark(lastEvent: row?[0] ?? 0, unread: row?[1] ?? 0)
    }
}

extension Desk {
    /// A watcher on this desk's database file (the console's live refresh).
    public func makeWatcher() throws -> DatabaseWatcher { try DatabaseWatcher(path: db.path) }
}
