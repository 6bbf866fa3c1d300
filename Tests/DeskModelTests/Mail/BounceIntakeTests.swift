import GRDB
import XCTest

@testable import DeskModel

/// Delivery reports through the import: matched to the reply desk mailed, the reply marked
/// bounced on its ticket with the remote reason; never a ticket, never quarantined.
final class BounceIntakeTests: XCTestCase {
    /// A desk with ticket #1 from Priya's mail and ada's public reply to it, queued in the outbox.
    /// Returns the reply's Message-ID and outbound id.
    func deskWithReply() throws -> (Desk, Agent, String, Int64) {
        let (desk, ada, _) = try makeDesk()
        XCTAssertEqual(try desk.importMail([MailThreadingTests.eml("<a@initech.example>")]), [.created(ticket: 1)])
        let sent = try desk.send(ticket: 1, SendRequest(body: "Please try the export again."), by: ada)
        let outbound = try XCTUnwrap(sent.outboundId)
        let id = try XCTUnwrap(desk.outbox().first?.messageIdHeader)
        return (desk, ada, id, outbound)
    }

    func raw(_ text: String) -> (name: String, bytes: [UInt8]) { ("report.eml", Array(text.utf8)) }

    func testEachMailersReportMarksTheReplyBouncedOnItsTicket() throws {
        let shapes: [(String, (String) -> String, String)] = [
            ("Postfix", { DeliveryReportSamples.postfix($0) }, "550 5.1.1 <priya@initech.example>: Recipient address rejected"),
            ("Exchange", { DeliveryReportSamples.exchange($0) }, "550 5.1.10 RESOLVER.ADR.RecipientNotFound"),
            ("Gmail", { DeliveryReportSamples.gmail($0) }, "550-5.1.1 The email account that you tried to reach does not exist"),
            ("qmail", { DeliveryReportSamples.qmail($0) }, "Sorry, no mailbox here by that name. (#5.1.1)"),
        ]
        for (name, shape, reason) in shapes {
            let (desk, ada, id, outbound) = try deskWithReply()
            let before = try desk.db.read { try Ticket.fetchOne($0, key: 1)! }
            XCTAssertEqual(try desk.importRaw([raw(shape(id))]), [.bounced(ticket: 1, outbound: outbound)], name)
            let record = try XCTUnwrap(try desk.outbox(includeSent: true).first, name)
            XCTAssertEqual(record.state, "bounced", name)
            XCTAssertTrue(record.lastError?.contains(reason) == true, "\(name): \(record.lastError ?? "nil")")
            try desk.db.read { db in
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets"), 1, name)
                let ticket = try Ticket.fetchOne(db, key: 1)!
                XCTAssertEqual(ticket.version, before.version + 1, name)
                XCTAssertEqual(ticket.status, before.status, "\(name): a bounce changes no status")
                let event = try XCTUnwrap(
                    try TicketEvent.fetchOne(db, sql: "SELECT * FROM events WHERE kind = 'mail.bounced'"), name)
                XCTAssertEqual(event.ticketId, 1, name)
                let data = event.fields
                XCTAssertEqual(data["outbound"], String(outbound), name)
                XCTAssertEqual(data["messageId"], id, name)
                XCTAssertEqual(data["to"], "priya@initech.example", name)
                XCTAssertEqual(data["replyAt"], String(record.createdAt), name)
                XCTAssertTrue(data["reason"]?.contains(reason) == true, name)
                // The report itself is kept on the ticket, as a machine's message that counts for nothing.
                let kept = try Row.fetchOne(
                    db, sql: "SELECT authorKind, auto, body FROM messages WHERE id = ?", arguments: [Int64(data["report"]!)!])
                XCTAssertEqual(kept?["authorKind"], "system", name)
                XCTAssertEqual(kept?["auto"], "bounce", name)
            }
            // The ticket header's list of replies not delivered says which bounced, and why.
            XCTAssertEqual(try desk.ticketDetail(id: 1).undeliveredMail, ["bounced: " + (record.lastError ?? "")], name)
            let line = try desk.ticketDetail(id: 1).timeline.last { $0.kind == .event }?.body ?? ""
            XCTAssertTrue(line.hasPrefix("✉ reply of Nov 20 09:00 UTC to priya@initech.example bounced: "), "\(name): \(line)")
            // Ada, who wrote the reply, is told; in the same transaction as the bounce.
            let told = try desk.notifications(agent: ada.id!)
            XCTAssertEqual(told.map(\.kind), [.replyBounced], name)
            XCTAssertEqual(told.first?.ticketId, 1, name)
            XCTAssertTrue(told.first?.text.contains(reason) == true, "\(name): \(told.first?.text ?? "nil")")
            // The same report again changes nothing.
            XCTAssertEqual(try desk.importRaw([raw(shape(id))]), [.duplicate(ticket: 1)], name)
            XCTAssertEqual(try desk.notifications(agent: ada.id!).count, 1, "\(name): told once")
            // `desk outbox retry` with no ids leaves a bounced reply alone.
            XCTAssertEqual(try desk.deliverOutbound().count, 0, name)
        }
    }

