import GRDB
import XCTest

@testable import DeskModel

/// How the write path stores rows: hand-listed columns that must match their tables, CHECK
/// constraints rewritten in place (v9), and a batch import that lets one refused mail fail alone.
final class WritePathStorageTests: XCTestCase {
    func columns(_ desk: Desk, _ table: String) throws -> Set<String> {
        try desk.db.read { db in Set(try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }) }
    }

    func testHandMappedRecordsListEveryColumnOfTheirTable() throws {
        let (desk, _, _) = try makeDesk()
        XCTAssertEqual(try columns(desk, "tickets"), Set(["id"] + Ticket.columns + Ticket.scheduleColumns))
        XCTAssertEqual(try columns(desk, "messages"), Set(["id"] + Message.columns))
        XCTAssertEqual(try columns(desk, "events"), Set(["id"] + TicketEvent.columns))
        XCTAssertEqual(try columns(desk, "customers"), Set(["id"] + Customer.columns))
        let ticket = Ticket(subject: "s", status: .new, priority: .normal, channel: .email, customerId: 1, createdAt: Date())
        XCTAssertEqual(ticket.values.count, Ticket.columns.count)
    }

    func testAStoredTicketReadsBackAsItWasWrittenAndAnUpdateWritesOnlyWhatChanged() throws {
        let (desk, _, _) = try makeDesk()
        let t = try desk.createTicket(
            by: nil, customerEmail: "zoe@example.com", subject: "Seat count", channel: .chat, body: "Two seats too many",
            priority: .high, productArea: "billing", tags: ["vip", "seats"], language: "de")
        let stored = try desk.db.read { db in try Ticket.fetchOne(db, key: t.id!) }
        XCTAssertEqual(stored, t)
        try desk.db.write { db in
            // Count the column updates a save makes: only the changed one is written.
            try db.execute(sql: "CREATE TEMP TABLE touched(what TEXT)")
            try db.execute(
                sql: """
                    CREATE TEMP TRIGGER subject_touched AFTER UPDATE OF subject ON tickets BEGIN
                        INSERT INTO touched VALUES ('subject');
                    END;
                    CREATE TEMP TRIGGER tags_touched AFTER UPDATE OF tags ON tickets BEGIN
                        INSERT INTO touched VALUES ('tags');
                    END;
                    """)
            var changed = stored!
            changed.tags = "seats"
            try changed.updateRow(db, from: stored!)
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT what FROM touched"), ["tags"])
            try changed.updateRow(db, from: changed)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM touched"), 1)
        }
    }

    func testCheckListsAreRewrittenAsComparisonsAndStillRefuseBadValues() throws {
        let cases: [(String, String)] = [
            (
                "status TEXT NOT NULL CHECK (status IN ('new','open','solved'))",
                "status TEXT NOT NULL CHECK ((status = 'new' OR status = 'open' OR status = 'solved'))"
            ),
            (
                "x INTEGER CHECK (x IN (0, 1, 2)), y TEXT CHECK (y IN ('a', 'b', 'c'))",
                "x INTEGER CHECK ((x = 0 OR x = 1 OR x = 2)), y TEXT CHECK ((y = 'a' OR y = 'b' OR y = 'c'))"
            ),
            // Two values are compared directly by SQLite already; anything but a lone list is left alone.
            ("p INTEGER CHECK (p IN (0,1))", "p INTEGER CHECK (p IN (0,1))"),
            ("q TEXT CHECK (q IN ('a','b','c') OR q IS NULL)", "q TEXT CHECK (q IN ('a','b','c') OR q IS NULL)"),
            ("r TEXT CHECK (r IN (SELECT 1, 2, 3))", "r TEXT CHECK (r IN (SELECT 1, 2, 3))"),
            ("s TEXT CHECK (s IN ('it''s','b','c'))", "s TEXT CHECK (s IN ('it''s','b','c'))"),
            ("t INTEGER CHECK (t >= 1)", "t INTEGER CHECK (t >= 1)"),
        ]
        for (sql, expected) in cases { XCTAssertEqual(Schema.checkListsRewritten(sql), expected, sql) }

        let (desk, _, _) = try makeDesk()
        try desk.db.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA integrity_check"), "ok")
            for insert in [
                "INSERT INTO tickets(subject, status, priority, channel, customerId, createdAt, updatedAt) VALUES ('s','new','normal','email',1,1,1)",
                "INSERT INTO messages(ticketId, authorKind, customerId, visibility, channel, body, createdAt) VALUES (1,'customer',1,'public','email','x',1)",
            ] {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN " + insert).map { $0["opcode"] as String }
                XCTAssertFalse(plan.contains("OpenEphemeral"), insert)
            }
        }
        XCTAssertThrowsError(
            try desk.db.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO tickets(subject, status, priority, channel, customerId, createdAt, updatedAt)
                        VALUES ('s', 'bogus', 'normal', 'email', 1, 1, 1)
                        """)
            }
        ) { error in
            XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_CONSTRAINT)
        }
    }

    func testAMailTheDatabaseRefusesFailsAloneAndTheRestOfTheBatchLands() throws {
        let (desk, _, _) = try makeDesk()
        try desk.db.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse BEFORE INSERT ON messages WHEN new.body LIKE '%REFUSE%' BEGIN
                        SELECT RAISE(ABORT, 'refused by the test');
                    END
                    """)
        }
        let mails = [
            MailThreadingTests.eml("<a@x>", from: "Ann <ann@a.example>", body: "First"),
            MailThreadingTests.eml("<b@x>", from: "Bob <bob@b.example>", body: "REFUSE this one"),
            MailThreadingTests.eml("<c@x>", from: "Cat <cat@c.example>", subject: "Other", body: "Third"),
        ]
        let results = try desk.importMail(mails)
        XCTAssertEqual(results[1], .failed("refused by the test"))
        guard case .created(let first) = results[0], case .created(let third) = results[2] else {
            return XCTFail("\(results)")
        }
        try desk.db.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets"), 2)
            XCTAssertEqual(try Int64.fetchAll(db, sql: "SELECT id FROM tickets ORDER BY id"), [first, third])
            // Nothing of the refused mail stays behind: not its customer, not an event.
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE email = 'bob@b.example'"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE data LIKE '%bob@b.example%'"), 0)
        }
    }
}
