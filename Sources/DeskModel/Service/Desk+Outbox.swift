import Foundation
import GRDB

/// The outbound mail queue: composing a reply into it, delivering, listing and retrying.
extension Desk {
    /// Composes the reply as an email continuing the ticket's thread and queues it. Refuses a
    /// header value with CR, LF or NUL before anything is composed.
    func queueEmail(_ db: Database, ticket: Ticket, message m: inout Message, now: Date) throws -> Int64 {
        guard let customer = try Customer.fetchOne(db, key: ticket.customerId) else { throw DeskError.unknownTicket(ticket.id!) }
        let branch = try Self.branchName(db, id: ticket.branchId)
        let from = branch.flatMap { policy.branch(named: $0)?.address } ?? policy.mail.from
        let ids = try Row.fetchAll(
            db,
            sql: """
                SELECT messageIdHeader, authorKind FROM messages
                WHERE ticketId = ? AND messageIdHeader IS NOT NULL AND id <> ? ORDER BY createdAt, id
                """, arguments: [ticket.id, m.id])
        let references = ids.map { $0["messageIdHeader"] as String }
        let lastCustomer = ids.last { ($0["authorKind"] as String) == "customer" }?["messageIdHeader"] as String?
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let messageId = "<desk.\(ticket.id!).\(m.id!).\(token)@\(policy.mail.domain)>"
        let name = customer.name.contains(where: { $0 == "\"" || $0 == "<" }) ? "" : customer.name
        let mail = OutboundMail(
            from: from, to: name.isEmpty ? customer.email : "\(name) <\(customer.email)>",
            subject: OutboundMail.replySubject(ticket.subject, ticket: ticket.id!), messageId: messageId,
            inReplyTo: lastCustomer ?? references.last, references: Array(references.suffix(20)), date: now, body: m.body)
        let raw = try mail.rendered(boundary: "desk-" + token)
        m.messageIdHeader = messageId
        m.inReplyTo = mail.inReplyTo
        m.references = references.isEmpty ? nil : references.suffix(20).joined(separator: " ")
        try m.update(db)
        var record = OutboundRecord(
            id: nil, ticketId: ticket.id!, messageId: m.id!, state: "queued", recipient: customer.email,
            messageIdHeader: messageId, raw: raw, attempts: 0, lastError: nil, createdAt: now.dbSeconds,
            updatedAt: now.dbSeconds, sentAt: nil)
        try record.insert(db)
        return record.id!
    }

    /// Delivers the given queued (or failed) messages, or every one not yet sent. Each outcome is
    /// stored with an event on its ticket; a failure stays in the queue with its error.
    @discardableResult
    public func deliverOutbound(_ ids: [Int64]? = nil) throws -> [OutboundRecord] {
        let pending = try db.read { db in
            if let ids {
                return try OutboundRecord.filter(ids.contains(Column("id")) && Column("state") != "sent").fetchAll(db)
            }
            // A bounced message is retried only when named: its address did not take it.
            return try OutboundRecord.filter(sql: "state IN ('queued', 'failed')").order(Column("id")).fetchAll(db)
        }
        let directory = (db.path as NSString).deletingLastPathComponent
        var done: [OutboundRecord] = []
        for var record in pending {
            var error: String?
            do {
                try MailDelivery.deliver(
                    record.raw, via: policy.mail.delivery, timeout: policy.mail.timeoutSeconds, databaseDirectory: directory)
            } catch let e as DeskError {
                error = e.description
            } catch let e {
                error = "\(e)"
            }
            let now = clock.now
            record.attempts += 1
            record.updatedAt = now.dbSeconds
            record.state = error == nil ? "sent" : "failed"
            record.lastError = error
            if error == nil { record.sentAt = now.dbSeconds }
            try write { db in
                try record.update(db)
                var data = ["outbound": String(record.id!), "to": record.recipient, "attempt": String(record.attempts)]
                if let error { data["error"] = error }
                var e = TicketEvent(
                    ticketId: record.ticketId, actorId: nil, kind: error == nil ? "mail.sent" : "mail.failed", data: data,
                    createdAt: now)
                try e.insertRow(db)
            }
            done.append(record)
        }
        return done
    }

    /// The queue: everything not sent (or, with `all`, sent ones too), oldest first.
    public func outbox(includeSent: Bool = false, ticket: Int64? = nil) throws -> [OutboundRecord] {
        try db.read { db in
            var q = OutboundRecord.order(Column("id"))
            if !includeSent { q = q.filter(Column("state") != "sent") }
            if let ticket { q = q.filter(Column("ticketId") == ticket) }
            return try q.fetchAll(db)
        }
    }
}
