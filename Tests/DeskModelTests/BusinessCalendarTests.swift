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

    /// The offset table agrees with the zone itself at random instants and around every
    /// transition, in zones with and without daylight saving and south of the equator.
    func testZoneOffsetTableAgreesWithTheZone() {
        var random = SeededRandom(seed: 11)
        for name in ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC", "America/Sao_Paulo"] {
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
