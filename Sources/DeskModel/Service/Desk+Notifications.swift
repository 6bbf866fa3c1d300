import Foundation
import GRDB

/// Notifications inside the one write path: a write's events say whom it concerns, and those
/// agents are told in the same transaction, never the agent who acted (docs/notifications.md).
/// Reading and marking read: Desk+NotificationReads.swift.
extension Desk {
    // MARK: - From the write path

    /// Called by the change funnel once the write's events are stored: the agents `event`
    /// concerns, and an SLA target of the owner's that this write found at risk.
    func notifyConcerned(
        _ db: Database, _ ticket: Ticket, after event: TicketEvent, data: [String: String], sla: [SLATargetStatus],
        by actor: Agent?
    ) throws {
        let now = event.createdAt
        let who = actor?.handle ?? "someone"
        var out: [NewNotification] = []
        func tell(_ kind: NotificationKind, _ agent: Int64?, _ text: String) {
            guard let agent, agent != actor?.id else { return }
            out.append(
                NewNotification(
                    kind: kind, agentId: agent, ticketId: ticket.id!, eventId: event.id, actorId: actor?.id, text: text))
        }
        switch event.kind {
        case "ticket.assigned":
            tell(.assigned, ticket.assigneeId, "\(who) assigned it to you")
        case "ticket.routed", "ticket.moved":
            // Routing picked an owner in the ticket's new branch.
            if data["assignee"] != nil {
                tell(.assigned, ticket.assigneeId, "Assigned to you in \(data["after"] ?? "your branch") (\(who) moved it)")
            }
        case "ticket.deescalated", "escalation.withdrawn":
            tell(.assigned, ticket.assigneeId, "Back to you from escalation #\(data["escalation"] ?? "?") (\(who))")
        case "escalation.requested":
            let severity = data["severity"].map { " (\($0))" } ?? ""
            if let named = data["toAgent"], !named.isEmpty {
                tell(.escalatedToYou, ticket.assigneeId, "\(who) escalated it to you\(severity)")
            } else {
                let team = try Int64.fetchAll(
                    db.cachedStatement(sql: "SELECT id FROM agents WHERE branchId = ? ORDER BY id"), arguments: [ticket.branchId])
                for agent in team {
                    tell(.escalatedToBranch, agent, "\(who) escalated it to \(data["to"] ?? "your branch")\(severity)")
                }
            }
        case "escalation.accepted":
            tell(.escalationAccepted, try requester(db, data), "\(who) accepted your escalation #\(data["escalation"] ?? "?")")
        case "escalation.returned":
            let reason = Excerpt.line(data["reason"] ?? "")
            tell(
                .escalationReturned, try requester(db, data),
                "\(who) returned your escalation #\(data["escalation"] ?? "?")" + (reason.isEmpty ? "" : ": \(reason)"))
        case "message.customer":
            if let owner = ticket.assigneeId, let body = try messageBody(db, data, upTo: 1_000) {
                tell(.customerReplied, owner, "Customer replied: \(Excerpt.line(body))")
            }
        default:
            break
        }
        // An internal note (whichever way it was written) tells the agents it names.
        if data["visibility"] == Visibility.internal.rawValue, let body = try messageBody(db, data) {
            for (agent, handle) in try mentionedAgents(db, in: body, by: actor).known {
                tell(.mentioned, agent, "\(who) mentioned you: \(Excerpt.line(Self.lineMentioning(handle, in: body)))")
            }
        }
        out += Self.atRisk(ticket, sla, seenBy: actor)
        for n in out { try notify(db, n, at: now) }
    }

    /// A change a write makes inside its body with an event of its own (a macro's branch move
    /// while sending): told as that event would be. `event`: the id it was just stored under.
    func notifyAlongside(
        _ db: Database, _ ticket: Ticket, kind: String, data: [String: String], event: Int64, by actor: Agent?, now: Date
    ) throws {
        var e = TicketEvent(ticketId: ticket.id, actorId: actor?.id, kind: kind, data: [:], createdAt: now)
        e.id = event
        try notifyConcerned(db, ticket, after: e, data: data, sla: [], by: actor)
    }

    /// Called when a new ticket is stored with its events: the owner routing picked (unless they
    /// opened it themselves), and an SLA target already at risk (old mail imported late).
    func notifyNewTicket(_ db: Database, _ ticket: Ticket, sla: [SLATargetStatus], by actor: Agent?, now: Date) throws {
        var out = Self.atRisk(ticket, sla, seenBy: actor)
        if let owner = ticket.assigneeId, owner != actor?.id {
            let event = try Int64.fetchOne(
                db.cachedStatement(
                    sql: "SELECT id FROM events WHERE ticketId = ? AND kind = 'ticket.assigned' ORDER BY id DESC LIMIT 1"),
                arguments: [ticket.id])
            let branch = try Self.branchName(db, id: ticket.branchId) ?? "your branch"
            out.insert(
                NewNotification(
                    kind: .assigned, agentId: owner, ticketId: ticket.id!, eventId: event, actorId: actor?.id,
                    text: "New ticket, assigned to you in \(branch)"), at: 0)
        }
        for n in out { try notify(db, n, at: now) }
    }

