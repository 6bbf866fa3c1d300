import DeskModel
import Foundation
import GRDB
import XCTest

final class DatabaseOpeningTests: XCTestCase {
    func testCreatesSchemaWithWALAndForeignKeys() throws {
        let path = tempPath()
        let pool = try DeskDatabase.open(path: path)
        let (mode, fk, tables) = try pool.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            )
        }
        XCTAssertEqual(mode, "wal")
        XCTAssertEqual(fk, 1)
        for t in [
            "organizations", "customers", "agents", "branches", "tickets", "messages", "events", "templates", "escalations",
            "drafts",
        ] {
            XCTAssertTrue(tables.contains(t), "missing table \(t)")
        }
    }

    func testRefusesAFileThatIsNotSQLiteAndLeavesItUntouched() throws {
        let path = tempPath()
        let junk = Data("this is my thesis, not a database\n".utf8) + Data(repeating: 7, count: 5000)
        FileManager.default.createFile(atPath: path, contents: junk)
        XCTAssertThrowsError(try DeskDatabase.open(path: path)) { error in
            XCTAssertEqual(error as? DeskError, .notADatabase(path: path))
            XCTAssertTrue("\(error)".contains("left untouched"))
        }
        XCTAssertEqual(FileManager.default.contents(atPath: path), junk)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    func testRefusesACorruptSQLiteFileAndLeavesItUntouched() throws {
        let path = tempPath()
        var bytes = Data("SQLite format 3\0".utf8)
        bytes.append(Data(repeating: 0xAB, count: 8192))
        FileManager.default.createFile(atPath: path, contents: bytes)
        XCTAssertThrowsError(try DeskDatabase.open(path: path)) { error in
            XCTAssertEqual(error as? DeskError, .notADatabase(path: path))
        }
        XCTAssertEqual(FileManager.default.contents(atPath: path), bytes)
    }

    func testRefusesAnotherProgramsSQLiteDatabase() throws {
        let path = tempPath()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE recipes(id INTEGER PRIMARY KEY, name TEXT)") }
        try queue.close()
        let before = FileManager.default.contents(atPath: path)
        XCTAssertThrowsError(try DeskDatabase.open(path: path)) { error in
            XCTAssertEqual(error as? DeskError, .notADatabase(path: path))
        }
        XCTAssertEqual(FileManager.default.contents(atPath: path), before)
    }

    func testRefusesADatabaseFromANewerSchema() throws {
        let path = tempPath()
        let pool = try DeskDatabase.open(path: path)
        try pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99-from-the-future')") }
        try pool.close()
        XCTAssertThrowsError(try DeskDatabase.open(path: path)) { error in
            XCTAssertEqual(error as? DeskError, .newerSchema(path: path, unknown: ["v99-from-the-future"]))
            XCTAssertTrue("\(error)".contains("newer version of desk"))
        }
    }

    func testADatabaseCreatedBeforeTheQueueCountsGetsThemCountedFromItsTickets() throws {
        let path = tempPath()
        let pool = try DeskDatabase.open(path: path)
        let desk = Desk(db: pool, clock: FixedClock(FixedClock.parse("2026-11-20T09:00:00Z")!), policy: plainPolicy)
        try desk.syncBranches()
        for i in 0..<3 {
            try desk.createTicket(
                by: nil, customerEmail: "c\(i)@example.com", subject: "Ticket \(i)", channel: .email, body: "Hi")
        }
        // As an early v1 database was: no counts, and no migration that adds them yet.
        try pool.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER queue_counts_insert; DROP TRIGGER queue_counts_delete; DROP TRIGGER queue_counts_update;
                    DROP TABLE queue_counts;
                    DELETE FROM grdb_migrations WHERE identifier = 'v10-queue-counts-for-early-databases';
                    """)
        }
        try pool.close()
        let reopened = try DeskDatabase.open(path: path)
        XCTAssertEqual(
            try reopened.read { try Int.fetchOne($0, sql: "SELECT tickets FROM queue_counts WHERE status = 'new'") }, 3)
        let again = Desk(db: reopened, clock: desk.clock, policy: plainPolicy)
        try again.createTicket(by: nil, customerEmail: "d@example.com", subject: "Fourth", channel: .email, body: "Hi")
        XCTAssertEqual(
            try reopened.read { try Int.fetchOne($0, sql: "SELECT tickets FROM queue_counts WHERE status = 'new'") }, 4)
    }

    func testMissingFileIsAnErrorWhenNotCreating() {
        let path = tempPath()
        XCTAssertThrowsError(try DeskDatabase.open(path: path, create: false))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testDefaultPathFollowsXDG() {
        XCTAssertEqual(DeskDatabase.defaultPath(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]), "/x/desk/desk.sqlite")
        XCTAssertEqual(DeskDatabase.defaultPath(environment: ["HOME": "/h"]), "/h/.local/share/desk/desk.sqlite")
    }

    func testSchemaRejectsInvalidRows() throws {
        let (desk, _, _) = try makeDesk()
        XCTAssertThrowsError(
            try desk.db.write { db in
                try db.execute(sql: "INSERT INTO customers(email, name, tier) VALUES ('a@b.example', 'A', 'platinum')")
            })
        XCTAssertThrowsError(
            try desk.db.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO tickets(subject, status, priority, channel, customerId, createdAt, updatedAt) VALUES ('x', 'open', 'normal', 'email', 999, 1, 1)"
                )
            }, "foreign key to a missing customer")
    }
}
