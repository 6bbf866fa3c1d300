import DeskModel
import Foundation
import XCTest

@testable import DeskTUI

/// How the console words SLA times (issue 20): a breach says how long ago, a due time names its
/// date when the weekday alone is ambiguous, and the queue shows the quantity it sorts by.
final class SLAWordingTests: XCTestCase {
    let utc = TimeZone(identifier: "UTC")!
    /// Sunday 6 December 2026, 10:00 UTC.
    let sunday = FixedClock.parse("2026-12-06T10:00:00Z")!.dbSeconds

    func at(_ iso: String) -> Int64 { FixedClock.parse(iso)!.dbSeconds }

    func testDueTimesNameTheirDateWhenTheWeekdayIsAmbiguous() {
        let cases: [(String, String)] = [
            ("2026-12-06T18:00:00Z", "Sun 18:00"),  // later today
            ("2026-12-07T09:00:00Z", "Mon 09:00"),  // tomorrow
            ("2026-12-12T09:59:00Z", "Sat 09:59"),  // under six days: one Saturday it can be
            ("2026-12-12T10:01:00Z", "Sat 12 Dec 10:01"),  // over six days
            ("2026-12-14T21:04:00Z", "Mon 14 Dec 21:04"),  // next week's Monday, not tomorrow's
            ("2026-11-30T21:04:00Z", "Mon 30 Nov 21:04"),  // last Monday: in the past
            ("2026-12-06T09:00:00Z", "Sun 6 Dec 09:00"),  // an hour ago
        ]
        for (due, text) in cases {
            XCTAssertEqual(TimeText.due(at(due), now: sunday, zone: utc), text, due)
        }
    }

    func testABreachSaysHowLongAgoInCalendarTime() {
        // Breached since Friday 17:00: over a weekend no business time passes, yet it is two days.
        XCTAssertEqual(SLAText.breached(since: at("2026-12-04T17:00:00Z"), now: at("2026-12-06T21:00:00Z")), "-2d 4h breached")
        let spans: [(Int64, String)] = [(0, "0m"), (90, "1m"), (3600, "1h"), (5400, "1h 30m"), (2 * 86_400, "2d"), (26 * 3600, "1d 2h")]
        for (s, text) in spans { XCTAssertEqual(SLAText.span(s), text, "\(s)") }
    }

    func testTheQueueCellCountsDownToTheDeadlineAndNeverReadsZeroWhenBreached() {
        let now = sunday
        let cases: [(Int64, String)] = [
            (45 * 60, "45m"), (3 * 3600 + 5 * 60, "3h05"), (13 * 3600 + 5 * 60, "13h05"), (2 * 86_400 + 4 * 3600, "2d4h"),
            (12 * 86_400, "12d"), (-(2 * 86_400 + 4 * 3600), "-2d4h"), (-(90 * 60), "-1h30"),
        ]
        for (left, text) in cases {
            let cell = SLAText.cell(StoredSLA(dueAt: now + left, target: .resolution), now: now)
            XCTAssertEqual(cell.text, text, "\(left)")
            XCTAssertLessThanOrEqual(DisplayWidth.of(cell.text), QueuePane.slaWidth)
            if left < 0 { XCTAssertEqual(cell.style, Style(fg: .red, bold: true)) }
        }
        XCTAssertEqual(SLAText.cell(StoredSLA(paused: true), now: now).text, "paused")
        XCTAssertEqual(SLAText.cellHeader, "Due in")
    }

    /// Minutes a cell stands for ("-2d4h" is -3120), to compare cells with the order.
    func minutes(_ cell: String) -> Int {
        var text = Substring(cell)
        let sign = text.hasPrefix("-") ? -1 : 1
        if sign < 0 { text = text.dropFirst() }
        var total = 0
        var number = 0
        var unit = 60  // "3h05": the digits after h are minutes
        for ch in text {
            if let d = ch.wholeNumberValue {
                number = number * 10 + d
                continue
            }
            switch ch {
            case "d": total += number * 1440; unit = 60
            case "h": total += number * 60; unit = 1
            case "m": total += number; unit = 1
            default: break
            }
            number = 0
        }
        total += number * (unit == 1 ? 1 : 60)
        return sign * total
    }

    /// The SLA order is by deadline (SQL `slaRank`); the column must read in that order. Business
    /// time left does not (two calendars, weekends): the demo has rows where it runs backwards.
    func testTheQueueColumnReadsInTheOrderTheQueueIsSorted() throws {
        let now = FixedClock.parse("2026-11-20T15:30:00Z")!
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(now))
        try DemoBuilder(desk: desk).build()
        let query = QueueQuery(view: .all, sort: .sla)
        let rows = try desk.queuePage(query, offset: 0, limit: 200).rows.filter { $0.sla.dueAt != nil }
        XCTAssertGreaterThan(rows.count, 20)
        let cells = rows.map { minutes(SLAText.cell($0.sla, now: now.dbSeconds).text) }
        XCTAssertEqual(cells, cells.sorted(), "the column reads in the queue's order")
        // What the column used to show: business time left, which disagrees with the order.
        let business = rows.compactMap { $0.sla.left(at: now.dbSeconds, settings: desk.policy.sla) }
        XCTAssertNotEqual(business, business.sorted(), "the demo has rows whose business time left runs against the deadline order")
    }

    func testTheTicketPanelSaysHowLongABreachedTargetHasBeenBreached() throws {
        let friday = FixedClock.parse("2026-11-20T15:30:00Z")!
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(friday))
        try DemoBuilder(desk: desk).build()
        // The same database on Sunday evening, when business calendars are closed.
        let sunday = FixedClock.parse("2026-11-22T20:00:00Z")!
        let later = Desk(db: desk.db, clock: FixedClock(sunday))
        var checked = 0
        for id in Int64(1)...60 {
            guard let report = try later.ticketDetail(id: id).sla else { continue }
            let panel = SLAText.panel(report, now: sunday.dbSeconds, zone: utc).map { $0.map(\.text).joined() }
            for (target, line) in zip(report.targets, panel.dropFirst()) {
                guard let d = target.deadline, d < sunday.dbSeconds, target.state == .active || target.state == .breached else {
                    continue
                }
                XCTAssertTrue(line.contains("-" + SLAText.span(sunday.dbSeconds - d) + " breached"), line)
                XCTAssertFalse(line.contains(" 0m"), line)
                checked += 1
            }
            // The one-line form (terminals under 40 rows) says the same.
            let short = SLAText.line(report, now: sunday.dbSeconds, zone: utc).map(\.text).joined()
            for target in report.targets where target.state == .active || target.state == .breached {
                guard let d = target.deadline, d < sunday.dbSeconds else { continue }
                XCTAssertTrue(short.contains(target.target.kind.label + " -" + SLAText.span(sunday.dbSeconds - d) + " breached (due "), short)
            }
        }
        XCTAssertGreaterThan(checked, 0, "the demo has breached targets")
    }
}
