import Foundation
import XCTest

@testable import DeskModel

/// Business-time arithmetic with hand-checked expectations (each comment shows the working).
final class BusinessCalendarTests: XCTestCase {
    func t(_ iso: String) -> Int64 { Int64(FixedClock.parse(iso)!.timeIntervalSince1970) }

    func weekdays(_ zone: String, _ from: Int, _ to: Int, holidays: [BusinessCalendar.Holiday] = []) -> BusinessCalendar {
        BusinessCalendar(
            name: zone, zone: TimeZone(identifier: zone)!,
            periods: (1...5).map { BusinessCalendar.Period(weekday: $0, start: from, end: to) }, holidays: holidays)
    }

    func allDay(_ zone: String) -> BusinessCalendar {
        BusinessCalendar(
            name: zone, zone: TimeZone(identifier: zone)!,
            periods: (1...7).map { BusinessCalendar.Period(weekday: $0, start: 0, end: 1440) })
    }

    func testDeadlines() {
        let berlin = weekdays("Europe/Berlin", 9 * 60, 17 * 60, holidays: [.init(month: 12, day: 25), .init(month: 12, day: 26)])
        let newYork = weekdays("America/New_York", 9 * 60, 17 * 60)
        let split = BusinessCalendar(
            name: "split", zone: TimeZone(identifier: "Europe/Berlin")!,
            periods: [.init(weekday: 1, start: 540, end: 720), .init(weekday: 1, start: 780, end: 1020)])
        let overnight = BusinessCalendar(
            name: "night", zone: TimeZone(identifier: "UTC")!, periods: [.init(weekday: 1, start: 22 * 60, end: 6 * 60)])
        let cases: [(String, BusinessCalendar, String, Int, String)] = [
            // Fri 16:00 CET + 2 h: 1 h on Friday, the weekend is closed, 1 h from Mon 09:00 → Mon 10:00 CET.
            ("weekend", berlin, "2026-11-20T15:00:00Z", 120, "2026-11-23T09:00:00Z"),
            // Thu 24 Dec 16:30 CET + 1 h: 30 min Thursday; 25th holiday, 26th–27th weekend and holiday; Mon 28th 09:30.
            ("holiday", berlin, "2026-12-24T15:30:00Z", 60, "2026-12-28T08:30:00Z"),
            // Exactly the rest of the day: due at 17:00, not at the next opening.
            ("end of day", berlin, "2026-11-23T08:00:00Z", 480, "2026-11-23T16:00:00Z"),
            // Zero minutes on a Saturday rolls to Monday 09:00 CET.
            ("rolls", berlin, "2026-11-21T12:00:00Z", 0, "2026-11-23T08:00:00Z"),
            // Berlin spring-forward (29 Mar 2026, 02:00 → 03:00): Sat 23:00 CET + 4 h of real time → 04:00 CEST.
            ("spring forward", allDay("Europe/Berlin"), "2026-03-28T22:00:00Z", 240, "2026-03-29T02:00:00Z"),
            // Berlin fall-back (25 Oct 2026, 03:00 → 02:00): Sat 23:00 CEST + 4 h → 02:00 CET (the second 02:00).
            ("fall back", allDay("Europe/Berlin"), "2026-10-24T21:00:00Z", 240, "2026-10-25T01:00:00Z"),
            // New York fall-back (1 Nov 2026): Fri 30 Oct 16:00 EDT + 2 business hours → Mon 2 Nov 10:00 EST.
            ("weekend over fall-back", newYork, "2026-10-30T20:00:00Z", 120, "2026-11-02T15:00:00Z"),
            // New York spring-forward (8 Mar 2026): Fri 6 Mar 16:00 EST + 2 h → Mon 9 Mar 10:00 EDT.
            ("weekend over spring-forward", newYork, "2026-03-06T21:00:00Z", 120, "2026-03-09T14:00:00Z"),
            // Split day: Mon 11:00 CET + 2 h → 11–12 and 13–14 → 14:00 CET.
            ("split day", split, "2026-11-23T10:00:00Z", 120, "2026-11-23T13:00:00Z"),
            // Overnight Mon 22:00–Tue 06:00 UTC: Mon 23:00 + 5 h → Tue 04:00.
            ("overnight", overnight, "2026-11-23T23:00:00Z", 300, "2026-11-24T04:00:00Z"),
            // One minute more than the night holds → the next Monday 22:01.
            ("overnight rolls a week", overnight, "2026-11-23T23:00:00Z", 421, "2026-11-30T22:01:00Z"),
        ]
        for (name, cal, start, minutes, expected) in cases {
            XCTAssertEqual(
                cal.adding(businessSeconds: Int64(minutes) * 60, to: t(start)), t(expected), name)
        }
    }

