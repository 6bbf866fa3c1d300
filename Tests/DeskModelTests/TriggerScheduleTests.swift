import Foundation
import GRDB
import XCTest

@testable import DeskModel

/// The trigger sweep visits only the tickets whose next check has come (`tickets.checkAt`,
/// `SLAClock.nextChange`), and finds exactly what a sweep of every ticket finds.
final class TriggerScheduleTests: XCTestCase {
    func at(_ desk: Desk, _ time: String) -> Desk {
        Desk(db: desk.db, clock: FixedClock(FixedClock.parse(time)!), policy: desk.policy)
    }

    func testARunWithNothingDueTouchesNothing() throws {
        let cast = try EscalationCast(at: "2026-11-20T09:00:00Z")
        for i in 0..<5 {
            try cast.desk.createTicket(
                by: nil, customerEmail: "c\(i)@acme.example", subject: "Case \(i)", channel: .email, body: "Help.",
                productArea: "billing")
        }
        let first = try cast.at("2026-11-20T09:10:00Z").sweepDueTriggers()
        XCTAssertEqual(first.examined, 0, "every ticket was scheduled by its own write")
        // The first run finds no policy fingerprint: it re-evaluates SLA and checks every open ticket once.
        let again = try cast.at("2026-11-20T09:10:00Z").runMaintenance()
        XCTAssertNotNil(again.slaUpdated, "no fingerprint was stored before the first run")
        XCTAssertEqual(again.examined, 5)
        XCTAssertEqual(again.triggersChanged, 0)
        let before = try snapshot(cast.desk)
        // With the policy's fingerprint stored, a run with nothing due commits nothing at all.
        let commits = try commitWatcher(cast.desk)
        let version = try commits()
        let second = try cast.at("2026-11-20T09:10:00Z").runMaintenance()
        XCTAssertNil(second.slaUpdated, "the policy did not change")
        XCTAssertEqual(second.examined, 0)
        XCTAssertEqual(second.triggersChanged, 0)
        XCTAssertEqual(try commits(), version, "nothing was written")
        XCTAssertEqual(try snapshot(cast.desk), before)
        // A changed policy (first reply a minute longer) is re-evaluated, and every open ticket checked.
        var longer = cast.desk.policy
        longer.sla.policies[0].targets[0].minutes += 1
        let changed = try Desk(db: cast.desk.db, clock: FixedClock(FixedClock.parse("2026-11-20T09:10:00Z")!), policy: longer)
            .runMaintenance()
        XCTAssertEqual(changed.slaUpdated, 5)
        XCTAssertEqual(changed.examined, 5)
    }

    func testATicketWhoseCheckTimeHasComeIsSwept() throws {
        let cast = try EscalationCast(at: "2026-11-20T09:00:00Z")
        let t = try cast.desk.createTicket(
            by: nil, customerEmail: "ann@acme.example", subject: "Card declined", channel: .email, body: "It fails.",
            productArea: "billing")
        // first_reply 60 min: at risk (75 % used) at 09:45:00, under the trigger's 25 % left from
        // 09:45:01, breached at 10:00; resolution 600 min: 16:30, 16:30:01, 19:00.
        XCTAssertEqual(try checkAt(cast.desk, t.id!), "2026-11-20T09:45:00Z")
        XCTAssertEqual(try cast.at("2026-11-20T09:44:59Z").sweepDueTriggers(), Desk.Sweep(examined: 0, changed: 0))
        XCTAssertEqual(try cast.at("2026-11-20T09:45:00Z").sweepDueTriggers(), Desk.Sweep(examined: 1, changed: 0))
        XCTAssertEqual(try checkAt(cast.desk, t.id!), "2026-11-20T09:45:01Z")
        XCTAssertEqual(try cast.at("2026-11-20T09:45:01Z").sweepDueTriggers(), Desk.Sweep(examined: 1, changed: 1))
        XCTAssertEqual(try cast.triggers(t.id!), [.slaAtRisk])
        XCTAssertEqual(try reason(cast.desk, t.id!), "first_reply under 25% of 60 min left")
        XCTAssertEqual(try checkAt(cast.desk, t.id!), "2026-11-20T10:00:00Z")
        XCTAssertEqual(try cast.at("2026-11-20T09:59:59Z").sweepDueTriggers().examined, 0)
        XCTAssertEqual(try cast.at("2026-11-20T10:00:00Z").sweepDueTriggers(), Desk.Sweep(examined: 1, changed: 0))
        XCTAssertEqual(try reason(cast.desk, t.id!), "first_reply breached (60 min target)")
        XCTAssertEqual(try checkAt(cast.desk, t.id!), "2026-11-20T16:30:00Z")
        // A reply meets first_reply: the write clears the trigger and schedules the resolution's next instant.
        try cast.at("2026-11-20T10:05:00Z").reply(ticket: t.id!, body: "Looking into it.", by: cast.ben)
        XCTAssertEqual(try cast.triggers(t.id!), [])
        XCTAssertEqual(try checkAt(cast.desk, t.id!), "2026-11-20T16:30:00Z")
        // Solved: nothing left to wait for.
        _ = try cast.at("2026-11-20T10:06:00Z").setStatus(ticket: t.id!, to: .solved, by: cast.ben)
        XCTAssertNil(try checkAt(cast.desk, t.id!))
        XCTAssertEqual(try cast.at("2026-11-27T10:00:00Z").sweepDueTriggers().examined, 0)
    }

