import Foundation
import GRDB

/// Status, priority, tags, merges, links, customer replies and automatic closing.
extension Desk {
    /// Changes the status, if the lifecycle allows the move and the actor's role may set it.
    @discardableResult
    public func setStatus(
        ticket id: Int64, to status: TicketStatus, by actor: Agent, expectedVersion: Int? = nil
    ) throws -> Ticket {
        let allowed = policy.role(actor.role).statuses
        guard allowed.contains(status) else {
            throw DeskError.notPermitted(
                handle: actor.handle, role: actor.role,
                action:
                    "set status \(status.rawValue) (allowed: \(TicketStatus.allCases.filter(allowed.contains).map(\.rawValue).joined(separator: ", ")))"
            )
        }
        return try change(
            ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.status", permission: .status
        ) { _, ticket, now in
            let before = ticket.status
            if let reason = Lifecycle.refusal(from: before, to: status) {
                throw DeskError.transitionRefused(ticket: id, from: before, to: status, reason: reason)
            }
            Self.apply(status, to: &ticket, now: now)
            return ["before": before.rawValue, "after": status.rawValue]
        }
    }

    static func apply(_ status: TicketStatus, to ticket: inout Ticket, now: Date) {
        ticket.status = status
        if status == .solved { ticket.solvedAt = now }
        if status == .closed { ticket.closedAt = now }
        if status.isActive { ticket.solvedAt = nil; ticket.closedAt = nil }
    }

    @discardableResult
    public func setPriority(
        ticket id: Int64, to priority: TicketPriority, by actor: Agent, expectedVersion: Int? = nil
    ) throws -> Ticket {
        try change(
            ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.priority", permission: .priority
        ) { _, ticket, _ in
            guard ticket.priority != priority else {
                throw DeskError.invalidRequest("ticket #\(id) is already \(priority.rawValue) priority.")
            }
            let before = ticket.priority
            ticket.priority = priority
            return ["before": before.rawValue, "after": priority.rawValue]
        }
    }

    /// Adds (or with `remove`, removes) one tag. Tags are lower-case words; commas are not allowed.
    @discardableResult
    public func tag(
        ticket id: Int64, _ tag: String, remove: Bool = false, by actor: Agent, expectedVersion: Int? = nil
    ) throws -> Ticket {
        let t = Self.normalisedTags([tag]).first ?? ""
        guard !t.isEmpty else {
            throw DeskError.invalidValue(field: "tag", value: tag, allowed: ["a word of letters, digits, - or _"])
        }
        return try change(
            ticket: id, by: actor, expectedVersion: expectedVersion, kind: remove ? "ticket.untagged" : "ticket.tagged",
            permission: .tag
        ) { _, ticket, _ in
            var tags = ticket.tagList
            if remove {
                guard tags.contains(t) else { throw DeskError.invalidRequest("ticket #\(id) has no tag '\(t)'.") }
                tags.removeAll { $0 == t }
            } else {
                guard !tags.contains(t) else { throw DeskError.invalidRequest("ticket #\(id) already has tag '\(t)'.") }
                tags.append(t)
            }
            ticket.tags = tags.joined(separator: ",")
            return ["tag": t]
        }
    }

    /// Sets the product area (routing and the repeated-ticket marker use it); an empty one clears it.
    /// An area is one lower-case word of letters, digits, - or _, like a tag.
    @discardableResult
    public func setProductArea(
        ticket id: Int64, to area: String, by actor: Agent, expectedVersion: Int? = nil
    ) throws -> Ticket {
        let a = area.trimmingCharacters(in: .whitespaces).lowercased()
        guard Self.normalisedTags([a]).first ?? "" == a else {
            throw DeskError.invalidValue(field: "product area", value: area, allowed: ["a word of letters, digits, - or _"])
        }
        return try change(
            ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.area", permission: .tag
        ) { _, ticket, _ in
            let before = ticket.productArea ?? ""
            guard before != a else {
                throw DeskError.invalidRequest(
                    a.isEmpty ? "ticket #\(id) has no product area." : "ticket #\(id) is already in product area \(a).")
            }
            ticket.productArea = a.isEmpty ? nil : a
            return ["before": before, "after": a]
        }
    }

    /// Lower-case, trimmed, without separators; empty and repeated ones dropped.
    /// The tag `tag(ticket:_:)` stores for what was typed ("Needs Finance" is `needsfinance`);
    /// empty when nothing of it can be a tag.
    public static func normalisedTag(_ raw: String) -> String { normalisedTags([raw]).first ?? "" }

