import Foundation
import GRDB

extension SLAFacts {
    /// A ticket's SLA facts from its events (status changes) and public messages.
    /// `current` is the status the ticket has in the write being made, which may not be recorded yet.
    static func load(_ db: Database, ticket: Ticket, current: TicketStatus? = nil) throws -> SLAFacts {
        let id = ticket.id ?? 0
        let created = ticket.createdAt.dbSeconds
        var statuses = [StatusChange(at: created, status: .new)]
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT kind, data, createdAt FROM events
                    WHERE ticketId = ? AND kind IN ('ticket.status','message.customer','message.reply','ticket.merged',
                                                    'ticket.merged-in')
                    ORDER BY id
                    """), arguments: [id])
        for r in rows {
            let data = (try? JSONDecoder().decode([String: String].self, from: Data((r["data"] as String).utf8))) ?? [:]
            let kind: String = r["kind"]
            let after = data["after"].flatMap(TicketStatus.init(rawValue:)) ?? (kind == "ticket.merged" ? .closed : nil)
            if let after, after != statuses.last?.status { statuses.append(StatusChange(at: r["createdAt"], status: after)) }
        }
        if let current, current != statuses.last?.status {
            statuses.append(StatusChange(at: max(statuses.last!.at, ticket.updatedAt.dbSeconds), status: current))
        }
        let messages = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT createdAt, authorKind FROM messages
                    WHERE ticketId = ? AND visibility = 'public' AND authorKind IN ('customer','agent')
                    ORDER BY createdAt, id
                    """), arguments: [id]
        ).map { PublicMessage(at: $0["createdAt"], fromCustomer: ($0["authorKind"] as String) == "customer") }
        return SLAFacts(createdAt: created, statuses: statuses, messages: messages)
    }
}
