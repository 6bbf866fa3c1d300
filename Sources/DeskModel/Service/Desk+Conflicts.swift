import Foundation
import GRDB

/// Judging a write on the version its agent began from (DESIGN: "conflicts are judged on what
/// the agent saw"). Events carry the ticket version they were written at, so the changes since a
/// version are a range of the ticket's events.
extension Desk {
    /// Changes to the ticket after version `base`, oldest first (read side: the console's status
    /// line says what else changed after a write went through).
    public func changes(ticket id: Int64, since base: Int) throws -> [ConcurrentChange] {
        let now = clock.now.dbSeconds
        return try db.read { db in try Self.changes(db, ticket: id, since: base, now: now).changes }
    }

    /// The ticket's changes after version `base` (its own events with a later `ticketVersion`), and
    /// whether every version since is accounted for (false for events older than versioned events).
    static func changes(_ db: Database, ticket id: Int64, since base: Int, now: Int64) throws -> (
        changes: [ConcurrentChange], complete: Bool, current: Int
    ) {
        let current = try Int.fetchOne(db, sql: "SELECT version FROM tickets WHERE id = ?", arguments: [id]) ?? base
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT e.id, e.kind, e.data, e.createdAt, e.ticketVersion, a.handle,
                           m.body, coalesce(ma.name, c.name) AS author
                    FROM events e
                    LEFT JOIN agents a ON a.id = e.actorId
                    LEFT JOIN messages m ON m.id = CAST(json_extract(e.data, '$.message') AS INTEGER)
                      AND e.kind IN ('message.reply', 'message.customer')
                    LEFT JOIN agents ma ON ma.id = m.agentId
                    LEFT JOIN customers c ON c.id = m.customerId
                    WHERE e.ticketId = ? AND e.ticketVersion > ?
                    ORDER BY e.id
                    """), arguments: [id, base])
        var versions = Set<Int>()
        let changes = rows.map { row -> ConcurrentChange in
            let kind: String = row["kind"]
            versions.insert(row["ticketVersion"])
            let data = TicketEvent.decode(row["data"])
            let at: Int64 = row["createdAt"]
            return ConcurrentChange(
                eventId: row["id"], kind: kind, aspects: ChangeAspect.changed(byKind: kind, data: data),
                actor: row["handle"], author: row["author"], before: data["before"], after: data["after"] ?? data["tag"],
                at: at, age: max(0, now - at), text: row["body"])
        }
        return (changes, versions.count >= current - base, current)
    }

    /// Refuses a write begun at `base` when the ticket has changed since in a way it `guards`
    /// (nil: any change), with the changes that clash. Unrelated changes let it through.
    func checkBase(_ db: Database, ticket: Ticket, base: Int, guards: Set<ChangeAspect>?, now: Date) throws {
        guard base != ticket.version else { return }
        let id = ticket.id!
        let since = try Self.changes(db, ticket: id, since: base, now: now.dbSeconds)
        let clashing = since.changes.filter { change in guards.map { !$0.isDisjoint(with: change.aspects) } ?? true }
        guard !clashing.isEmpty || !since.complete || base > ticket.version else { return }
        throw DeskError.conflict(
            TicketConflict(
                ticket: id, base: base, current: ticket.version, changes: clashing.isEmpty ? since.changes : clashing))
    }
}
