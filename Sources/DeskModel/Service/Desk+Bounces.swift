import Foundation
import GRDB

/// Delivery reports on mail desk sent: the reply they name is marked bounced on its ticket, with
/// the remote reason, and the report is kept there as a system message. A report never opens a
/// ticket and is never quarantined; one about no message desk sent is counted in the import
/// summary by the id it names.
extension Desk {
    /// Inside an import transaction, after deduplication (`receive`).
    func receiveReport(
        _ db: Database, _ prepared: PreparedMail, _ report: DeliveryReport, now: Date, known: MailBatchIndex?
    ) throws -> IntakeResult {
        let mail = prepared.mail
        guard var outbound = try reportedOutbound(db, report.messageIds),
            let ticket = try surviving(db, outbound.ticketId, memo: known?.memo)
        else { return .unknownBounce(messageId: report.messageIds.first) }
        let failed = report.action == .failed
        var stored: Message?
        _ = try applyChange(
            db, ticket: ticket.id!, by: nil, expectedVersion: nil, kind: failed ? "mail.bounced" : "mail.report", now: now,
            loaded: ticket, memo: known?.memo
        ) { db, ticket, now in
            var m = Message(
                ticketId: ticket.id!, authorKind: .system, visibility: .public, channel: .email,
                body: Self.messageBody(mail), messageIdHeader: mail.messageId, createdAt: min(mail.date ?? now, now))
            m.auto = .bounce
            m.contentHash = mail.contentHash
            m.meta = prepared.meta
            try m.insertRow(db)
            known?.memo?.note(m)
            stored = m
            if failed {
                outbound.state = "bounced"
                outbound.lastError = report.reason
                outbound.updatedAt = now.dbSeconds
                try outbound.update(db)
            }
            return Self.reportData(report, outbound: outbound, message: m)
        }
        if let m = stored {
            try storeMailParts(db, message: m.id!, refs: [], mail.attachments)
            known?.stored(m, references: [])
        }
        if failed { try notifyBounce(db, outbound, reason: report.reason, now: now) }
        return failed
            ? .bounced(ticket: ticket.id!, outbound: outbound.id!)
            : .deliveryReport(ticket: ticket.id!, outbound: outbound.id!, action: report.action)
    }

    /// The agent who wrote the bounced reply hears of it (notifications: reply-bounced), in the
    /// same transaction as the bounce event.
    func notifyBounce(_ db: Database, _ outbound: OutboundRecord, reason: String, now: Date) throws {
        guard
            let author = try Int64.fetchOne(
                db, sql: "SELECT agentId FROM messages WHERE id = ? AND agentId IS NOT NULL", arguments: [outbound.messageId])
        else { return }
        let event = try Int64.fetchOne(
            db, sql: "SELECT max(id) FROM events WHERE ticketId = ? AND kind = 'mail.bounced'", arguments: [outbound.ticketId])
        try notify(db, .bounced(ticket: outbound.ticketId, agent: author, event: event, reason: reason), at: now)
    }

    /// The outbound message the report names: the first of its ids that desk sent.
    func reportedOutbound(_ db: Database, _ ids: [String]) throws -> OutboundRecord? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM outbound WHERE messageIdHeader = ? ORDER BY id LIMIT 1")
        for id in ids.prefix(20) {
            if let found = try OutboundRecord.fetchOne(statement, arguments: [id]) { return found }
        }
        return nil
    }

    /// The event's data (docs/events in docs/outbound.md): which reply, when it was sent, to
    /// whom, and what the remote server said.
    static func reportData(_ report: DeliveryReport, outbound: OutboundRecord, message: Message) -> [String: String] {
        var data = [
            "outbound": String(outbound.id!), "reply": String(outbound.messageId), "replyAt": String(outbound.createdAt),
            "to": outbound.recipient, "messageId": outbound.messageIdHeader, "action": report.action.rawValue,
            "reason": report.reason, "report": String(message.id!),
        ]
        if let s = report.status { data["status"] = s }
        let recipient = report.recipients.first { $0.action == report.action } ?? report.recipients.first
        if let d = recipient?.diagnostic { data["diagnostic"] = d }
        if let a = recipient?.address { data["recipient"] = a }
        if let mta = report.reportingMTA { data["reportingMTA"] = mta }
        return data
    }
}
