import Foundation
import GRDB

/// One entry of a ticket's timeline: a message or an event, in time order.
public struct TimelineEntry: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case customerMessage, publicReply, internalNote, systemMessage, event }
    public var kind: Kind
    public var author: String
    public var channel: Channel?
    public var body: String
    public var createdAt: Int64
    /// Message id, or event id for events.
    public var sourceId: Int64

    public init(kind: Kind, author: String, channel: Channel?, body: String, createdAt: Int64, sourceId: Int64) {
        self.kind = kind; self.author = author; self.channel = channel; self.body = body
        self.createdAt = createdAt; self.sourceId = sourceId
    }
}

/// Everything the ticket pane shows about one ticket, loaded in one read.
public struct TicketDetail: Sendable, Equatable {
    public var ticket: Ticket
    public var customer: Customer
    public var organization: Organization?
    public var accountOwner: Agent?
    public var branch: Branch?
    public var assignee: Agent?
    public var timeline: [TimelineEntry]
    /// Messages older than the loaded window, not in `timeline`.
    public var earlierMessages: Int

    public init(
        ticket: Ticket, customer: Customer, organization: Organization?, accountOwner: Agent?,
        branch: Branch?, assignee: Agent?, timeline: [TimelineEntry], earlierMessages: Int
    ) {
        self.ticket = ticket; self.customer = customer; self.organization = organization
        self.accountOwner = accountOwner; self.branch = branch; self.assignee = assignee
        self.timeline = timeline; self.earlierMessages = earlierMessages
    }

    /// The most recent messages a pane loads; older ones are counted, not fetched.
    public static let timelineWindow = 400

    public static func load(_ db: Database, id: Int64) throws -> TicketDetail {
        // Cached statements: the pane loads a ticket on every open, and building the
        // query-interface SQL each time cost more than running it.
        func one<R: FetchableRecord>(_ type: R.Type, _ table: String, _ key: Int64?) throws -> R? {
            guard let key else { return nil }
            return try R.fetchOne(db.cachedStatement(sql: "SELECT * FROM \(table) WHERE id = ?"), arguments: [key])
        }
        guard let ticket = try one(Ticket.self, "tickets", id) else { throw DeskError.unknownTicket(id) }
        guard let customer = try one(Customer.self, "customers", ticket.customerId) else { throw DeskError.unknownTicket(id) }
        let org = try one(Organization.self, "organizations", customer.organizationId)
        let owner = try one(Agent.self, "agents", customer.accountOwnerId)
        let branch = try one(Branch.self, "branches", ticket.branchId)
        let assignee = try one(Agent.self, "agents", ticket.assigneeId)
        let total =
            try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM messages WHERE ticketId = ?"), arguments: [id]) ?? 0
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT * FROM (
                      SELECT m.id, m.authorKind, m.visibility, m.channel, m.body, m.createdAt,
                             COALESCE(a.name, c.name, 'system') AS author
                      FROM messages m
                      LEFT JOIN agents a ON a.id = m.agentId
                      LEFT JOIN customers c ON c.id = m.customerId
                      WHERE m.ticketId = ? ORDER BY m.createdAt DESC, m.id DESC LIMIT ?
                    ) ORDER BY createdAt, id
                    """), arguments: [id, timelineWindow])
        var timeline: [TimelineEntry] = rows.map { r in
            let author: String = r["author"]
            let kind: TimelineEntry.Kind
            switch (r["authorKind"] as String, r["visibility"] as String) {
            case ("customer", _): kind = .customerMessage
            case (_, "internal"): kind = .internalNote
            case ("system", _): kind = .systemMessage
            default: kind = .publicReply
            }
            return TimelineEntry(
                kind: kind, author: author, channel: Channel(rawValue: r["channel"]),
                body: r["body"], createdAt: r["createdAt"], sourceId: r["id"])
        }
        let since = timeline.first?.createdAt ?? 0
        let events = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT e.id, e.kind, e.data, e.createdAt, COALESCE(a.name, 'desk') AS actor
                    FROM events e LEFT JOIN agents a ON a.id = e.actorId
                    WHERE e.ticketId = ? AND e.kind NOT LIKE 'message.%' AND e.createdAt >= ?
                    ORDER BY e.id DESC LIMIT ?
                    """), arguments: [id, total > timelineWindow ? since : 0, timelineWindow])
        for e in events {
            let data = (try? JSONDecoder().decode([String: String].self, from: Data((e["data"] as String).utf8))) ?? [:]
            timeline.append(
                TimelineEntry(
                    kind: .event, author: e["actor"], channel: nil,
                    body: EventText.describe(kind: e["kind"], data: data),
                    createdAt: e["createdAt"], sourceId: e["id"]))
        }
        // At the same second, the event (opened, assigned) comes before the message it led to.
        timeline.sort {
            ($0.createdAt, $0.kind == .event ? 0 : 1, $0.sourceId) < ($1.createdAt, $1.kind == .event ? 0 : 1, $1.sourceId)
        }
        return TicketDetail(
            ticket: ticket, customer: customer, organization: org, accountOwner: owner,
            branch: branch, assignee: assignee, timeline: timeline,
            earlierMessages: max(0, total - timelineWindow))
    }
}

/// Human wording for events shown inline in a timeline ("moved this to solved").
public enum EventText {
    public static func describe(kind: String, data: [String: String]) -> String {
        switch kind {
        case "ticket.created": return "opened this ticket via \(data["channel"] ?? "?")"
        case "ticket.assigned": return "assigned this to \(data["after"] ?? "?")"
        case "ticket.status": return "changed status \(data["before"] ?? "?") → \(data["after"] ?? "?")"
        default: return kind
        }
    }
}
