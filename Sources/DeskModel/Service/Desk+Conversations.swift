import Foundation
import GRDB

/// Chat, web-form and phone conversations (`desk intake`): one ticket per conversation, its
/// messages in time order, each message once however often a line is sent again.
extension Desk {
    /// Imports lines in one transaction, each line in its own savepoint: a line the database
    /// refuses (an unknown agent, a value out of bounds) comes back as one `.failed` and the
    /// others still land. Otherwise one result per message of the line.
    public func importConversations(_ lines: [ConversationLine]) throws -> [[IntakeResult]] {
        try importEach(lines, failed: { [.failed($0)] }, known: { _ in () }) { db, line, now, _ in
            try receive(db, line, now: now)
        }
    }

    func receive(_ db: Database, _ line: ConversationLine, now: Date) throws -> [IntakeResult] {
        let customer = try findOrCreateCustomer(db, email: line.customerEmail, name: line.customerName, actor: nil, now: now)
        var ticket = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT ticketId FROM conversations WHERE channel = ? AND externalId = ?"),
            arguments: [line.channel.rawValue, line.conversation]
        ).flatMap { try surviving(db, $0) }
        var meta = line.metadata
        meta["conversation"] = line.conversation
        var results: [IntakeResult] = []
        for entry in line.messages {
            let key = line.key(of: entry)
            if let t = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT ticketId FROM messages WHERE contentHash = ?"), arguments: [key])
            {
                results.append(.duplicate(ticket: t))
                continue
            }
            var m = try message(db, entry, line, customer: customer, now: now)
            m.contentHash = key
            m.meta = JSONObjectText.encode(meta)
            let result: IntakeResult
            if let current = ticket {
                result = try add(db, m, entry, to: current, now: now)
            } else {
                var first: Message? = m
                let subject = line.subject ?? Self.subject(from: entry.text)
                let created = try insertTicket(
                    db,
                    NewTicket(
                        customer: customer, subject: subject, channel: line.channel, createdAt: m.createdAt,
                        createdData: ["via": line.channel.rawValue, "conversation": line.conversation]),
                    first: &first, by: nil, now: now)
                result = .created(ticket: created.id!)
            }
            if let id = result.ticket, id != ticket?.id {
                // A new ticket, or a follow-up of a closed one: later lines go there.
                try db.cachedStatement(
                    sql: """
                        INSERT INTO conversations(channel, externalId, ticketId) VALUES (?, ?, ?)
                        ON CONFLICT(channel, externalId) DO UPDATE SET ticketId = excluded.ticketId
                        """
                ).execute(arguments: [line.channel.rawValue, line.conversation, id])
            }
            ticket = try result.ticket.flatMap { try Self.ticket(db, $0) }
            results.append(result)
        }
        return results
    }

    func message(
        _ db: Database, _ e: ConversationLine.Entry, _ line: ConversationLine, customer: Customer, now: Date
    ) throws
        -> Message
    {
        let at = min(e.time, now)
        switch e.author {
        case .customer:
            return Message(
                ticketId: 0, authorKind: .customer, customerId: customer.id, visibility: .public, channel: line.channel,
                body: e.text, createdAt: at)
        case .agent(let handle):
            let agent = try Self.agent(db, handle: handle)
            return Message(
                ticketId: 0, authorKind: .agent, agentId: agent.id, visibility: e.isInternal ? .internal : .public,
                channel: line.channel, body: e.text, createdAt: at)
        }
    }

    /// A later message of the conversation on its ticket: a customer's reopens a solved ticket,
    /// an agent's public one takes a new ticket into work; on a closed ticket either opens a follow-up.
    func add(_ db: Database, _ m: Message, _ e: ConversationLine.Entry, to ticket: Ticket, now: Date) throws -> IntakeResult {
        if m.authorKind == .customer {
            let added = try addCustomerMessage(db, to: ticket, m, data: ["via": ThreadMatch.conversation.rawValue], now: now)
            if let old = added.followUpOf { return .followUp(ticket: added.ticket.id!, of: old) }
            return .threaded(ticket: added.ticket.id!, via: .conversation, reopened: added.reopened)
        }
        if ticket.status == .closed {
            var first: Message? = m
            let t = try insertFollowUp(db, of: ticket, first: &first, now: now)
            return .followUp(ticket: t.id!, of: ticket.id!)
        }
        let kind = m.visibility == .public ? "message.reply" : "message.note"
        let agent = try Agent.fetchOne(db, key: m.agentId)
        let t = try applyChange(db, ticket: ticket.id!, by: agent, expectedVersion: nil, kind: kind, now: now) { db, t, _ in
            var stored = m
            stored.ticketId = t.id!
            try stored.insertRow(db)
            var data = ["message": String(stored.id!), "visibility": m.visibility.rawValue, "via": "conversation"]
            Self.openOnFirstReply(&t, visibility: m.visibility, data: &data)
            return data
        }
        return .threaded(ticket: t.id!, via: .conversation, reopened: false)
    }

    /// A subject from the first message: its first line, cut at a word near 80 characters.
    static func subject(from text: String) -> String {
        let first = Sanitizer.singleLine(text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text)
        guard first.count > 80 else { return first.isEmpty ? "(no subject)" : first }
        let cut = first.prefix(80)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }
}
