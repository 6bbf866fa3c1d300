import Foundation
import Yams

/// The `calendars` and `sla` sections (docs/sla.md).
extension Policy {
    static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    static func readCalendars(_ r: inout PolicyReader, _ node: Node) -> [BusinessCalendar] {
        guard let items = r.sequence(node, "calendars") else { return [] }
        var out: [BusinessCalendar] = []
        for (i, item) in items.enumerated() {
            let path = "calendars[\(i + 1)]"
            guard let m = r.mapping(item, path) else { continue }
            r.checkKeys(m, path, allowed: ["name", "time_zone", "hours", "holidays"])
            guard let nameNode = m["name"], let name = r.string(nameNode, path + ".name") else {
                if m["name"] == nil { r.fail(item, path + ".name", "missing: every calendar needs a name") }
                continue
            }
            if out.contains(where: { $0.name.sameName(as: name) }) {
                r.fail(nameNode, path + ".name", "duplicate calendar name '\(name)'")
            }
            var zone = TimeZone(identifier: "UTC")!
            if let z = m["time_zone"], let id = r.string(z, path + ".time_zone") {
                if let tz = TimeZone(identifier: id) {
                    zone = tz
                } else {
                    r.fail(z, path + ".time_zone", "unknown time zone '\(id)' (expected an IANA name such as Europe/Berlin)")
                }
            } else if m["time_zone"] == nil {
                r.fail(item, path + ".time_zone", "missing: an IANA time zone such as Europe/Berlin")
            }
            var periods: [BusinessCalendar.Period] = []
            if let h = m["hours"], let hours = r.mapping(h, path + ".hours") {
                for (k, v) in hours {
                    let key = path + ".hours." + (k.string ?? "")
                    guard let days = weekdays(k.string ?? "") else {
                        r.fail(k, key, "unknown days (expected mon … sun, a range such as mon-fri, or a list: sat, sun)")
                        continue
                    }
                    guard let spans = r.string(v, key).flatMap({ timeSpans($0) }) else {
                        if v.scalar?.string.isEmpty == false {
                            r.fail(v, key, "expected times such as \"09:00-17:00\" or \"09:00-12:00, 13:00-17:00\"")
                        }
                        continue
                    }
                    for d in days { periods += spans.map { BusinessCalendar.Period(weekday: d, start: $0.0, end: $0.1) } }
                }
            } else if m["hours"] == nil {
                r.fail(item, path + ".hours", "missing: the weekly business hours, e.g. mon-fri: \"09:00-17:00\"")
            }
            var holidays: [BusinessCalendar.Holiday] = []
            if let h = m["holidays"], let list = r.sequence(h, path + ".holidays") {
                for (j, d) in list.enumerated() {
                    let key = "\(path).holidays[\(j + 1)]"
                    guard let text = r.string(d, key) else { continue }
                    if let day = holiday(text) {
                        holidays.append(day)
                    } else {
                        r.fail(d, key, "expected a date YYYY-MM-DD, or MM-DD for every year; got '\(text)'")
                    }
                }
            }
            out.append(BusinessCalendar(name: name, zone: zone, periods: periods, holidays: holidays))
        }
        return out
    }

    /// "mon-fri", "sat", "sat, sun", "mon-wed, fri" → weekdays 1…7.
    static func weekdays(_ text: String) -> [Int]? {
        var out: [Int] = []
        for part in text.lowercased().split(separator: ",") {
            let ends = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard (1...2).contains(ends.count), let a = weekdayNames.firstIndex(of: ends[0]),
                let b = weekdayNames.firstIndex(of: ends.last!), a <= b
            else { return nil }
            out += (a...b).map { $0 + 1 }
        }
        return out.isEmpty ? nil : out
    }

    /// "09:00-17:00, 22:00-06:00" → minute pairs; "24:00" is allowed as an end.
    static func timeSpans(_ text: String) -> [(Int, Int)]? {
        var out: [(Int, Int)] = []
        for part in text.split(separator: ",") {
            let ends = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let a = minute(ends[0]), let b = minute(ends[1]), a < 1440, a != b else { return nil }
            out.append((a, b == 1440 ? 1440 : b))
        }
        return out.isEmpty ? nil : out
    }