    static func normalisedTags(_ tags: [String]) -> [String] {
        var seen: [String] = []
        for raw in tags {
            let t = raw.trimmingCharacters(in: .whitespaces).lowercased()
                .filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            if !t.isEmpty && !seen.contains(t) { seen.append(t) }
        }
        return seen
    }

    /// Merges a duplicate into a survivor: the duplicate's messages move over, it is closed and
    /// points at the survivor, and both tickets record the merge.
    @discardableResult
    public func merge(
        ticket id: Int64, into survivorId: Int64, by actor: Agent, expectedVersion: Int? = nil
    ) throws -> Ticket {
        guard id != survivorId else { throw DeskError.invalidRequest("a ticket cannot be merged into itself.") }
        return try change(
            ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.merged", permission: .merge
        ) { db, ticket, now in
            guard ticket.mergedIntoId == nil else {
                throw DeskError.invalidRequest("ticket #\(id) was already merged into #\(ticket.mergedIntoId!).")
            }
            guard var survivor = try Ticket.fetchOne(db, key: survivorId) else { throw DeskError.unknownTicket(survivorId) }
            guard survivor.mergedIntoId == nil else {
                throw DeskError.invalidRequest(
                    "ticket #\(survivorId) was itself merged into #\(survivor.mergedIntoId!); merge into that one.")
            }
            let moved = try Int.fetchOne(db, sql: "SELECT count(*) FROM messages WHERE ticketId = ?", arguments: [id]) ?? 0
            try db.execute(sql: "UPDATE messages SET ticketId = ? WHERE ticketId = ?", arguments: [survivorId, id])
            try db.execute(
                sql: "INSERT OR IGNORE INTO ticket_links(ticketId, otherId, kind, createdAt) VALUES (?, ?, 'merged', ?)",
                arguments: [id, survivorId, now.dbSeconds])
            let before = ticket.status
            ticket.mergedIntoId = survivorId
            Self.apply(.closed, to: &ticket, now: now)
            survivor.version += 1
            survivor.updatedAt = max(now, survivor.createdAt)
            if !survivor.status.isActive { Self.apply(.open, to: &survivor, now: now) }
            try survivor.update(db)
            var e = TicketEvent(
                ticketId: survivorId, actorId: actor.id, kind: "ticket.merged-in",
                data: ["from": String(id), "messages": String(moved)], createdAt: now)
            e.ticketVersion = survivor.version
            try e.insertRow(db)
            return ["into": String(survivorId), "messages": String(moved), "before": before.rawValue]
        }
    }

