import DeskModel
import Foundation
import XCTest

/// The SLA clock on hand-built facts; Berlin office hours Mon–Fri 09:00–17:00 (CET = UTC+1 in November).
final class SLAClockTests: XCTestCase {
    func t(_ iso: String) -> Int64 { Int64(FixedClock.parse(iso)!.timeIntervalSince1970) }

    let berlin = BusinessCalendar(
        name: "berlin", zone: TimeZone(identifier: "Europe/Berlin")!,
        periods: (1...5).map { BusinessCalendar.Period(weekday: $0, start: 540, end: 1020) })

    func clock(_ targets: [SLATarget]) -> SLAClock {
        SLAClock(policy: SLAPolicy(name: "standard", calendar: "berlin", targets: targets), calendar: berlin)
    }

    func status(_ at: String, _ s: TicketStatus) -> SLAFacts.StatusChange { .init(at: t(at), status: s) }

    func testPauseAndResumeAcrossBusinessBoundaries() {
        // Created Mon 16:00 CET; pending Mon 16:30 → Tue 10:00; 240 business minutes to resolve.
        let facts = SLAFacts(
            createdAt: t("2026-11-23T15:00:00Z"),
            statuses: [
                status("2026-11-23T15:00:00Z", .new), status("2026-11-23T15:30:00Z", .pending),
                status("2026-11-24T09:00:00Z", .open),
            ],
            messages: [.init(at: t("2026-11-23T15:00:00Z"), fromCustomer: true)])
        let r = clock([SLATarget(kind: .resolution, minutes: 240)]).evaluate(facts, now: t("2026-11-24T10:00:00Z"))[0]
        // 30 min on Monday + Tue 10:00–11:00 CET = 90; 150 left from Tue 11:00 → 13:30 CET.
        XCTAssertEqual(r.state, .active)
        XCTAssertEqual(r.consumed, 90 * 60)
        XCTAssertEqual(r.deadline, t("2026-11-24T12:30:00Z"))
        XCTAssertEqual(r.pauses, [SLAPause(from: t("2026-11-23T15:30:00Z"), to: t("2026-11-24T09:00:00Z"), status: .pending)])

        // While still pending (Tue 08:00 CET) the target is paused with no deadline.
        var waiting = facts
        waiting.statuses.removeLast()
        let p = clock([SLATarget(kind: .resolution, minutes: 240)]).evaluate(waiting, now: t("2026-11-24T07:00:00Z"))[0]
        XCTAssertEqual(p.state, .paused)
        XCTAssertNil(p.deadline)
        XCTAssertEqual(p.left, 210 * 60)
        XCTAssertNil(p.pauses.last?.to, "the pause is still running")
    }

    func testReopenContinuesTheSameResolutionClock() {
        // Mon 09:00 created, solved 10:00, customer reopens 14:00; 240 minutes.
        let facts = SLAFacts(
            createdAt: t("2026-11-23T08:00:00Z"),
            statuses: [
                status("2026-11-23T08:00:00Z", .new), status("2026-11-23T09:00:00Z", .solved),
                status("2026-11-23T13:00:00Z", .open),
            ],
            messages: [])
        let r = clock([SLATarget(kind: .resolution, minutes: 240)]).evaluate(facts, now: t("2026-11-23T14:00:00Z"))[0]
        // 60 before the solve + 14:00–15:00 = 120 used; 120 left from 15:00 → 17:00 CET.
        XCTAssertEqual(r.consumed, 120 * 60)
        XCTAssertEqual(r.deadline, t("2026-11-23T16:00:00Z"))
        XCTAssertEqual(r.reopenedAt, [t("2026-11-23T13:00:00Z")])
        XCTAssertEqual(r.state, .active)
    }

    func testRepliesMeetFirstAndNextReplyAndLateOnesAreMetLate() {
        let targets = [SLATarget(kind: .firstReply, minutes: 60), SLATarget(kind: .nextReply, minutes: 30)]
        // Mon 09:00 customer; 09:50 reply (met); 11:00 and 11:10 customer; 11:45 reply (35 min after the oldest: late);
        // 13:00 customer, unanswered at 13:20 (active, due 13:30).
        let facts = SLAFacts(
            createdAt: t("2026-11-23T08:00:00Z"), statuses: [status("2026-11-23T08:00:00Z", .open)],
            messages: [
                .init(at: t("2026-11-23T08:00:00Z"), fromCustomer: true),
                .init(at: t("2026-11-23T08:50:00Z"), fromCustomer: false),
                .init(at: t("2026-11-23T10:00:00Z"), fromCustomer: true),
                .init(at: t("2026-11-23T10:10:00Z"), fromCustomer: true),
                .init(at: t("2026-11-23T10:45:00Z"), fromCustomer: false),
            ])
        var r = clock(targets).evaluate(facts, now: t("2026-11-23T11:00:00Z"))
        XCTAssertEqual(r.map(\.state), [.met, .metLate])
        XCTAssertEqual(r[1].consumed, 45 * 60)
        var more = facts
        more.messages.append(.init(at: t("2026-11-23T12:00:00Z"), fromCustomer: true))
        r = clock(targets).evaluate(more, now: t("2026-11-23T12:20:00Z"))
        XCTAssertEqual(r[1].state, .active)
        XCTAssertEqual(r[1].deadline, t("2026-11-23T12:30:00Z"))
        XCTAssertFalse(r[1].atRisk, "20 of 30 minutes is 66%, under the 75% default")
        r = clock(targets).evaluate(more, now: t("2026-11-23T12:40:00Z"))
        XCTAssertEqual(r[1].state, .breached)
        XCTAssertEqual(r[1].left, -10 * 60)
    }

    func testNoReplyYetLeavesNextReplyNotStartedAndFirstReplyBreaches() {
        let facts = SLAFacts(
            createdAt: t("2026-11-20T15:00:00Z"), statuses: [status("2026-11-20T15:00:00Z", .new)],
            messages: [.init(at: t("2026-11-20T15:00:00Z"), fromCustomer: true)])
        let r = clock([SLATarget(kind: .firstReply, minutes: 120), SLATarget(kind: .nextReply, minutes: 30)])
            .evaluate(facts, now: t("2026-11-23T10:00:00Z"))
        // Fri 16:00 CET + 2 h → Mon 10:00 CET; at Mon 11:00 CET it is an hour late.
        XCTAssertEqual(r[0].deadline, t("2026-11-23T09:00:00Z"))
        XCTAssertEqual(r[0].state, .breached)
        XCTAssertEqual(r[1].state, .notStarted)
        XCTAssertEqual(SLAClock.nextDeadline(r), t("2026-11-23T09:00:00Z"))
    }

    func testCalendarTimeTargetsIgnoreTheCalendar() {
        let facts = SLAFacts(createdAt: t("2026-11-21T12:00:00Z"), statuses: [status("2026-11-21T12:00:00Z", .new)], messages: [])
        let r = clock([SLATarget(kind: .firstReply, minutes: 60, businessTime: false)]).evaluate(
            facts, now: t("2026-11-21T12:30:00Z"))
        XCTAssertEqual(r[0].deadline, t("2026-11-21T13:00:00Z"), "a Saturday counts in calendar time")
        XCTAssertEqual(r[0].state, .active)
    }
}