    static func minute(_ s: String) -> Int? {
        let p = s.split(separator: ":")
        guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h), (0..<60).contains(m),
            h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }

    static func holiday(_ s: String) -> BusinessCalendar.Holiday? {
        let p = s.split(separator: "-").map { Int($0) }
        guard p.allSatisfy({ $0 != nil }) else { return nil }
        let n = p.map { $0! }
        let (y, m, d): (Int?, Int, Int)
        switch n.count {
        case 3: (y, m, d) = (n[0], n[1], n[2])
        case 2: (y, m, d) = (nil, n[0], n[1])
        default: return nil
        }
        guard (1...12).contains(m), (1...31).contains(d) else { return nil }
        return BusinessCalendar.Holiday(year: y, month: m, day: d)
    }

    static let slaConditionKeys = ["priority", "customer_tier", "channel", "branch"]

    static func readSLA(
        _ r: inout PolicyReader, _ node: Node, calendars: [BusinessCalendar], branches: [BranchPolicy]
    ) -> [SLAPolicy] {
        guard let items = r.sequence(node, "sla") else { return [] }
        var out: [SLAPolicy] = []
        for (i, item) in items.enumerated() {
            let path = "sla[\(i + 1)]"
            guard let m = r.mapping(item, path) else { continue }
            r.checkKeys(
                m, path, allowed: ["name", "when", "calendar", "pause_on", "warn_at"] + SLAKind.allCases.map(\.rawValue))
            var policy = SLAPolicy(name: "", calendar: "", targets: [], line: item.mark?.line ?? 0)
            if let n = m["name"], let s = r.string(n, path + ".name") {
                policy.name = s
                if out.contains(where: { $0.name == s }) { r.fail(n, path + ".name", "duplicate SLA policy name '\(s)'") }
            } else if m["name"] == nil {
                r.fail(item, path + ".name", "missing: every SLA policy needs a name (tickets record it)")
            }
            if let c = m["calendar"], let s = r.string(c, path + ".calendar") {
                if let cal = calendars.first(where: { $0.name.sameName(as: s) }) {
                    policy.calendar = cal.name
                } else {
                    let known = calendars.map(\.name).joined(separator: ", ")
                    r.fail(
                        c, path + ".calendar",
                        "unknown calendar '\(s)' (expected one of: \(known.isEmpty ? "none defined" : known))")
                }
            } else if m["calendar"] == nil {
                r.fail(item, path + ".calendar", "missing: the calendar business minutes are counted in")
            }
            if let when = m["when"], let c = r.mapping(when, path + ".when") {
                let p = path + ".when"
                r.checkKeys(c, p, allowed: slaConditionKeys)
                policy.priorities = c["priority"].flatMap { r.values($0, p + ".priority", what: "priority") }
                policy.customerTiers = c["customer_tier"].flatMap { r.values($0, p + ".customer_tier", what: "customer tier") }
                policy.channels = c["channel"].flatMap { r.values($0, p + ".channel", what: "channel") }
                if let b = c["branch"], let names = r.strings(b, p + ".branch") {
                    for name in names { checkBranch(&r, b, p + ".branch", name, in: branches) }
                    policy.branches = names
                }
            }
            for kind in SLAKind.allCases {
                guard let t = m[kind.rawValue] else { continue }
                if let target = readTarget(&r, t, path + "." + kind.rawValue, kind) { policy.targets.append(target) }
            }
            // A target that is there but broken has its own message; "no targets" would mislead.
            if !SLAKind.allCases.contains(where: { m[$0.rawValue] != nil }) {
                r.fail(item, path, "no targets: give at least one of first_reply, next_reply, periodic_update, resolution")
            }
            if let p = m["pause_on"], let list: [TicketStatus] = r.values(p, path + ".pause_on", what: "status") {
                policy.pauseOn = list
            }
            if let w = m["warn_at"] {
                let text = (w.scalar?.string ?? "").trimmingCharacters(in: .whitespaces)
                if text.hasSuffix("%"), let n = Int(text.dropLast()), (1...100).contains(n) {
                    policy.warning = .percentUsed(n)
                } else if text.hasSuffix("m"), let n = Int(text.dropLast()), n > 0 {
                    policy.warning = .minutesLeft(n)
                } else {
                    r.fail(w, path + ".warn_at", "expected a share of the target used (75%) or minutes left (30m); got '\(text)'")
                }
            }
            out.append(policy)
        }
        return out
    }

    /// `30` (business minutes) or `{minutes: 30, time: calendar}`.
    static func readTarget(_ r: inout PolicyReader, _ node: Node, _ key: String, _ kind: SLAKind) -> SLATarget? {
        if node.scalar != nil {
            return r.integer(node, key, min: 1).map { SLATarget(kind: kind, minutes: $0) }
        }
        guard let m = r.mapping(node, key) else { return nil }
        r.checkKeys(m, key, allowed: ["minutes", "time"])
        guard let n = m["minutes"] else {
            r.fail(node, key + ".minutes", "missing: the target in minutes")
            return nil
        }
        guard let minutes = r.integer(n, key + ".minutes", min: 1) else { return nil }
        var business = true
        if let t = m["time"], let s = r.string(t, key + ".time") {
            switch s.lowercased() {
            case "business": business = true
            case "calendar": business = false
            default: r.fail(t, key + ".time", "expected business or calendar; got '\(s)'")
            }
        }
        return SLATarget(kind: kind, minutes: minutes, businessTime: business)
    }
}
