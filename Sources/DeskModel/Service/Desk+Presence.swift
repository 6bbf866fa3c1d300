import Foundation
import GRDB

/// Another agent with the same ticket open.
public struct PresenceEntry: Sendable, Equatable, Codable {
    public var handle: String
    public var name: String
    /// They have a reply or note open with text in it.
    public var writing: Bool
    public var seenAt: Int64
    /// When they started writing (nil: not writing).
    public var writingSince: Int64?

    public init(handle: String, name: String, writing: Bool, seenAt: Int64, writingSince: Int64? = nil) {
        self.handle = handle; self.name = name; self.writing = writing; self.seenAt = seenAt
        self.writingSince = writingSince
    }
}

/// Presence: heartbeats in the database, so agents in different processes see each other.
/// Ephemeral by design — no version bump, no event: being there is not a change to the ticket.
extension Desk {
    /// A heartbeat older than this means the agent has gone (closed the console, or it was killed).
    public static let presenceStaleSeconds: Int64 = 30

    /// Says "I have this ticket open" (and whether I am writing), drops the ticket I left,
    /// and returns who else is on this one.
    public func heartbeat(ticket id: Int64?, agent: Int64, writing: Bool, leaving: Int64? = nil) throws -> [PresenceEntry] {
        let now = clock.now.dbSeconds
        try write { db in
            if let leaving, leaving != id {
                try db.execute(sql: "DELETE FROM presence WHERE agentId = ? AND ticketId = ?", arguments: [agent, leaving])
            }
            guard let id else { return }
            try db.execute(
                sql: """
                    INSERT INTO presence(agentId, ticketId, writing, seenAt, writingSince)
                    VALUES (?1, ?2, ?3, ?4, CASE WHEN ?3 THEN ?4 END)
                    ON CONFLICT(agentId, ticketId) DO UPDATE SET writing = excluded.writing, seenAt = excluded.seenAt,
                      writingSince = CASE WHEN excluded.writing THEN coalesce(presence.writingSince, excluded.seenAt) END
                    """, arguments: [agent, id, writing, now])
            // Rows nobody refreshed for a long time are dead weight; clear them while here.
            try db.execute(sql: "DELETE FROM presence WHERE seenAt < ?", arguments: [now - 3_600])
        }
        guard let id else { return [] }
        return try presence(ticket: id, excluding: agent)
    }

    /// Who else has the ticket open, freshest first; stale heartbeats are ignored.
    public func presence(ticket id: Int64, excluding agent: Int64) throws -> [PresenceEntry] {
        let since = clock.now.dbSeconds - Self.presenceStaleSeconds
        return try db.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT a.handle, a.name, p.writing, p.seenAt, p.writingSince FROM presence p JOIN agents a ON a.id = p.agentId
                        WHERE p.ticketId = ? AND p.agentId <> ? AND p.seenAt >= ? ORDER BY p.seenAt DESC, a.handle
                        """), arguments: [id, agent, since]
            ).map {
                PresenceEntry(
                    handle: $0["handle"], name: $0["name"], writing: $0["writing"], seenAt: $0["seenAt"],
                    writingSince: $0["writingSince"])
            }
        }
    }
}
