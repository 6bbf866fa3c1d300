import DeskModel
import GRDB
import XCTest

/// The stress checks pass on a run that lost nothing, and each one fails when the database is
/// made to disagree with the workers' logs (so a green `desk stress` means something).
final class StressCheckTests: XCTestCase {
    struct Run {
        let desk: Desk
        let plan: StressPlan
        let directory: String
        var records: [StressRecord] { (try? StressLog.read(directory: directory)) ?? [] }
        func check(killed: Set<Int> = []) throws -> [String: StressCheckResult] {
            let results = try StressCheck(desk: desk, plan: plan, records: records, killed: killed).run()
            return Dictionary(uniqueKeysWithValues: results.map { ($0.check, $0) })
        }
    }

    /// Three agents of the demo working two hot tickets at once, in this process, for a moment.
    func workedRun() throws -> Run {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        try DemoBuilder(desk: desk).build()
        let directory = NSTemporaryDirectory() + "desk-stress-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let plan = try StressPlan.prepare(desk, tickets: 2, run: "t")
        let handles = ["ben", "farid", "ada"]
        let until = StressTime.seconds() + 0.6
        DispatchQueue.concurrentPerform(iterations: handles.count) { i in
            let log = try! StressLogFile(path: StressLog.path(directory: directory, worker: i))
            var agent = StressAgent(
                desk: desk, agent: try! desk.agent(handle: handles[i]), worker: i, run: plan.run, tickets: plan.tickets,
                log: log, pace: 0, seed: UInt64(i + 1))
            agent.run(startAt: 0, until: until)
        }
        return Run(desk: desk, plan: plan, directory: directory)
    }

    static let done = "every write reported done is stored with its event"
    static let refused = "no write reported refused or failed is stored"
    static let orphans = "only a killed worker leaves a write without an outcome"
    static let versions = "each ticket's version equals its version-bumping events"

    func testACleanRunPassesEveryCheck() throws {
        let run = try workedRun()
        let results = try run.check()
        for r in results.values { XCTAssertTrue(r.passed, "\(r.check): \(r.detail)") }
        XCTAssertEqual(results.count, 8)
        let phases = run.records.map(\.phase)
        XCTAssertGreaterThan(phases.filter { $0 == .done }.count, 10, "the agents wrote")
    }

    func testAWriteReportedDoneButMissingFails() throws {
        let run = try workedRun()
        let done = try XCTUnwrap(run.records.last { $0.phase == .done && $0.message != nil })
        try run.desk.db.write { db in
            try db.execute(
                sql: "DELETE FROM events WHERE kind LIKE 'message.%' AND data ->> 'message' = ?",
                arguments: [String(done.message!)])
            try db.execute(sql: "DELETE FROM messages WHERE id = ?", arguments: [done.message!])
        }
        let results = try run.check()
        XCTAssertFalse(results[Self.done]!.passed)
        XCTAssertTrue(results[Self.done]!.detail.contains("worker \(done.worker) write \(done.seq)"), results[Self.done]!.detail)
        XCTAssertFalse(results[Self.versions]!.passed, "the version counts a bump whose event is gone")
    }

    func testARefusedWriteThatWasStoredFails() throws {
        let run = try workedRun()
        let attempts = Dictionary(
            run.records.filter { $0.phase == .attempt }.map { ("\($0.worker)/\($0.seq)", $0) }, uniquingKeysWith: { a, _ in a })
        let refused = try XCTUnwrap(
            run.records.first { $0.phase == .refused && attempts["\($0.worker)/\($0.seq)"]?.token != nil },
            "some write conflicted")
        let attempt = attempts["\(refused.worker)/\(refused.seq)"]!
        try run.desk.db.write { db in
            try db.execute(
                sql: """
                    INSERT INTO messages(ticketId, authorKind, agentId, visibility, channel, body, createdAt)
                    VALUES (?, 'agent', (SELECT id FROM agents WHERE handle = ?), 'internal', 'email', ?, 0)
                    """, arguments: [attempt.ticket, attempt.agent, "Stored anyway [\(attempt.token!)]"])
        }
        let results = try run.check()
        XCTAssertFalse(results[Self.refused]!.passed)
        XCTAssertTrue(results[Self.refused]!.detail.contains("stored though refused"), results[Self.refused]!.detail)
    }