    func reason(_ desk: Desk, _ id: Int64) throws -> String? {
        try desk.db.read {
            try String.fetchOne($0, sql: "SELECT reason FROM ticket_triggers WHERE ticketId = ? AND clearedAt IS NULL", arguments: [id])
        }
    }

    /// An open incident makes tickets carrying its tag due; another ticket of the customer in the
    /// same product area makes the earlier one due (it is now a repeat).
    func testIncidentsAndRepeatsScheduleTheTicketsTheyChange() throws {
        let cast = try EscalationCast(at: "2026-11-20T09:00:00Z")
        let first = try cast.desk.createTicket(
            by: nil, customerEmail: "ann@acme.example", subject: "Card declined", channel: .email, body: "It fails.",
            productArea: "billing")
        try cast.desk.reply(ticket: first.id!, body: "On it.", by: cast.ben)
        let second = try cast.at("2026-11-20T09:05:00Z").createTicket(
            by: nil, customerEmail: "ann@acme.example", subject: "Still declined", channel: .email, body: "Again.",
            productArea: "billing")
        XCTAssertEqual(try checkAt(cast.desk, first.id!), "2026-11-20T09:05:00Z", "due: it has a repeat now")
        let full = try fullSweepOutcome(cast.desk, at: "2026-11-20T09:06:00Z")
        _ = try cast.at("2026-11-20T09:06:00Z").sweepDueTriggers()
        XCTAssertEqual(try snapshot(cast.desk), full)
        XCTAssertTrue(try cast.triggers(first.id!).contains(.repeated))
        XCTAssertTrue(try cast.triggers(second.id!).contains(.repeated))
        // The second moves to another product area: the first is no longer a repeat, and is due.
        _ = try cast.at("2026-11-20T09:06:30Z").setProductArea(ticket: second.id!, to: "exports", by: cast.ben)
        XCTAssertEqual(try checkAt(cast.desk, first.id!), "2026-11-20T09:06:30Z")
        let moved = try fullSweepOutcome(cast.desk, at: "2026-11-20T09:06:40Z")
        _ = try cast.at("2026-11-20T09:06:40Z").sweepDueTriggers()
        XCTAssertEqual(try snapshot(cast.desk), moved)
        XCTAssertFalse(try cast.triggers(first.id!).contains(.repeated))
        _ = try cast.desk.tag(ticket: second.id!, "outage", by: cast.ben)
        _ = try cast.at("2026-11-20T09:07:00Z").openIncident(tag: "outage", title: "Card processor down")
        XCTAssertTrue(try cast.triggers(second.id!).contains(.incident))
        try cast.at("2026-11-20T09:08:00Z").closeIncident(tag: "outage")
        XCTAssertFalse(try cast.triggers(second.id!).contains(.incident))
    }

