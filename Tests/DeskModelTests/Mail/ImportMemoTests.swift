import Foundation
import GRDB
import XCTest

@testable import DeskModel

/// A Maildir fetch remembers what it wrote to each ticket between batches (`ImportMemo`); the
/// database it leaves must be the one an import that reads everything back would leave, also
/// when other writes land between its batches.
final class ImportMemoTests: XCTestCase {
    static let count = 1_200
    static let batch = 100

    /// Writes between batches. On the importer's own connection: status changes (they bump the
    /// ticket's version) and a trigger sweep two days later (it does not). From another
    /// connection: a status change, and customers made VIP (their tickets' versions stay).
    static func interleave(after batch: Int, _ desk: Desk, path: String) throws {
        switch batch {
        case 2:
            let lead = try desk.agent(handle: "lee")
            for id: Int64 in [3, 5] { _ = try desk.setStatus(ticket: id, to: .solved, by: lead) }
        case 4:
            let later = Desk(db: desk.db, clock: FixedClock(desk.clock.now + 2 * 86_400), policy: desk.policy)
            XCTAssertGreaterThan(try later.sweepTriggers(), 0)
        case 6:
            let other = try DeskDatabase.open(path: path)
            _ = try Desk(db: other, clock: desk.clock, policy: desk.policy).setStatus(
                ticket: 7, to: .pending, by: try desk.agent(handle: "lee"))
            try other.write { db in
                try db.execute(
                    sql: "UPDATE customers SET tier = 'vip' WHERE id IN (SELECT customerId FROM tickets WHERE id % 3 = 0)")
            }
        default:
            break
        }
    }

    func testAFetchThatRemembersStoresWhatOneThatReadsBackStores() throws {
        let maildir = tempPath("maildir")
        try MailCorpus(count: Self.count).writeMaildir(maildir)
        let files = try FileManager.default.contentsOfDirectory(atPath: maildir + "/new").sorted()
        let raw = try files.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: maildir + "/new/" + $0))) }

        let (remembering, rememberingPath) = try Self.desk()
        var batches = 0
        var failure: (any Error)?
        let (summary, _) = try MaildirFetcher(desk: remembering, path: maildir, batchSize: Self.batch).fetchOnce { _ in
            batches += 1
            do { try Self.interleave(after: batches, remembering, path: rememberingPath) } catch { failure = error }
        }
        if let failure { throw failure }
        XCTAssertEqual(summary.imported, Self.count)

        let (reading, readingPath) = try Self.desk()
        for (i, start) in stride(from: 0, to: raw.count, by: Self.batch).enumerated() {
            let part = raw[start..<min(raw.count, start + Self.batch)]
            _ = try reading.importRaw(part.enumerated().map { (name: "\($0.offset)", bytes: $0.element) })
            try Self.interleave(after: i + 1, reading, path: readingPath)
        }

        let a = try Self.dump(remembering), b = try Self.dump(reading)
        XCTAssertGreaterThan(a.triggers.count, 0, "the corpus fires triggers, so remembered triggers are exercised")
        XCTAssertTrue(
            a.events.contains { $0.contains("message.customer") && $0.contains("after") && $0.contains("open") },
            "replies reopen solved tickets, so remembered status histories grow")
        XCTAssertEqual(a.tickets.count, b.tickets.count)
        for (x, y) in zip(a.tickets, b.tickets) where x != y { XCTFail("ticket differs:\n\(x)\n\(y)") }
        XCTAssertEqual(a.events.count, b.events.count)
        for (x, y) in zip(a.events, b.events) where x != y {
            XCTFail("event differs:\n\(x)\n\(y)")
            break
        }
        XCTAssertEqual(a.triggers, b.triggers)
    }

    func testTheMemoStartsOverWhenAnythingElseWrote() throws {
        let maildir = tempPath("maildir")
        try MailCorpus(count: 300).writeMaildir(maildir)
        let raw = try FileManager.default.contentsOfDirectory(atPath: maildir + "/new").sorted().map {
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: maildir + "/new/" + $0)))
        }
        let (desk, path) = try Self.desk()
        let memo = ImportMemo()
        func batch(_ r: Range<Int>) throws { _ = try desk.importParsed(desk.prepare(Array(raw[r])), memo: memo) }
        func nextTransaction() throws -> Int {
            try desk.db.write { db in try memo.begin(db) }
            let kept = memo.count
            try desk.db.writeWithoutTransaction { db in try memo.seal(db) }
            return kept
        }
        try batch(0..<100)
        let remembered = memo.count
        XCTAssertGreaterThan(remembered, 30)
        XCTAssertEqual(try nextTransaction(), remembered, "nothing else wrote: kept")
        _ = try desk.setStatus(ticket: 1, to: .solved, by: try desk.agent(handle: "lee"))
        XCTAssertEqual(try nextTransaction(), 0, "a write on the importer's own connection")
        try batch(100..<200)
        XCTAssertGreaterThan(memo.count, 0)
        let other = Desk(db: try DeskDatabase.open(path: path), clock: desk.clock, policy: desk.policy)
        _ = try other.setStatus(ticket: 2, to: .solved, by: try other.agent(handle: "lee"))
        XCTAssertEqual(try nextTransaction(), 0, "a write from another connection")
        try batch(200..<300)
        XCTAssertGreaterThan(memo.count, 0)
        memo.forget()
        XCTAssertEqual(try nextTransaction(), 0, "after a rollback")
    }

    /// A fresh database with the standard policy's branches and a lead who can change status.
    static func desk() throws -> (Desk, String) {
        let path = tempPath()
        let db = try DeskDatabase.open(path: path)
        // Two hours after the corpus starts: deadlines still run, so a sweep days later changes triggers.
        let desk = Desk(db: db, clock: FixedClock(Date(timeIntervalSince1970: 1_795_007_200)), policy: .standard)
        try desk.syncBranches()
        try db.write { db in
            var lee = Agent(handle: "lee", name: "Lee", role: .lead, tier: 1, branchId: nil)
            try lee.insert(db)
        }
        return (desk, path)
    }

    static func dump(_ desk: Desk) throws -> (tickets: [String], events: [String], triggers: [String]) {
        try desk.db.read { db in
            func rows(_ sql: String) throws -> [String] {
                try Row.fetchAll(db, sql: sql).map { $0.description }
            }
            return (
                try rows("SELECT * FROM tickets ORDER BY id"),
                try rows("SELECT ticketId, kind, data, createdAt FROM events ORDER BY id"),
                try rows("SELECT * FROM ticket_triggers ORDER BY id")
            )
        }
    }
}