    /// Links two related tickets; both record it.
    @discardableResult
    public func link(ticket id: Int64, to otherId: Int64, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        guard id != otherId else { throw DeskError.invalidRequest("a ticket cannot be linked to itself.") }
        return try change(
            ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.linked", permission: .link
        ) { db, _, now in
            guard try Ticket.exists(db, key: otherId) else { throw DeskError.unknownTicket(otherId) }
            let already =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM ticket_links WHERE kind = 'related'
                          AND ((ticketId = ? AND otherId = ?) OR (ticketId = ? AND otherId = ?)))
                        """, arguments: [id, otherId, otherId, id]) ?? false
            if already { throw DeskError.invalidRequest("tickets #\(id) and #\(otherId) are already linked.") }
            try db.execute(
                sql: "INSERT INTO ticket_links(ticketId, otherId, kind, createdAt) VALUES (?, ?, 'related', ?)",
                arguments: [id, otherId, now.dbSeconds])
            var e = TicketEvent(
                ticketId: otherId, actorId: actor.id, kind: "ticket.linked", data: ["other": String(id)], createdAt: now)
            try e.insertRow(db)
            return ["other": String(otherId)]
        }
    }

    /// A message from the customer. On a solved ticket it reopens it; on a closed one it opens a
    /// new ticket linked to the old (returned), so a closed case's history stays as it was.
    @discardableResult
    public func customerReply(ticket id: Int64, body: String, channel: Channel? = nil) throws -> Ticket {
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw DeskError.emptyBody }
        try StoredText.validate(body, field: "the customer's message")
        let now = clock.now
        return try write { db in
            try closeExpired(db, now: now)
            guard let ticket = try Ticket.fetchOne(db, key: id) else { throw DeskError.unknownTicket(id) }
            let m = Message(
                ticketId: id, authorKind: .customer, customerId: ticket.customerId, visibility: .public,
                channel: channel ?? ticket.channel, body: body, createdAt: now)
            return try addCustomerMessage(db, to: ticket, m, now: now, current: true).ticket
        }
    }

    /// Records a customer's message on `ticket` (inside a write): a solved or pending ticket
    /// reopens; a closed one gets a linked follow-up that holds the message instead. A machine's
    /// message (`auto`) is recorded and changes nothing else. `current`: `ticket` was just read
    /// in this transaction, so it need not be read again.
    func addCustomerMessage(
        _ db: Database, to ticket: Ticket, _ message: Message, data extra: [String: String] = [:], now: Date,
        current: Bool = false, memo: ImportMemo? = nil
    ) throws -> (ticket: Ticket, message: Message, reopened: Bool, followUpOf: Int64?) {
        var m = message
        if ticket.status == .closed && m.auto == nil {
            var first: Message? = m
            let t = try insertFollowUp(db, of: ticket, first: &first, now: now, memo: memo)
            return (t, first!, false, ticket.id)
        }
        var reopened = false
        let kind = m.auto == nil ? "message.customer" : "message.auto"
        let t = try applyChange(
            db, ticket: ticket.id!, by: nil, expectedVersion: nil, kind: kind, now: now, loaded: current ? ticket : nil,
            memo: memo
        ) { db, ticket, now in
            m.ticketId = ticket.id!
            try m.insertRow(db)
            memo?.note(m)
            var data = ["message": String(m.id!)]
            data.merge(extra) { a, _ in a }
            if m.auto == nil, ticket.status == .solved || ticket.status == .pending {
                data["before"] = ticket.status.rawValue
                data["after"] = TicketStatus.open.rawValue
                reopened = ticket.status == .solved
                Self.apply(.open, to: &ticket, now: now)
            }
            return data
        }
        return (t, m, reopened, nil)
    }

    /// A new ticket for a customer's message on a closed one, linked both ways (inside a write).
    func insertFollowUp(
        _ db: Database, of old: Ticket, first: inout Message?, now: Date, memo: ImportMemo? = nil
    ) throws -> Ticket {
        guard let customer = try Customer.fetchOne(db, key: old.customerId) else { throw DeskError.unknownTicket(old.id!) }
        let subject = old.subject.hasPrefix("Re: ") ? old.subject : "Re: " + old.subject
        let ticket = try insertTicket(
            db,
            NewTicket(
                customer: customer, subject: subject, channel: first?.channel ?? old.channel, priority: old.priority,
                productArea: old.productArea, tags: old.tagList, createdAt: first?.createdAt ?? now,
                createdData: ["follow-up of": String(old.id!)]),
            first: &first, by: nil, now: now, memo: memo)
        try db.execute(
            sql: "INSERT OR IGNORE INTO ticket_links(ticketId, otherId, kind, createdAt) VALUES (?, ?, 'follow-up', ?)",
            arguments: [ticket.id!, old.id!, now.dbSeconds])
        for (t, other, kind) in [(ticket.id!, old.id!, "ticket.follow-up-of"), (old.id!, ticket.id!, "ticket.followed-up")] {
            var e = TicketEvent(ticketId: t, actorId: nil, kind: kind, data: ["other": String(other)], createdAt: now)
            try e.insertRow(db)
        }
        return ticket
    }

    /// Closes solved tickets older than the policy's days; idempotent. Returns how many closed.
    @discardableResult
    public func maintain() throws -> Int {
        let now = clock.now
        let cutoff = now.dbSeconds - Int64(policy.lifecycle.autoCloseDays) * 86_400
        // Nothing to close: no write transaction (a cron run that finds nothing writes nothing).
        let any = try db.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM tickets WHERE status = 'solved' AND solvedAt <= ?)", arguments: [cutoff])
        }
        guard any == true else { return 0 }
        return try write { db in try closeExpired(db, now: now) }
    }

    /// Called at the start of every write transaction and by `maintain`.
    @discardableResult
    func closeExpired(_ db: Database, now: Date) throws -> Int {
        let days = policy.lifecycle.autoCloseDays
        let cutoff = now.dbSeconds - Int64(days) * 86_400
        let expired = try Ticket.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM tickets WHERE status = 'solved' AND solvedAt <= ?"), arguments: [cutoff])
        for var t in expired {
            Self.apply(.closed, to: &t, now: now)
            t.version += 1
            t.updatedAt = max(now, t.createdAt)
            try t.update(db)
            var e = TicketEvent(
                ticketId: t.id, actorId: nil, kind: "ticket.status",
                data: ["before": "solved", "after": "closed", "auto": "solved for \(days) days"], createdAt: now)
            e.ticketVersion = t.version
            try e.insertRow(db)
        }
        return expired.count
    }
}
