import Foundation
import GRDB
import XCTest

@testable import DeskModel

/// Full-text rows are queued by triggers and indexed when a Desk write commits
/// (Schema.deferredIndex): committed rows are searchable, queued rows can be edited or deleted
/// without corrupting the index, and rows written outside Desk are picked up by the next flush.
final class FullTextQueueTests: XCTestCase {
    func count(_ desk: Desk, _ sql: String) throws -> Int {
        try desk.db.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    func testCommittedTicketsAndMessagesAreSearchableAndTheQueuesAreEmpty() throws {
        let (desk, ada, _) = try makeDesk()
        let t = try desk.createTicket(
            by: nil, customerEmail: "zoe@example.com", subject: "Invoice mismatch", channel: .email,
            body: "The quarterly invoice lists a seat we cancelled")
        try desk.note(ticket: t.id!, body: "Checked the seat audit log", by: ada)
        XCTAssertEqual(try count(desk, "SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH 'mismatch'"), 1)
        XCTAssertEqual(try count(desk, "SELECT count(*) FROM message_fts WHERE message_fts MATCH 'quarterly'"), 1)
        XCTAssertEqual(try count(desk, "SELECT count(*) FROM message_fts WHERE message_fts MATCH 'audit'"), 1)
        XCTAssertEqual(try count(desk, "SELECT count(*) FROM message_fts_queue"), 0)
        XCTAssertEqual(try count(desk, "SELECT count(*) FROM ticket_fts_queue"), 0)
    }

    func testEditingAndDeletingRowsBeforeAndAfterIndexingKeepsTheIndexExact() throws {
        let (desk, _, _) = try makeDesk()
        let t = try desk.createTicket(
            by: nil, customerEmail: "zoe@example.com", subject: "Printer", channel: .email, body: "alpha bravo")
        try desk.db.write { db in
            // Indexed row edited, then a row written outside Desk edited and deleted while queued.
            try db.execute(sql: "UPDATE messages SET body = 'charlie delta' WHERE ticketId = ?", arguments: [t.id])
            try db.execute(
                sql: """
                    INSERT INTO messages(ticketId, authorKind, customerId, visibility, channel, body, createdAt)
                    SELECT id, 'customer', customerId, 'public', 'email', 'echo foxtrot', createdAt FROM tickets WHERE id = ?
                    """, arguments: [t.id])
            let queued = db.lastInsertedRowID
            try db.execute(sql: "UPDATE messages SET body = 'golf hotel' WHERE id = ?", arguments: [queued])
            try db.execute(
                sql: """
                    INSERT INTO messages(ticketId, authorKind, customerId, visibility, channel, body, createdAt)
                    SELECT id, 'customer', customerId, 'public', 'email', 'india juliet', createdAt FROM tickets WHERE id = ?
                    """, arguments: [t.id])
            try db.execute(sql: "DELETE FROM messages WHERE id = ?", arguments: [db.lastInsertedRowID])
            try FullTextQueue.flush(db)
            try db.execute(sql: "INSERT INTO message_fts(message_fts) VALUES ('integrity-check')")
        }
        for (word, hits) in [("alpha", 0), ("charlie", 1), ("echo", 0), ("golf", 1), ("india", 0)] {
            XCTAssertEqual(
                try count(desk, "SELECT count(*) FROM message_fts WHERE message_fts MATCH '\(word)'"), hits, word)
        }
    }

    func testEventDataIsTheJSONThatJSONEncoderWrites() throws {
        let samples: [[String: String]] = [
            [:], ["b": "2", "a": "1"], ["text": "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u{07} é 🙂"],
            ["\u{08}": "\u{0C}x/", "k\"": "\\", "/": "/a//b/"],
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for s in samples {
            let event = TicketEvent(ticketId: 1, actorId: nil, kind: "k", data: s, createdAt: Date())
            XCTAssertEqual(event.data, String(decoding: try encoder.encode(s), as: UTF8.self))
            XCTAssertEqual(event.fields, s)
        }
    }

    func testKeyListsRoundTripThroughJSONEach() throws {
        let keys = ["<a@b>", "<q\"uote@x>", "<back\\slash/@x>", "<tab\t@x>", "<é🙂@x>", "<\u{01}@x>", ""]
        let encoder = JSONEncoder()
        XCTAssertEqual(JSONObjectText.array(keys), String(decoding: try encoder.encode(keys), as: UTF8.self))
        let db = try DatabaseQueue()
        let back = try db.read { db in
            try String.fetchAll(db, sql: "SELECT value FROM json_each(?)", arguments: [JSONObjectText.array(keys)])
        }
        XCTAssertEqual(back, keys)
    }
}
