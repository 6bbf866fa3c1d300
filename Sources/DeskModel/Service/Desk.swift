import Foundation
import GRDB

/// The one write path. Every change to a ticket goes through here: in one immediate
/// transaction it checks the ticket's version, applies the change, bumps the version,
/// appends an event, and keeps derived columns in step.
public struct Desk: Sendable {
    public let db: DatabasePool
    public let clock: any DeskClock

    public init(db: DatabasePool, clock: any DeskClock = SystemClock()) {
        self.db = db
        self.clock = clock
    }

    // MARK: - Agents

    public func agent(handle: String) throws -> Agent {
        try db.read { db in try Self.agent(db, handle: handle) }
    }

    static func agent(_ db: Database, handle: String) throws -> Agent {
        guard let a = try Agent.filter(Column("handle") == handle).fetchOne(db) else {
            throw DeskError.unknownAgent(handle)
        }
        return a
    }

    /// The acting agent: `--agent`, else `DESK_AGENT`, else `$USER` when such a handle exists.
    public func resolveAgent(explicit: String?, environment: [String: String]) throws -> Agent {
        if let h = explicit ?? environment["DESK_AGENT"], !h.isEmpty { return try agent(handle: h) }
        if let user = environment["USER"], !user.isEmpty, let a = try? agent(handle: user) { return a }
        let known = try db.read { db in try String.fetchAll(db, sql: "SELECT handle FROM agents ORDER BY handle") }
        throw DeskError.noAgent(known: known)
    }

    // MARK: - Tickets

    /// Opens a ticket for a customer (created on first contact) with its first message.
    @discardableResult
    public func createTicket(
        by actor: Agent?, customerEmail: String, subject: String, channel: Channel,
        body: String?, priority: TicketPriority = .normal
    ) throws -> Ticket {
        let email = customerEmail.trimmingCharacters(in: .whitespaces)
        guard Self.isPlausibleEmail(email) else { throw DeskError.invalidEmail(customerEmail) }
        let subject = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !subject.isEmpty else { throw DeskError.invalidValue(field: "subject", value: "", allowed: ["any non-empty text"]) }
        let now = clock.now
        return try db.write { db in
            var customer = try Customer.filter(sql: "email = ? COLLATE NOCASE", arguments: [email]).fetchOne(db)
            if customer == nil {
                let local = email.split(separator: "@").first.map(String.init) ?? email
                var c = Customer(email: email, name: local)
                try c.insert(db)
                var e = TicketEvent(
                    ticketId: nil, actorId: actor?.id, kind: "customer.created",
                    data: ["email": email], createdAt: now)
                try e.insert(db)
                customer = c
            }
            var ticket = Ticket(
                subject: subject, status: .new, priority: priority, channel: channel,
                customerId: customer!.id!, createdAt: now)
            try ticket.insert(db)
            var created = TicketEvent(
                ticketId: ticket.id, actorId: actor?.id, kind: "ticket.created",
                data: ["subject": subject, "channel": channel.rawValue, "customer": email],
                createdAt: now)
            try created.insert(db)
            if let body, !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                var m = Message(
                    ticketId: ticket.id!, authorKind: .customer, customerId: customer!.id,
                    visibility: .public, channel: channel, body: body, createdAt: now)
                try m.insert(db)
            }
            return ticket
        }
    }

    /// A public reply from an agent to the customer.
    @discardableResult
    public func reply(ticket id: Int64, body: String, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        try addMessage(ticket: id, body: body, visibility: .public, by: actor, expectedVersion: expectedVersion)
    }

    /// An internal note: visible to agents only, never counts as a reply.
    @discardableResult
    public func note(ticket id: Int64, body: String, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        try addMessage(ticket: id, body: body, visibility: .internal, by: actor, expectedVersion: expectedVersion)
    }

    private func addMessage(
        ticket id: Int64, body: String, visibility: Visibility, by actor: Agent,
        expectedVersion: Int?
    ) throws -> Ticket {
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw DeskError.emptyBody }
        let kind = visibility == .public ? "message.reply" : "message.note"
        return try change(ticket: id, by: actor, expectedVersion: expectedVersion, kind: kind) { db, ticket, now in
            var m = Message(
                ticketId: id, authorKind: .agent, agentId: actor.id, visibility: visibility,
                channel: ticket.channel, body: body, createdAt: now)
            try m.insert(db)
            // A first public reply takes a new ticket into work.
            if visibility == .public && ticket.status == .new { ticket.status = .open }
            return ["message": String(m.id!), "visibility": visibility.rawValue]
        }
    }

    /// Assigns the ticket to an agent by handle.
    @discardableResult
    public func assign(ticket id: Int64, to handle: String, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        let target = try agent(handle: handle)
        return try change(ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.assigned") { db, ticket, _ in
            let before = try ticket.assigneeId.flatMap { try Agent.fetchOne(db, key: $0)?.handle } ?? ""
            ticket.assigneeId = target.id
            return ["before": before, "after": target.handle]
        }
    }

    /// Changes the status.
    @discardableResult
    public func setStatus(
        ticket id: Int64, to status: TicketStatus, by actor: Agent, expectedVersion: Int? = nil
    ) throws -> Ticket {
        try change(ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.status") { _, ticket, now in
            let before = ticket.status
            ticket.status = status
            if status == .solved { ticket.solvedAt = now }
            if status == .closed { ticket.closedAt = now }
            if status.isActive { ticket.solvedAt = nil; ticket.closedAt = nil }
            return ["before": before.rawValue, "after": status.rawValue]
        }
    }

    // MARK: - The write path

    /// Loads the ticket, refuses a stale version, applies `body`, bumps the version and
    /// `updatedAt`, and records one event — all in one immediate transaction.
    func change(
        ticket id: Int64, by actor: Agent?, expectedVersion: Int?, kind: String,
        _ body: @escaping (Database, inout Ticket, Date) throws -> [String: String]
    ) throws -> Ticket {
        let now = clock.now
        return try db.write { db in
            guard var ticket = try Ticket.fetchOne(db, key: id) else { throw DeskError.unknownTicket(id) }
            if let expected = expectedVersion, expected != ticket.version {
                let last = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.handle, e.kind FROM events e LEFT JOIN agents a ON a.id = e.actorId
                        WHERE e.ticketId = ? ORDER BY e.id DESC LIMIT 1
                        """, arguments: [id])
                throw DeskError.conflict(
                    ticket: id, expected: expected, actual: ticket.version,
                    changedBy: last?["handle"], change: last?["kind"])
            }
            let data = try body(db, &ticket, now)
            ticket.version += 1
            ticket.updatedAt = max(now, ticket.createdAt)
            try ticket.update(db)
            var event = TicketEvent(ticketId: id, actorId: actor?.id, kind: kind, data: data, createdAt: now)
            try event.insert(db)
            return ticket
        }
    }

    static func isPlausibleEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        return !s.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false })
    }
}
