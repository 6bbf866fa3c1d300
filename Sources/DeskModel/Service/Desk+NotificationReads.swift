import Foundation
import GRDB

/// An agent's notifications: the list, the unread count, and marking them read. Marking read
/// changes no ticket (no version bump, no event): it is the agent's own bookkeeping.
extension Desk {
    // MARK: - Reads

    /// The agent's notifications, newest first (only unread ones when asked).
    public func notifications(agent: Int64, unreadOnly: Bool = false, limit: Int = 50) throws -> [AgentNotification] {
        try db.read { db in
            // Each form has an index in this order (newest first per agent): a page never sorts.
            let sql =
                AgentNotification.selectSQL + " WHERE n.agentId = ?" + (unreadOnly ? " AND n.readAt IS NULL" : "")
                + " ORDER BY n.createdAt DESC, n.id DESC LIMIT ?"
            return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [agent, max(0, limit)])
                .map(AgentNotification.init(row:))
        }
    }

    /// How many of the agent's notifications are unread: one row, kept by triggers (the
    /// console's status line asks on every database change).
    public func unreadCount(agent: Int64) throws -> Int {
        try db.read { db in
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT unread FROM notification_counts WHERE agentId = ?"), arguments: [agent]) ?? 0
        }
    }

    // MARK: - Marking read

    /// Marks the agent's notifications with these ids read; returns how many were unread.
    /// An id that is not one of the agent's is refused, and nothing is marked.
    @discardableResult
    public func markRead(ids: [Int64], agent: Int64) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let now = clock.now.dbSeconds
        return try write { db in
            let list = "(" + ids.map { _ in "?" }.joined(separator: ",") + ")"
            let mine = try Set(
                Int64.fetchAll(
                    db, sql: "SELECT id FROM notifications WHERE agentId = ? AND id IN \(list)",
                    arguments: StatementArguments([agent] + ids)))
            if let stranger = ids.first(where: { !mine.contains($0) }) {
                throw DeskError.invalidRequest("you have no notification #\(stranger).")
            }
            try db.execute(
                sql: "UPDATE notifications SET readAt = ? WHERE agentId = ? AND readAt IS NULL AND id IN \(list)",
                arguments: StatementArguments([now, agent] + ids))
            return db.changesCount
        }
    }

    /// Marks every unread notification of the agent read; returns how many.
    @discardableResult
    public func markAllRead(agent: Int64) throws -> Int {
        let now = clock.now.dbSeconds
        return try write { db in
            try db.execute(
                sql: "UPDATE notifications SET readAt = ? WHERE agentId = ? AND readAt IS NULL", arguments: [now, agent])
            return db.changesCount
        }
    }

    /// Marks the agent's unread notifications about one ticket read (opening it from the list
    /// does); returns how many.
    @discardableResult
    public func markRead(ticket id: Int64, agent: Int64) throws -> Int {
        let now = clock.now.dbSeconds
        // Usually there are none: then no write transaction (other consoles would reload for nothing).
        let unread = try db.read { db in
            try Bool.fetchOne(
                db.cachedStatement(
                    sql: "SELECT EXISTS (SELECT 1 FROM notifications WHERE ticketId = ? AND agentId = ? AND readAt IS NULL)"),
                arguments: [id, agent]) ?? false
        }
        guard unread else { return 0 }
        return try write { db in
            try db.execute(
                sql: "UPDATE notifications SET readAt = ? WHERE ticketId = ? AND agentId = ? AND readAt IS NULL",
                arguments: [now, id, agent])
            return db.changesCount
        }
    }
}