    /// Called by the trigger sweep for each unsolved ticket it evaluates: the owner's targets at risk now.
    func notifySLAAtRisk(_ db: Database, _ ticket: Ticket, _ sla: [SLATargetStatus], now: Date) throws {
        for n in Self.atRisk(ticket, sla, seenBy: nil) { try notify(db, n, at: now) }
    }

    /// The owner's targets at risk, one notification per target and deadline (a unique index
    /// drops the ones already stored). When the owner's own write finds it, it is stored read:
    /// they are looking at the ticket.
    static func atRisk(_ ticket: Ticket, _ sla: [SLATargetStatus], seenBy actor: Agent?) -> [NewNotification] {
        guard let owner = ticket.assigneeId else { return [] }
        return sla.compactMap { s in
            guard s.atRisk, let due = s.deadline else { return nil }
            let label = s.target.kind.label
            var n = NewNotification(
                kind: .slaAtRisk, agentId: owner, ticketId: ticket.id!,
                text: label.prefix(1).uppercased() + label.dropFirst() + " is at risk")
            n.slaTarget = s.target.kind
            n.slaDueAt = due
            n.read = owner == actor?.id
            return n
        }
    }

    // MARK: - Storing

    /// Stores a notification in its own transaction: for what happens outside a ticket write
    /// (`NewNotification.bounced` from the mail side). Inside a write, use `notify(_:_:at:)`.
    public func notify(_ notification: NewNotification) throws {
        let now = clock.now
        try write { db in try notify(db, notification, at: now) }
    }

    /// Stores a notification inside the current write; an SLA target already told is skipped.
    func notify(_ db: Database, _ n: NewNotification, at now: Date) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO notifications(agentId, ticketId, eventId, actorId, kind, text, slaTarget, slaDueAt, createdAt, readAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """
        ).executeDirect([
            n.agentId.databaseValue, n.ticketId.databaseValue, n.eventId.databaseValue, n.actorId.databaseValue,
            n.kind.rawValue.databaseValue, n.text.databaseValue, n.slaTarget?.rawValue.databaseValue ?? .null,
            n.slaDueAt.databaseValue, now.dbSeconds.databaseValue, (n.read ? now.dbSeconds : nil).databaseValue,
        ])
    }

    // MARK: - Mentions

    /// Who a note's `@handle`s name: the agents (never the author) and the handles no agent has.
    public func mentions(in text: String, by author: Agent?) throws -> MentionOutcome {
        try db.read { db in try mentionOutcome(db, in: text, by: author) }
    }

    func mentionOutcome(_ db: Database, in text: String, by author: Agent?) throws -> MentionOutcome {
        let found = try mentionedAgents(db, in: text, by: author)
        return MentionOutcome(notified: found.known.map(\.handle), unknown: found.unknown)
    }

    /// The agents a text mentions (id and stored handle; the author left out) and the handles
    /// that match nobody.
    func mentionedAgents(
        _ db: Database, in text: String, by author: Agent?
    ) throws -> (known: [(id: Int64, handle: String)], unknown: [String]) {
        var known: [(id: Int64, handle: String)] = []
        var unknown: [String] = []
        for handle in Mentions.handles(in: text) {
            // `handle` is COLLATE NOCASE: @Ben names ben.
            if let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, handle FROM agents WHERE handle = ?"), arguments: [handle])
            {
                let id: Int64 = row[0]
                if id != author?.id { known.append((id, row[1])) }
            } else {
                unknown.append(handle)
            }
        }
        return (known, unknown)
    }

    /// The line of a note that mentions `handle` (else its first line): what the notification quotes.
    static func lineMentioning(_ handle: String, in body: String) -> String {
        let needle = "@" + handle.lowercased()
        return body.split(whereSeparator: \.isNewline).first { $0.lowercased().contains(needle) }.map(String.init) ?? body
    }

    // MARK: - What the events name

    /// The agent who requested the escalation an `escalation.*` event names.
    private func requester(_ db: Database, _ data: [String: String]) throws -> Int64? {
        guard let id = data["escalation"].flatMap(Int64.init) else { return nil }
        return try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT fromAgentId FROM escalations WHERE id = ?"), arguments: [id])
    }

    /// The text of the message a `message.*` event names (the first `limit` characters when given).
    private func messageBody(_ db: Database, _ data: [String: String], upTo limit: Int? = nil) throws -> String? {
        guard let id = data["message"].flatMap(Int64.init) else { return nil }
        if let limit {
            return try String.fetchOne(
                db.cachedStatement(sql: "SELECT substr(body, 1, ?) FROM messages WHERE id = ?"), arguments: [limit, id])
        }
        return try String.fetchOne(db.cachedStatement(sql: "SELECT body FROM messages WHERE id = ?"), arguments: [id])
    }
}
