import Foundation

/// When the support team works: weekly periods in one IANA time zone, minus holidays.
/// Instants are seconds since 1970 (UTC); periods are local wall-clock times, so a 09:00–17:00
/// day stays 09:00–17:00 across daylight-saving changes. Written by hand: no listed package
/// does business-time arithmetic.
public struct BusinessCalendar: Sendable, Equatable {
    /// One weekly period: `weekday` 1 = Monday … 7 = Sunday; minutes after local midnight.
    /// `end <= start` means overnight: the period ends the next day at `end`.
    public struct Period: Sendable, Equatable {
        public var weekday: Int
        public var start: Int
        public var end: Int
        public init(weekday: Int, start: Int, end: Int) { self.weekday = weekday; self.start = start; self.end = end }
    }

    /// A closed local day; without a year it recurs every year.
    public struct Holiday: Sendable, Equatable {
        public var year: Int?
        public var month: Int
        public var day: Int
        public init(year: Int? = nil, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }
    }

    public var name: String
    public var zone: TimeZone { offsets.zone }
    public let periods: [Period]
    public var holidays: [Holiday]
    let offsets: ZoneOffsets
    /// For each weekday (index 0 = Monday), its business spans in local minutes of that day,
    /// merged and in order, yesterday's overnight part included: made once, read for every day
    /// of every span measured.
    private let weekly: [[LocalSpan]]

    struct LocalSpan: Equatable, Sendable {
        var start: Int
        var end: Int
    }

    public init(name: String, zone: TimeZone, periods: [Period], holidays: [Holiday] = []) {
        self.name = name; self.offsets = ZoneOffsets(zone); self.periods = periods; self.holidays = holidays
        weekly = (1...7).map { Self.spans(periods, weekday: $0) }
    }

    /// A weekday's spans: its own periods (overnight ones up to midnight) and the part after
    /// midnight of the previous day's overnight periods.
    private static func spans(_ periods: [Period], weekday: Int) -> [LocalSpan] {
        let yesterday = weekday == 1 ? 7 : weekday - 1
        var list: [LocalSpan] = []
        for p in periods {
            if p.weekday == weekday { list.append(LocalSpan(start: p.start, end: p.end > p.start ? p.end : 1440)) }
            if p.end <= p.start, p.end > 0, p.weekday == yesterday { list.append(LocalSpan(start: 0, end: p.end)) }
        }
        var out: [LocalSpan] = []
        for span in list.sorted(by: { $0.start < $1.start }) where span.end > span.start {
            if let last = out.last, span.start <= last.end {
                out[out.count - 1].end = max(last.end, span.end)
            } else {
                out.append(span)
            }
        }
        return out
    }

    /// Round the clock, every day, in UTC: what calendar-time targets use.
    public static let always = BusinessCalendar(
        name: "24x7", zone: TimeZone(identifier: "UTC")!, periods: (1...7).map { Period(weekday: $0, start: 0, end: 1440) })

    // MARK: - Local days

    /// The local day an instant falls on.
    func localDay(_ t: Int64) -> Int {
        let local = t + offsets.seconds(at: t)
        return Int((local >= 0 ? local : local - 86_399) / 86_400)
    }

    /// The instant of a local wall-clock time (minutes after midnight of local day `day`; may
    /// exceed 1440). A time skipped by spring-forward maps to the instant the clocks jumped past
    /// it (a period starting at 02:30 on a 02:00 → 03:00 night starts at 03:00, one ending then
    /// ends at 03:00); a time the fall-back night shows twice is its first occurrence, in every
    /// zone. The offsets a day before and a day after bracket the one transition that can be near.
    func instant(day: Int, minute: Int) -> Int64 {
        let local = Int64(day) * 86_400 + Int64(minute) * 60
        let before = offsets.seconds(at: local - 86_400)
        let after = offsets.seconds(at: local + 86_400)
        let candidates = [local - before, local - after].filter { offsets.seconds(at: $0) == local - $0 }
        if let first = candidates.min() { return first }
        // In the gap: the wall-clock time never shows; the jump is the first transition after
        // the instant the new offset would give.
        let low = min(local - before, local - after)
        return offsets.transition(after: low) ?? local - before
    }

    func isHoliday(_ day: Int) -> Bool {
        let d = CivilDate.civil(day)
        return holidays.contains { $0.month == d.month && $0.day == d.day && ($0.year == nil || $0.year == d.year) }
    }

    /// Business intervals `[start, end)` whose local date is `day`, in order; overnight periods
    /// are split at midnight so a holiday closes exactly its own local day. Local times map to
    /// instants monotonically, so spans merged in local minutes stay merged (a span inside a
    /// skipped spring-forward hour becomes empty and is dropped).
    func intervals(onDay day: Int) -> [(start: Int64, end: Int64)] {
        guard !isHoliday(day) else { return [] }
        var out: [(start: Int64, end: Int64)] = []
        for span in weekly[CivilDate.weekday(day) - 1] {
            let iv = (start: instant(day: day, minute: span.start), end: instant(day: day, minute: span.end))
            if iv.end > iv.start { out.append(iv) }
        }
        return out
    }

    /// A calendar with no business hours at all would never reach a deadline; searches stop
    /// after this many days.
    static let searchDays = 800

    // MARK: - Arithmetic

    /// Business seconds in `[from, to)`.
    public func businessSeconds(from: Int64, to: Int64) -> Int64 {
        guard to > from else { return 0 }
        var total: Int64 = 0
        for day in localDay(from) - 1...localDay(to) + 1 {
            for iv in intervals(onDay: day) {
                let a = max(iv.start, from)
                let b = min(iv.end, to)
                if b > a { total += b - a }
            }
        }
        return total
    }

    /// The instant `seconds` of business time after `start`. With zero seconds, `start` itself
    /// if it is inside business hours, else the next business instant: a deadline never falls
    /// outside business hours. Nil when the calendar has no business time within `searchDays`.
    public func adding(businessSeconds seconds: Int64, to start: Int64) -> Int64? {
        var left = max(0, seconds)
        let first = localDay(start) - 1
        for day in first...first + Self.searchDays {
            for iv in intervals(onDay: day) where iv.end > start {
                let from = max(iv.start, start)
                // A deadline at the end of a period is due then, not at the next opening.
                if left <= iv.end - from { return from + left }
                left -= iv.end - from
            }
        }
        return nil
    }

    /// Whether `t` is inside business hours.
    public func isOpen(at t: Int64) -> Bool {
        intervals(onDay: localDay(t)).contains { $0.start <= t && t < $0.end }
            || intervals(onDay: localDay(t) - 1).contains { $0.start <= t && t < $0.end }
    }
}
