import GRDB
import XCTest

@testable import DeskModel

final class QueueQueryTests: XCTestCase {
    func makeQueue() throws -> (Desk, Agent) {
        let (desk, ada, ben) = try makeDesk()
        let subjects = [
            "Refund for annual plan", "Calendar sync stopped", "Can't log in", "Refund not received", "Invoice VAT wrong",
        ]
        for (i, s) in subjects.enumerated() {
            let t = try desk.createTicket(by: nil, customerEmail: "c\(i)@example.com", subject: s, channel: .email, body: "hello")
            if i == 1 { try desk.assign(ticket: t.id!, to: "ada", by: ada) }
            if i == 4 {
                try desk.setStatus(ticket: t.id!, to: .solved, by: ben)
                try desk.setStatus(ticket: t.id!, to: .closed, by: ada)
            }
        }
        return (desk, ada)
    }

    func testViewsCountAndPage() throws {
        let (desk, ada) = try makeQueue()
        func ids(_ q: QueueQuery) throws -> [Int64] { try desk.queuePage(q, offset: 0, limit: 50).rows.map(\.id) }
        XCTAssertEqual(try desk.queuePage(QueueQuery(view: .all), offset: 0, limit: 0).total, 5)
        XCTAssertEqual(Set(try ids(QueueQuery(view: .open))), [1, 2, 3, 4])
        XCTAssertEqual(try ids(QueueQuery(view: .mine, agentId: ada.id)), [2])
        XCTAssertEqual(Set(try ids(QueueQuery(view: .unassigned))), [1, 3, 4])
        // Windowed: a page is only what was asked for.
        let page = try desk.queuePage(QueueQuery(view: .all), offset: 1, limit: 2)
        XCTAssertEqual(page.total, 5)
        XCTAssertEqual(page.rows.count, 2)
    }

    func testFilterBySubjectWordsPrefixNumberAndCustomer() throws {
        let (desk, _) = try makeQueue()
        func ids(_ text: String) throws -> Set<Int64> {
            Set(try desk.queuePage(QueueQuery(view: .all, filter: text), offset: 0, limit: 50).rows.map(\.id))
        }
        XCTAssertEqual(try ids("refund"), [1, 4])
        XCTAssertEqual(try ids("refu"), [1, 4])
        XCTAssertEqual(try ids("#3"), [3])
        XCTAssertEqual(try ids("c2@"), [3])
        XCTAssertEqual(try ids("zzz"), [])
        // FTS syntax in user text is just text.
        XCTAssertNoThrow(try ids("\"refund OR NEAR("))
        XCTAssertNoThrow(try ids("50%_off"))
    }

    func testCustomerNamesMatchByWordPrefix() throws {
        let (desk, _) = try makeQueue()
        try desk.db.write { db in try db.execute(sql: "UPDATE customers SET name = 'Maria García' WHERE email = 'c1@example.com'")
        }
        func ids(_ text: String) throws -> Set<Int64> {
            Set(try desk.queuePage(QueueQuery(view: .all, filter: text), offset: 0, limit: 50).rows.map(\.id))
        }
        XCTAssertEqual(try ids("garc"), [2])
        XCTAssertEqual(try ids("maria"), [2])
        XCTAssertEqual(try ids("aria"), [], "inside a word is not a match")
    }

    func testFilteredCountsStopAtTheCap() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        var seeder = CorpusSeeder(desk: desk, tickets: QueueQuery.filteredCountCap + 500, messagesPerTicket: 0, seed: 3)
        seeder.customers = 50
        try seeder.run()
        let unfiltered = try desk.queuePage(QueueQuery(view: .all), offset: 0, limit: 1).total
        XCTAssertEqual(unfiltered, QueueQuery.filteredCountCap + 500, "unfiltered queues are counted exactly")
        let broad = try desk.queuePage(QueueQuery(view: .all, filter: "customer"), offset: 0, limit: 1).total
        XCTAssertEqual(broad, QueueQuery.filteredCountCap + 1, "a broad filter reports 'more than the cap'")
    }

    /// Keyset pages (after/before a loaded row) and pages counted from the end are the same rows
    /// as plain OFFSET pages, in both orders (the SLA order has ties at "no deadline").
    func testAnchoredAndFromTheEndPagesMatchOffsetPages() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        var seeder = CorpusSeeder(desk: desk, tickets: 500, messagesPerTicket: 0, seed: 5)
        seeder.customers = 40
        try seeder.run()
        try desk.recomputeSLA()
        let withDeadline = try desk.db.read { try Int.fetchOne($0, sql: "SELECT count(slaDueAt) FROM tickets") ?? 0 }
        XCTAssertGreaterThan(withDeadline, 50, "the corpus has SLA deadlines to sort by")
        for view in [QueueView.open, .all] {
            for sort in QueueSort.allCases {
                let q = QueueQuery(view: view, sort: sort)
                try desk.db.read { db in
                    let total = try q.count(db)
                    let all = try q.page(db, offset: 0, limit: total)
                    for offset in [1, 37, 120, total / 2 + 3, total - 30, total - 5] {
                        let expected = Array(all[offset..<min(total, offset + 40)])
                        let before = all[offset - 1]
                        let after = try q.page(
                            db, offset: offset, limit: 40, anchor: .after(before, in: q), total: total)
                        XCTAssertEqual(after, expected, "after, offset \(offset), \(sort)")
                        let fromEnd = try q.page(db, offset: offset, limit: 40, anchor: nil, total: total)
                        XCTAssertEqual(fromEnd, expected, "from the end, offset \(offset)")
                        if offset + 40 < total {
                            let next = all[offset + 40]
                            let beforeRows = try q.page(
                                db, offset: offset, limit: 40, anchor: .before(next, in: q), total: total)
                            XCTAssertEqual(beforeRows, expected, "before, offset \(offset)")
                        }
                    }
                }
            }
        }
    }

    /// The trigger-kept counts agree with counting the rows, through inserts, reassignments,
    /// status changes and deletes.
    func testViewCountsAgreeWithTheRows() throws {
        let (desk, ada) = try makeQueue()
        let ben = try desk.agent(handle: "ben")
        try desk.assign(ticket: 1, to: "ben", by: ada)
        try desk.assign(ticket: 1, to: "ada", by: ada)
        try desk.setStatus(ticket: 3, to: .solved, by: ben)
        try desk.db.write { db in try db.execute(sql: "DELETE FROM tickets WHERE id = 4") }
        try desk.db.read { db in
            for (view, agent) in [(QueueView.open, ada.id), (.mine, ada.id), (.mine, ben.id), (.unassigned, nil), (.all, nil)] {
                let q = QueueQuery(view: view, agentId: agent)
                let (clause, args) = q.whereClause()
                let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets t WHERE \(clause)", arguments: args)
                XCTAssertEqual(try q.count(db), rows, "\(view) \(String(describing: agent))")
            }
        }
    }
}
