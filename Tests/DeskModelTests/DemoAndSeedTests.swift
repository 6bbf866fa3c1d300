import DeskModel
import GRDB
import XCTest

final class DemoAndSeedTests: XCTestCase {
    func buildDemo() throws -> Desk {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        try DemoBuilder(desk: desk).build()
        return desk
    }

    func testDemoCoversEveryStatusChannelTierAndRealHistories() throws {
        let desk = try buildDemo()
        try desk.db.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets"), 200)
            XCTAssertEqual(
                Set(try String.fetchAll(db, sql: "SELECT DISTINCT status FROM tickets")),
                Set(TicketStatus.allCases.map(\.rawValue)))
            XCTAssertEqual(
                Set(try String.fetchAll(db, sql: "SELECT DISTINCT channel FROM tickets")), Set(Channel.allCases.map(\.rawValue)))
            XCTAssertEqual(
                Set(try String.fetchAll(db, sql: "SELECT DISTINCT tier FROM customers")),
                Set(CustomerTier.allCases.map(\.rawValue)))
            XCTAssertEqual(
                Set(try String.fetchAll(db, sql: "SELECT DISTINCT tier FROM branches")), ["tier1", "tier2", "engineering"])
            XCTAssertGreaterThanOrEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM agents")!, 8)
            XCTAssertGreaterThanOrEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM templates")!, 20)
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM messages WHERE visibility = 'internal'")!, 20)
            XCTAssertEqual(
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) FROM customers WHERE tier IN ('vip','strategic') AND (organizationId IS NULL OR accountOwnerId IS NULL)"
                ), 0)
            let lengths = try Int.fetchAll(db, sql: "SELECT count(*) FROM messages GROUP BY ticketId")
            XCTAssertEqual(lengths.min(), 1)
            XCTAssertLessThanOrEqual(lengths.max()!, 31)
            XCTAssertGreaterThanOrEqual(lengths.max()!, 12)
            // Versions agree with the events recorded for each ticket (triggers firing and clearing are
            // derived, recorded without a version bump).
            XCTAssertEqual(
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) FROM tickets t WHERE version <> (SELECT count(*) FROM events e WHERE e.ticketId = t.id AND e.kind NOT LIKE 'trigger.%')"
                ), 0)
            // Waiting on the customer means the agent spoke last.
            XCTAssertEqual(
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM tickets t WHERE status = 'pending' AND
                          (SELECT authorKind FROM messages m WHERE m.ticketId = t.id AND visibility = 'public' ORDER BY createdAt DESC, id DESC LIMIT 1) <> 'agent'
                        """), 0)
        }
    }

    func testDemoIsDeterministic() throws {
        func fingerprint(_ d: Desk) throws -> [String] {
            try d.db.read { db in
                try String.fetchAll(db, sql: "SELECT subject || status || priority || createdAt FROM tickets ORDER BY id")
                    + String.fetchAll(db, sql: "SELECT body || createdAt FROM messages ORDER BY id")
            }
        }
        XCTAssertEqual(try fingerprint(try buildDemo()), try fingerprint(try buildDemo()))
    }

    func testSeedBuildsTheRequestedCorpus() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        var progress: [Int] = []
        var seeder = CorpusSeeder(desk: desk, tickets: 300, messagesPerTicket: 4, seed: 9)
        seeder.customers = 500
        try seeder.run { progress.append($0) }
        try desk.db.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets"), 300)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM messages"), 1200)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM agents"), 50)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM templates"), 300)
            XCTAssertEqual(
                try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH 'refund'")! > 0, true)
        }
    }
}