    /// On a seeded corpus, with writes in between, sweeping only the due tickets leaves the same
    /// triggers, trigger events, notifications and severities as sweeping every ticket (what the
    /// sweep did before it was scheduled), at every step.
    func testSameResultsAsSweepingEveryTicketOnASeededCorpus() throws {
        func seeded() throws -> Desk {
            let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
            var seeder = CorpusSeeder(desk: desk, tickets: 400, messagesPerTicket: 3, seed: 5)
            seeder.customers = 150
            try seeder.run()
            return desk
        }
        let every = try seeded()
        let due = try seeded()
        XCTAssertEqual(try snapshot(every), try snapshot(due))
        var examinedDue = 0
        var examinedEvery = 0
        let steps = [
            "2026-11-20T12:10:00Z", "2026-11-20T13:00:00Z", "2026-11-20T17:30:00Z", "2026-11-21T09:00:00Z",
            "2026-11-23T10:00:00Z", "2026-11-27T16:00:00Z",
        ]
        for (n, time) in steps.enumerated() {
            // The same writes on both: replies, a solve, a new ticket for an existing customer.
            let open = try every.db.read {
                try Int64.fetchAll($0, sql: "SELECT id FROM tickets WHERE status IN ('new','open') ORDER BY id LIMIT 2 OFFSET ?", arguments: [n * 9])
            }
            for desk in [every, due] {
                let agent = try desk.db.read { try Agent.fetchOne($0, sql: "SELECT * FROM agents WHERE handle = 'agent0'")! }
                let later = at(desk, time)
                _ = try later.reply(ticket: open[0], body: "Update \(n).", by: agent)
                _ = try later.setStatus(ticket: open[1], to: .solved, by: agent)
                try later.createTicket(
                    by: nil, customerEmail: "customer\(n * 3)@example.com", subject: "Again \(n)", channel: .email,
                    body: "Still broken.", productArea: "billing")
            }
            examinedEvery += try sweepEveryTicket(at(every, time))
            examinedDue += try at(due, time).sweepDueTriggers().examined
            XCTAssertEqual(try snapshot(every), try snapshot(due), "at \(time)")
        }
        XCTAssertLessThan(examinedDue, examinedEvery / 3, "the schedule spares most tickets")
    }

    // MARK: - Helpers

    /// Every ticket the sweep looked at before it was scheduled (unsolved ones, and solved ones
    /// still holding triggers), swept; returns how many.
    func sweepEveryTicket(_ desk: Desk) throws -> Int {
        let now = desk.clock.now.dbSeconds
        try desk.db.write { db in
            try db.execute(
                sql: """
                    UPDATE tickets SET checkAt = ?
                    WHERE status NOT IN ('solved','closed')
                       OR id IN (SELECT ticketId FROM ticket_triggers WHERE clearedAt IS NULL)
                    """, arguments: [now])
        }
        return try desk.sweepDueTriggers().examined
    }

    /// What a full sweep at `time` would leave, on a copy of the database.
    func fullSweepOutcome(_ desk: Desk, at time: String) throws -> [String] {
        let copy = try DeskDatabase.temporary()
        try desk.db.backup(to: copy)
        let other = Desk(db: copy, clock: FixedClock(FixedClock.parse(time)!), policy: desk.policy)
        _ = try sweepEveryTicket(other)
        return try snapshot(other)
    }

    /// Everything a sweep can change, comparable across databases.
    func snapshot(_ desk: Desk) throws -> [String] {
        try desk.db.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT ticketId || ' ' || kind || ' ' || reason || ' ' || source || ' ' || firedAt || ' ' || IFNULL(clearedAt, '-')
                    FROM ticket_triggers ORDER BY ticketId, kind, firedAt
                    """)
                + String.fetchAll(
                    db,
                    sql: """
                        SELECT ticketId || ' ' || kind || ' ' || data || ' ' || createdAt FROM events
                        WHERE kind LIKE 'trigger.%' OR kind = 'ticket.severity' ORDER BY ticketId, createdAt, kind, data
                        """)
                + String.fetchAll(
                    db,
                    sql: """
                        SELECT agentId || ' ' || ticketId || ' ' || kind || ' ' || IFNULL(slaTarget, '') || ' ' || IFNULL(slaDueAt, '')
                        FROM notifications ORDER BY agentId, ticketId, kind, slaTarget, slaDueAt
                        """)
                + String.fetchAll(
                    db, sql: "SELECT id || ' ' || IFNULL(severity, '-') || ' ' || IFNULL(severityRule, '-') FROM tickets ORDER BY id")
        }
    }

    func checkAt(_ desk: Desk, _ id: Int64) throws -> String? {
        try desk.db.read { try Int64.fetchOne($0, sql: "SELECT checkAt FROM tickets WHERE id = ?", arguments: [id]) }.map {
            let f = ISO8601DateFormatter()
            return f.string(from: Date(timeIntervalSince1970: TimeInterval($0)))
        }
    }

    /// A connection of its own: its `data_version` moves when any other connection commits.
    func commitWatcher(_ desk: Desk) throws -> () throws -> Int {
        let queue = try DatabaseQueue(path: desk.db.path)
        return { try queue.inDatabase { try Int.fetchOne($0, sql: "PRAGMA data_version")! } }
    }
}
