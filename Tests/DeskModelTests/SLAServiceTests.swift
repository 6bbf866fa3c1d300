import DeskModel
import Foundation
import GRDB
import XCTest

/// SLA through the write path: the policy a ticket gets, the derived deadline columns, and
/// what does and does not stop a clock.
final class SLAServiceTests: XCTestCase {
    /// Berlin office hours; urgent tickets get a calendar-time policy, everything else "standard".
    let policy = try! Policy.parse(
        yaml: """
            branches:
              - name: Billing L1
                tier: tier1
            default_branch: Billing L1
            calendars:
              - name: berlin
                time_zone: Europe/Berlin
                hours:
                  mon-fri: "09:00-17:00"
            sla:
              - name: urgent
                when:
                  priority: urgent
                calendar: berlin
                first_reply: {minutes: 30, time: calendar}
                resolution: {minutes: 240, time: calendar}
              - name: standard
                calendar: berlin
                first_reply: 120
                resolution: 960
            """, file: "sla.yaml")

    func desk(at iso: String, _ base: Desk) -> Desk {
        Desk(db: base.db, clock: FixedClock(FixedClock.parse(iso)!), policy: policy)
    }

    func row(_ desk: Desk, _ id: Int64) throws -> Ticket { try desk.db.read { try Ticket.fetchOne($0, key: id)! } }

