import Foundation

/// `desk sla explain`: every target with its start, pauses, time counted, deadline and state.
extension SLAReport {
    /// "Mon 23 Nov 2026 10:00 CET" in the calendar's zone.
    public func format(_ t: Int64, in zone: TimeZone? = nil) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")  // zone abbreviations such as CET, not GMT+1
        f.timeZone = zone ?? calendar.zone
        f.dateFormat = "EEE d MMM yyyy HH:mm zzz"
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(t)))
    }

    /// "3h 05m", "-12m", "40h 00m": hours, not days — a business day is not 24 hours.
    public static func duration(_ seconds: Int64) -> String {
        let sign = seconds < 0 ? "-" : ""
        let m = abs(seconds) / 60
        if m >= 60 { return "\(sign)\(m / 60)h \(String(format: "%02d", m % 60))m" }
        return "\(sign)\(m)m"
    }

    public func explanation(ticket id: Int64) -> String {
        var out = [
            "#\(id) · SLA policy \(policy.name) · calendar \(calendar.name) (\(calendar.zone.identifier)) · evaluated \(format(now))"
        ]
        for s in targets {
            let unit = s.target.businessTime ? "business" : "calendar"
            out.append("")
            out.append(
                "\(s.target.kind.label): \(s.state.rawValue)\(s.atRisk ? " (at risk)" : "") · target \(s.target.minutes) \(unit) minutes"
            )
            guard let start = s.startedAt else {
                out.append("  not started: no customer message is waiting for a reply")
                continue
            }
            out.append("  started   \(format(start))")
            for p in s.pauses {
                out.append("  paused    \(format(p.from)) → \(p.to.map { format($0) } ?? "now") (\(p.status.rawValue))")
            }
            for r in s.reopenedAt { out.append("  reopened  \(format(r)) (the same clock continues)") }
            out.append(
                "  counted   \(Self.duration(s.consumed)) of \(unit) time, \(Self.duration(abs(s.left))) \(s.left >= 0 ? "left" : "over")"
            )
            if let d = s.deadline { out.append("  due       \(format(d))") }
            if let e = s.endedAt { out.append("  \(s.state == .metLate ? "met late " : "met      ") \(format(e))") }
        }
        return out.joined(separator: "\n")
    }

    /// The same as plain values for `--json`.
    /// `desk sla explain --json`; times ISO 8601 UTC like every JSON output (docs/cli.md).
    public func json(ticket id: Int64) -> [String: Any] {
        [
            "ticket": id, "policy": policy.name, "calendar": calendar.name, "timeZone": calendar.zone.identifier,
            "evaluatedAt": JSONTime.format(now),
            "targets": targets.map { s -> [String: Any] in
                var t: [String: Any] = [
                    "target": s.target.kind.rawValue, "minutes": s.target.minutes,
                    "time": s.target.businessTime ? "business" : "calendar", "state": s.state.rawValue,
                    "atRisk": s.atRisk, "consumedMinutes": s.consumed / 60, "leftMinutes": s.left / 60,
                    "pauses": s.pauses.map { p -> [String: Any] in
                        var d: [String: Any] = ["from": JSONTime.format(p.from), "status": p.status.rawValue]
                        if let to = p.to { d["to"] = JSONTime.format(to) }
                        return d
                    },
                    "reopenedAt": s.reopenedAt.map(JSONTime.format),
                ]
                if let v = s.startedAt { t["startedAt"] = JSONTime.format(v) }
                if let v = s.deadline { t["deadline"] = JSONTime.format(v) }
                if let v = s.endedAt { t["endedAt"] = JSONTime.format(v) }
                return t
            },
        ]
    }
}