    func testBusinessMinutesBetween() {
        let berlin = weekdays("Europe/Berlin", 9 * 60, 17 * 60)
        // Fri 16:00 → Mon 10:00 CET: 1 h + 1 h.
        XCTAssertEqual(berlin.businessSeconds(from: t("2026-11-20T15:00:00Z"), to: t("2026-11-23T09:00:00Z")), 7200)
        // The spring-forward night is 23 hours long in a round-the-clock Berlin calendar.
        XCTAssertEqual(
            allDay("Europe/Berlin").businessSeconds(from: t("2026-03-28T23:00:00Z"), to: t("2026-03-29T22:00:00Z")), 23 * 3600)
        // Overnight 22:00–06:00 in Berlin across spring-forward: 22:00 CET → 06:00 CEST is 7 real hours.
        let night = BusinessCalendar(
            name: "n", zone: TimeZone(identifier: "Europe/Berlin")!, periods: [.init(weekday: 6, start: 1320, end: 360)])
        XCTAssertEqual(night.businessSeconds(from: t("2026-03-28T00:00:00Z"), to: t("2026-03-30T00:00:00Z")), 7 * 3600)
        XCTAssertFalse(berlin.isOpen(at: t("2026-11-21T12:00:00Z")))
        XCTAssertTrue(berlin.isOpen(at: t("2026-11-23T08:00:00Z")))
    }

    /// Business minutes never exceed calendar minutes, and are additive over any split.
    func testBusinessTimePropertiesOnRandomSpans() {
        var rng = SystemRandomNumberGenerator()
        let cals = [
            weekdays("Europe/Berlin", 540, 1020, holidays: [.init(month: 12, day: 25)]), weekdays("America/New_York", 480, 1200),
            allDay("Europe/Berlin"),
            BusinessCalendar(
                name: "n", zone: TimeZone(identifier: "America/New_York")!,
                periods: [.init(weekday: 2, start: 1320, end: 360), .init(weekday: 5, start: 600, end: 720)]),
        ]
        let base = t("2026-01-01T00:00:00Z")
        for _ in 0..<300 {
            let cal = cals.randomElement(using: &rng)!
            let a = base + Int64.random(in: 0..<(365 * 86_400), using: &rng)
            let b = a + Int64.random(in: 0..<(20 * 86_400), using: &rng)
            let m = a + Int64.random(in: 0...(b - a), using: &rng)
            let whole = cal.businessSeconds(from: a, to: b)
            XCTAssertLessThanOrEqual(whole, b - a)
            XCTAssertEqual(
                whole, cal.businessSeconds(from: a, to: m) + cal.businessSeconds(from: m, to: b), "\(cal.name) \(a) \(m) \(b)")
            // Adding what lies between a and b lands at or before b, and inside business time measures back.
            if whole > 0, let d = cal.adding(businessSeconds: whole, to: a) {
                XCTAssertLessThanOrEqual(d, b)
                XCTAssertEqual(cal.businessSeconds(from: a, to: d), whole)
            }
        }
    }