    func testAReportForAMessageNeverSentIsCountedByItsIdNotDropped() throws {
        let (desk, _, _, _) = try deskWithReply()
        let results = try desk.importRaw([raw(DeliveryReportSamples.postfix("<never-sent@desk.example>"))])
        XCTAssertEqual(results, [.unknownBounce(messageId: "<never-sent@desk.example>")])
        var summary = IntakeSummary()
        results.forEach { summary.add($0) }
        XCTAssertTrue(summary.description.contains("bounce for unknown message <never-sent@desk.example>"), summary.description)
        XCTAssertEqual(summary.quarantined, 0)
        XCTAssertEqual(summary.total, 1)
        try desk.db.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets"), 1)
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT state FROM outbound"), "queued")
        }
    }

    func testADelayedReportIsRecordedWithoutMarkingTheReplyFailed() throws {
        let (desk, _, id, outbound) = try deskWithReply()
        let results = try desk.importRaw([raw(DeliveryReportSamples.gmail(id, action: "delayed"))])
        XCTAssertEqual(results, [.deliveryReport(ticket: 1, outbound: outbound, action: .delayed)])
        try desk.db.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT state FROM outbound"), "queued")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE kind = 'mail.report'"), 1)
        }
        var summary = IntakeSummary()
        results.forEach { summary.add($0) }
        XCTAssertTrue(summary.description.contains("1 delivery report recorded (delayed, not failed)"), summary.description)
    }

    func testAFetchedReportLandsInTheSameBatchAsOrdinaryMail() throws {
        // Through the Maildir importer with its memo: the bounce and a customer reply in one batch.
        let (desk, _, id, outbound) = try deskWithReply()
        let dir = NSTemporaryDirectory() + "desk-bounce-" + UUID().uuidString
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
        }
        try DeliveryReportSamples.exchange(id).write(toFile: dir + "/new/1.report", atomically: true, encoding: .utf8)
        let reply = "From: Priya <priya@initech.example>\nSubject: Re: Export fails [#1]\nIn-Reply-To: \(id)\n"
            + "Message-ID: <b@initech.example>\n\nStill failing.\n"
        try reply.write(toFile: dir + "/new/2.reply", atomically: true, encoding: .utf8)
        let (summary, quarantined) = try MaildirFetcher(desk: desk, path: dir).fetchOnce()
        XCTAssertEqual(quarantined, [])
        XCTAssertEqual(summary.bounced, 1)
        XCTAssertEqual(summary.threaded, 1)
        XCTAssertEqual(summary.created, 0)
        try desk.db.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT state FROM outbound WHERE id = ?", arguments: [outbound]), "bounced")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets"), 1)
        }
    }
}