    func testAnInternalNoteDoesNotStopTheFirstReplyClockButAPublicReplyDoes() throws {
        // Friday 16:00 CET: 120 business minutes → Monday 10:00 CET.
        let (base, ada, _) = try makeDesk(at: "2026-11-20T15:00:00Z", policy: policy)
        let t = try base.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: "hi")
        XCTAssertEqual(t.slaPolicy, "standard")
        XCTAssertEqual(t.slaDueAt, FixedClock.parse("2026-11-23T09:00:00Z"))
        try desk(at: "2026-11-20T15:30:00Z", base).note(ticket: t.id!, body: "checking the ledger", by: ada)
        XCTAssertEqual(try row(base, t.id!).slaDueAt, FixedClock.parse("2026-11-23T09:00:00Z"), "a note is not a reply")
        let report = try desk(at: "2026-11-20T15:30:00Z", base).slaReport(ticket: t.id!)!
        XCTAssertEqual(report.targets.map(\.state), [.active, .active])
        try desk(at: "2026-11-20T15:45:00Z", base).reply(ticket: t.id!, body: "On it", by: ada)
        let after = try desk(at: "2026-11-20T15:45:00Z", base).slaReport(ticket: t.id!)!
        XCTAssertEqual(after.targets.map(\.state), [.met, .active])
        // Resolution: 960 business minutes from Fri 16:00 CET: Fri 1 h, Mon 8 h, Tue 7 h → Tue 16:00 CET.
        XCTAssertEqual(try row(base, t.id!).slaDueAt, FixedClock.parse("2026-11-24T15:00:00Z"))
    }

    func testAPriorityChangeSwitchesThePolicyAndRecordsIt() throws {
        let (base, ada, _) = try makeDesk(at: "2026-11-21T12:00:00Z", policy: policy)
        let t = try base.createTicket(by: nil, customerEmail: "a@b.example", subject: "Down", channel: .chat, body: "all down")
        XCTAssertEqual(t.slaDueAt, FixedClock.parse("2026-11-23T10:00:00Z"), "Saturday: first reply due Monday 11:00 CET")
        let urgent = try desk(at: "2026-11-21T12:10:00Z", base).setPriority(ticket: t.id!, to: .urgent, by: ada)
        XCTAssertEqual(urgent.slaPolicy, "urgent")
        XCTAssertEqual(urgent.slaDueAt, FixedClock.parse("2026-11-21T12:30:00Z"), "calendar time from creation")
        let said = try base.ticketDetail(id: t.id!).timeline.filter { $0.kind == .event }.map(\.body)
        XCTAssertEqual(Array(said.suffix(2)), ["changed priority normal → urgent", "SLA policy changed standard → urgent"])
    }

    func testPendingPausesAndSolvingClearsTheDeadline() throws {
        let (base, ada, _) = try makeDesk(at: "2026-11-23T08:00:00Z", policy: policy)
        let t = try base.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: "hi")
        try desk(at: "2026-11-23T08:30:00Z", base).reply(ticket: t.id!, body: "Which invoice?", by: ada)
        let pending = try desk(at: "2026-11-23T08:31:00Z", base).setStatus(ticket: t.id!, to: .pending, by: ada)
        XCTAssertNil(pending.slaDueAt)
        XCTAssertTrue(pending.slaPaused)
        let back = try desk(at: "2026-11-24T08:00:00Z", base).customerReply(ticket: t.id!, body: "INV-1")
        XCTAssertEqual(back.status, .open)
        XCTAssertFalse(back.slaPaused)
        // 31 minutes used on Monday; 929 left from Tue 09:00 CET: Tue 8 h, Wed 7 h 29 → Wed 16:29 CET.
        XCTAssertEqual(back.slaDueAt, FixedClock.parse("2026-11-25T15:29:00Z"))
        let solved = try desk(at: "2026-11-24T09:00:00Z", base).setStatus(ticket: t.id!, to: .solved, by: ada)
        XCTAssertNil(solved.slaDueAt)
        XCTAssertFalse(solved.slaPaused)
    }

    /// Re-evaluating the whole corpus in one pass (what runs after a policy change) gives every
    /// ticket exactly the columns the write path gave it, and records nothing when nothing changed.
    func testRecomputingTheCorpusAgreesWithTheWritePath() throws {
        let (base, ada, ben) = try makeDesk(at: "2026-11-16T08:00:00Z", policy: policy)
        var ids: [Int64] = []
        for i in 0..<12 {
            let t = try desk(at: "2026-11-16T0\(8 + i % 2):\(10 + i):00Z", base).createTicket(
                by: nil, customerEmail: "c\(i)@b.example", subject: "Case \(i)", channel: i % 3 == 0 ? .chat : .email,
                body: "help")
            ids.append(t.id!)
        }
        try desk(at: "2026-11-16T10:00:00Z", base).reply(ticket: ids[1], body: "Looking", by: ada)
        try desk(at: "2026-11-16T10:05:00Z", base).setStatus(ticket: ids[2], to: .pending, by: ada)
        try desk(at: "2026-11-16T10:06:00Z", base).setPriority(ticket: ids[3], to: .urgent, by: ben)
        try desk(at: "2026-11-16T10:07:00Z", base).reply(ticket: ids[4], body: "Which one?", by: ben)
        try desk(at: "2026-11-17T09:00:00Z", base).customerReply(ticket: ids[4], body: "The March one")
        try desk(at: "2026-11-17T09:30:00Z", base).setStatus(ticket: ids[5], to: .solved, by: ada)
        let later = desk(at: "2026-11-17T09:30:00Z", base)
        let written = try ids.map { try row(base, $0) }
        XCTAssertEqual(try later.recomputeSLA(), 0, "nothing changed since the writes")
        func sla(_ t: Ticket) -> String {
            "#\(t.id!) \(t.slaPolicy ?? "-") \(t.slaDueAt.map { "\($0)" } ?? "-") \(t.slaWarnAt.map { "\($0)" } ?? "-") "
                + "\(t.slaPaused) \(t.slaDueTarget?.rawValue ?? "-")"
        }
        XCTAssertEqual(try ids.map { sla(try row(base, $0)) }, written.map(sla))
        // Wipe the derived columns: the corpus pass must put back what the writes put there.
        try base.db.write {
            try $0.execute(
                sql: """
                    UPDATE tickets SET slaPolicy = NULL, slaDueAt = NULL, slaWarnAt = NULL, slaPaused = 0, slaDueTarget = NULL
                    WHERE status NOT IN ('solved','closed')
                    """)
        }
        XCTAssertEqual(try later.recomputeSLA(chunk: 4), 11, "every unsolved ticket, four ids per transaction")
        XCTAssertEqual(try ids.map { sla(try row(base, $0)) }, written.map(sla))
        XCTAssertTrue(written[2].slaPaused)
        XCTAssertEqual(written[4].slaDueTarget, .resolution, "the policy has no next_reply target")
        XCTAssertEqual(written[0].slaDueTarget, .firstReply)
        XCTAssertEqual(written[3].slaPolicy, "urgent")
    }

    /// `sla explain --now` at a past instant sees only what had happened by then.
    func testAReportAtAPastInstantIgnoresLaterReplies() throws {
        let (base, ada, _) = try makeDesk(at: "2026-11-23T08:00:00Z", policy: policy)
        let t = try base.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: "hi")
        try desk(at: "2026-11-23T10:00:00Z", base).reply(ticket: t.id!, body: "On it", by: ada)
        try desk(at: "2026-11-23T11:00:00Z", base).setStatus(ticket: t.id!, to: .solved, by: ada)
        let then = try base.slaReport(ticket: t.id!, at: FixedClock.parse("2026-11-23T09:00:00Z"))!
        XCTAssertEqual(then.targets.map(\.state), [.active, .active])
        XCTAssertEqual(then.targets[0].consumed, 3600, "09:00–10:00 CET")
        let now = try base.slaReport(ticket: t.id!, at: FixedClock.parse("2026-11-23T12:00:00Z"))!
        XCTAssertEqual(now.targets.map(\.state), [.met, .met])
    }
}