    /// One Sunday period on a daylight-saving night: where it starts and ends in UTC and how much
    /// business time it holds. A start or end the clocks skip is the jump; a time the fall-back
    /// night shows twice is its first occurrence (in zones west and east of UTC alike).
    func testPeriodsOnDaylightSavingNights() {
        let cases: [(name: String, zone: String, period: String, day: String, start: String, end: String, minutes: Int64)] = [
            // New York, 8 Mar 2026: 02:00 EST → 03:00 EDT at 07:00Z. 02:30 does not exist: the period
            // starts at the jump (03:00 EDT) and holds 03:00–05:00 EDT, 2 h (was 01:30 EST, 150 min).
            ("NY starts in the gap", "America/New_York", "02:30-05:00", "2026-03-08", "2026-03-08T07:00:00Z", "2026-03-08T09:00:00Z", 120),
            // Ends in the gap: 00:00 EST → the jump at 02:00 EST, 2 h.
            ("NY ends in the gap", "America/New_York", "00:00-02:30", "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-08T07:00:00Z", 120),
            // Wholly inside the skipped hour: no business time that day.
            ("NY inside the gap", "America/New_York", "02:15-02:45", "2026-03-08", "", "", 0),
            // Across the gap: 01:30 EST → 03:30 EDT is one real hour.
            ("NY across the gap", "America/New_York", "01:30-03:30", "2026-03-08", "2026-03-08T06:30:00Z", "2026-03-08T07:30:00Z", 60),
            // New York, 1 Nov 2026: 02:00 EDT → 01:00 EST at 06:00Z; 01:00–02:00 shows twice.
            // Starts at the first 01:30 (EDT), ends 05:00 EST: 4 h 30.
            ("NY starts in the repeated hour", "America/New_York", "01:30-05:00", "2026-11-01", "2026-11-01T05:30:00Z", "2026-11-01T10:00:00Z", 270),
            // Ends at the first 01:30 (EDT): 1 h 30.
            ("NY ends in the repeated hour", "America/New_York", "00:00-01:30", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z", 90),
            // 01:00 (first, EDT) → 02:00 EST: both 01:00s are inside, 2 h.
            ("NY the repeated hour", "America/New_York", "01:00-02:00", "2026-11-01", "2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z", 120),
            // Berlin, 29 Mar 2026: 02:00 CET → 03:00 CEST at 01:00Z. East of UTC the old lookup landed
            // on 03:30 CEST.
            ("Berlin starts in the gap", "Europe/Berlin", "02:30-05:00", "2026-03-29", "2026-03-29T01:00:00Z", "2026-03-29T03:00:00Z", 120),
            // Berlin, 25 Oct 2026: 03:00 CEST → 02:00 CET at 01:00Z. The first 02:30 is CEST (00:30Z);
            // the old lookup took the second one east of UTC. To 05:00 CET (04:00Z): 3 h 30.
            ("Berlin starts in the repeated hour", "Europe/Berlin", "02:30-05:00", "2026-10-25", "2026-10-25T00:30:00Z", "2026-10-25T04:00:00Z", 210),
            // Lord Howe shifts by 30 minutes: 4 Oct 2026, 02:00 → 02:30 (+10:30 → +11) at 15:30Z the day
            // before. 02:10 does not exist: starts at the jump, ends 04:00 +11 (17:00Z), 1 h 30.
            ("Lord Howe starts in its half-hour gap", "Australia/Lord_Howe", "02:10-04:00", "2026-10-04", "2026-10-03T15:30:00Z", "2026-10-03T17:00:00Z", 90),
            // 5 Apr 2026, 02:00 → 01:30 (+11 → +10:30) at 15:00Z the day before: the first 01:45 is +11
            // (14:45Z); 03:00 +10:30 is 16:30Z: 1 h 45.
            ("Lord Howe starts in its repeated half hour", "Australia/Lord_Howe", "01:45-03:00", "2026-04-05", "2026-04-04T14:45:00Z", "2026-04-04T16:30:00Z", 105),
        ]
        func minutes(_ hhmm: Substring) -> Int { Int(hhmm.prefix(2))! * 60 + Int(hhmm.suffix(2))! }
        for c in cases {
            let parts = c.period.split(separator: "-")
            let cal = BusinessCalendar(
                name: c.name, zone: TimeZone(identifier: c.zone)!,
                periods: [.init(weekday: 7, start: minutes(parts[0]), end: minutes(parts[1]))])
            // The whole local Sunday lies within a day either side of its UTC date.
            let around = (from: t(c.day + "T00:00:00Z") - 86_400, to: t(c.day + "T00:00:00Z") + 2 * 86_400)
            XCTAssertEqual(cal.businessSeconds(from: around.from, to: around.to), c.minutes * 60, c.name)
            guard c.minutes > 0 else { continue }
            XCTAssertEqual(cal.adding(businessSeconds: 0, to: around.from), t(c.start), "\(c.name): start")
            XCTAssertEqual(cal.adding(businessSeconds: c.minutes * 60, to: around.from), t(c.end), "\(c.name): end")
            XCTAssertTrue(cal.isOpen(at: t(c.start)), "\(c.name): open at its start")
            XCTAssertFalse(cal.isOpen(at: t(c.start) - 1), "\(c.name): closed just before")
            XCTAssertFalse(cal.isOpen(at: t(c.end)), "\(c.name): closed at its end")
        }
    }

    /// The offset table agrees with the zone itself at random instants and around every
    /// transition, in zones with and without daylight saving and south of the equator.
    func testZoneOffsetTableAgreesWithTheZone() {
        var random = SeededRandom(seed: 11)
        for name in [
            "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC", "America/Sao_Paulo", "Australia/Lord_Howe",
        ] {
            let zone = TimeZone(identifier: name)!
            let table = ZoneOffsets(zone)
            func check(_ t: Int64) {
                let expected = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
                XCTAssertEqual(table.seconds(at: t), expected, "\(name) at \(t)")
            }
            for _ in 0..<400 { check(Int64(random.next() % 4_000_000_000)) }
            var d = Date(timeIntervalSince1970: 1_500_000_000)
            for _ in 0..<12 {
                guard let next = zone.nextDaylightSavingTimeTransition(after: d) else { break }
                let t = Int64(next.timeIntervalSince1970)
                for delta in [-3601, -1, 0, 1, 3600] { check(t + Int64(delta)) }
                d = next
            }
        }
    }
}