    func testAnEventNoWorkerReportedFails() throws {
        let run = try workedRun()
        let ticket = run.plan.tickets[0]
        try run.desk.db.write { db in
            try db.execute(
                sql:
                    "INSERT INTO events(ticketId, actorId, kind, data, createdAt) VALUES (?, (SELECT id FROM agents WHERE handle = 'ben'), 'ticket.priority', '{\"after\":\"low\"}', 0)",
                arguments: [ticket])
            try db.execute(sql: "UPDATE tickets SET version = version + 1 WHERE id = ?", arguments: [ticket])
        }
        let results = try run.check()
        XCTAssertFalse(results[Self.refused]!.passed)
        XCTAssertTrue(results[Self.refused]!.detail.contains("no worker reported it done"), results[Self.refused]!.detail)
        XCTAssertTrue(results[Self.versions]!.passed, "version and events still agree")
    }

    func testAVersionThatDriftsFromItsEventsFails() throws {
        let run = try workedRun()
        try run.desk.db.write { db in
            try db.execute(sql: "UPDATE tickets SET version = version + 1 WHERE id = ?", arguments: [run.plan.tickets[1]])
        }
        let results = try run.check()
        XCTAssertFalse(results[Self.versions]!.passed)
        XCTAssertTrue(results[Self.versions]!.detail.contains("#\(run.plan.tickets[1])"), results[Self.versions]!.detail)
    }

    func testAWriteWithoutOutcomeIsAcceptedOnlyFromAKilledWorker() throws {
        let run = try workedRun()
        // A write that was about to start when its worker died: attempt logged, no outcome.
        let log = try StressLogFile(path: StressLog.path(directory: run.directory, worker: 9))
        var attempt = StressRecord(worker: 9, seq: 1, phase: .attempt)
        attempt.op = .note
        attempt.ticket = run.plan.tickets[0]
        attempt.agent = "ben"
        attempt.token = "stress-t-w9-1"
        log.append(attempt, durable: true)
        XCTAssertFalse(try run.check()[Self.orphans]!.passed)
        let killed = try run.check(killed: [9])
        for r in killed.values { XCTAssertTrue(r.passed, "\(r.check): \(r.detail)") }
    }

    func testAKilledWorkersWriteThatLandedIsAccountedFor() throws {
        let run = try workedRun()
        // Worker 5 logged its attempt and its note committed; it was killed before logging "done".
        let ticket = run.plan.tickets[0]
        let log = try StressLogFile(path: StressLog.path(directory: run.directory, worker: 5))
        var attempt = StressRecord(worker: 5, seq: 1, phase: .attempt)
        attempt.op = .note
        attempt.ticket = ticket
        attempt.agent = "ben"
        attempt.token = "stress-t-w5-1"
        log.append(attempt, durable: true)
        try run.desk.note(ticket: ticket, body: "Last words [stress-t-w5-1]", by: try run.desk.agent(handle: "ben"))

        let results = try run.check(killed: [5])
        for r in results.values { XCTAssertTrue(r.passed, "\(r.check): \(r.detail)") }
        XCTAssertTrue(results[Self.refused]!.detail.contains("1 of 1 such writes landed"), results[Self.refused]!.detail)
    }

    func testALockedDatabaseReachingAWorkerFails() throws {
        let run = try workedRun()
        let log = try StressLogFile(path: StressLog.path(directory: run.directory, worker: 8))
        var r = StressRecord(worker: 8, seq: -1, phase: .error)
        r.reason = "locked"
        r.detail = "reading: SQLite error 5: database is locked"
        log.append(r, durable: true)
        let results = try run.check()
        XCTAssertFalse(results["no \"database is locked\" (SQLITE_BUSY) reached a worker"]!.passed)
    }
}
