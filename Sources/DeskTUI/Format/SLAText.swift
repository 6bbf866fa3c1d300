import DeskModel
import Foundation

/// SLA countdowns as the console shows them. Pure: evaluated targets plus the frame's `now`,
/// so a countdown moves every minute without reloading the ticket.
enum SLAText {
    /// Time left at `now` in the target's own time (business or calendar); negative once past.
    /// Paused targets keep what they had left; finished ones have none.
    static func left(_ s: SLATargetStatus, calendar: BusinessCalendar, now: Int64) -> Int64? {
        switch s.state {
        case .paused: return s.left
        case .active, .breached:
            guard let d = s.deadline else { return s.left }
            guard s.target.businessTime else { return d - now }
            return d >= now ? calendar.businessSeconds(from: now, to: d) : -calendar.businessSeconds(from: d, to: now)
        default: return nil
        }
    }

    /// The state at `now` (an active target whose deadline passed is breached).
    static func state(_ s: SLATargetStatus, left: Int64?) -> SLAState {
        s.state == .active && (left ?? 1) < 0 ? .breached : s.state
    }

    static func atRisk(_ s: SLATargetStatus, policy: SLAPolicy, left: Int64) -> Bool {
        let budget = Int64(s.target.minutes) * 60
        switch policy.warning {
        case .percentUsed(let p): return left * 100 <= budget * Int64(100 - p)
        case .minutesLeft(let m): return left <= Int64(m) * 60
        }
    }

    /// "3h05", "45m", "-12m", "124h30".
    static func compact(_ seconds: Int64) -> String {
        let m = abs(seconds) / 60
        let text = m >= 60 ? "\(m / 60)h" + (m % 60 < 10 ? "0" : "") + "\(m % 60)" : "\(m)m"
        return seconds < 0 ? "-" + text : text
    }

    /// How long a breached target has been breached, in calendar time: "-2d 4h breached". Business
    /// time since a Friday-evening breach would read "0m" all weekend, which says "due now".
    static func breached(since deadline: Int64, now: Int64) -> String {
        "-" + span(now - deadline) + " breached"
    }

    /// "2d 4h", "5h 20m", "12m" (calendar time, 24-hour days).
    static func span(_ seconds: Int64) -> String {
        let m = max(0, seconds) / 60
        if m >= 1440 { return "\(m / 1440)d" + (m % 1440 / 60 > 0 ? " \(m % 1440 / 60)h" : "") }
        if m >= 60 { return "\(m / 60)h" + (m % 60 > 0 ? " \(m % 60)m" : "") }
        return "\(m)m"
    }

    static func style(_ state: SLAState, risk: Bool) -> Style {
        switch state {
        case .breached: Style(fg: .red, bold: true)
        case .active: risk ? Style(fg: .yellow, bold: true) : Style(fg: .green)
        case .met: Style(fg: .green, dim: true)
        case .metLate: Style(fg: .yellow, dim: true)
        case .paused, .notStarted: .dim
        }
    }

    /// "SLA standard · first reply 3h05 due Mon 13:00 · resolution -2d 4h breached (due Fri 4 Dec
    /// 17:00) · next reply –".
    static func line(_ report: SLAReport?, now: Int64, zone: TimeZone) -> StyledLine {
        guard let report else { return [Span("no SLA policy covers this ticket", .dim)] }
        var out: StyledLine = [Span("SLA ", .dim), Span(Sanitizer.singleLine(report.policy.name), Style(bold: true))]
        // The most urgent target first: on a narrow pane the line is cut at its end, and a
        // breach must never be what is cut off behind "first reply met".
        var parts: [(urgency: Int, span: Span)] = []
        for (s, calendarTime) in zip(report.targets, report.calendarDueTimes) {
            let left = left(s, calendar: report.calendar, now: now)
            let state = state(s, left: left)
            let risk = left.map { state == .active && atRisk(s, policy: report.policy, left: $0) } ?? false
            var text = " " + s.target.kind.label + " "
            switch state {
            case .active, .breached:
                if state == .breached, let d = s.deadline {
                    // "-2d 4h breached (due Fri 4 Dec 17:00)": how long ago first, then when it was due.
                    let due = dueText(d, now: now, zone: zone, calendarZone: report.calendar.zone, calendarTime: calendarTime)
                    text += breached(since: d, now: now) + " (due " + due + ")"
                } else {
                    text += compact(left ?? 0)
                    if let d = s.deadline {
                        text += " due " + dueText(d, now: now, zone: zone, calendarZone: report.calendar.zone, calendarTime: calendarTime)
                    }
                }
            case .paused: text += "paused " + compact(left ?? 0)
            case .met: text += "met"
            case .metLate: text += "met late"
            case .notStarted: text += "–"
            }
            let urgency: Int =
                switch state {
                case .breached: 0
                case .active: risk ? 1 : 2
                case .paused: 3
                case .notStarted: 4
                case .metLate: 5
                case .met: 6
                }
            parts.append((urgency, Span(text, style(state, risk: risk))))
        }
        for part in parts.enumerated().sorted(by: { ($0.element.urgency, $0.offset) < ($1.element.urgency, $1.offset) }) {
            out.append(Span(" ·", .dim))
            out.append(part.element.span)
        }
        return out
    }

    /// The tall terminal's SLA panel: the policy and its calendar, then a line per target with
    /// its state, time left in its own time and due time in both zones.
    static func panel(_ report: SLAReport?, now: Int64, zone: TimeZone) -> [StyledLine] {
        guard let report else { return [[Span("SLA: no policy covers this ticket", .dim)]] }
        var out: [StyledLine] = [
            [
                Span("SLA ", .dim), Span(Sanitizer.singleLine(report.policy.name), Style(bold: true)),
                Span(" · calendar \(Sanitizer.singleLine(report.calendar.name)) (\(report.calendar.zone.identifier))", .dim),
            ]
        ]
        for (s, calendarTime) in zip(report.targets, report.calendarDueTimes).prefix(4) {
            let left = left(s, calendar: report.calendar, now: now)
            let state = state(s, left: left)
            let risk = left.map { state == .active && atRisk(s, policy: report.policy, left: $0) } ?? false
            let label = "  " + DisplayWidth.pad(s.target.kind.label, to: 16)
            var text: String
            switch state {
            case .active, .breached:
                if state == .breached, let d = s.deadline {
                    text = breached(since: d, now: now)
                } else {
                    text = compact(abs(left ?? 0)) + (state == .breached ? " over" : " left") + (risk ? " · at risk" : "")
                }
                if let d = s.deadline {
                    text += " · due " + dueText(d, now: now, zone: zone, calendarZone: report.calendar.zone, calendarTime: calendarTime)
                }
            case .paused: text = "paused · " + compact(left ?? 0) + " left when it resumes"
            case .met: text = "met"
            case .metLate: text = "met late"
            case .notStarted: text = "not started (no customer message waiting)"
            }
            // Time left counts in the target's own time; time since a breach is always calendar time.
            let unit = s.target.businessTime || state == .breached ? "" : " (calendar time)"
            out.append([Span(label, .dim), Span(text, style(state, risk: risk)), Span(unit, .dim)])
        }
        return out
    }

    /// "Mon 13:00" (with the date when the weekday alone is ambiguous, `TimeText.due`), and the
    /// calendar's own time when its zone differs: "Mon 13:00 (14:00 CET)".
    static func dueText(_ t: Int64, now: Int64, zone: TimeZone, calendarZone: TimeZone, calendarTime: String?) -> String {
        var text = TimeText.due(t, now: now, zone: zone)
        if let calendarTime, TimeText.offset(t, calendarZone) != TimeText.offset(t, zone) { text += " (\(calendarTime))" }
        return text
    }
}

/// The SLA cell of the queue and the board, from what is stored with the ticket.
extension SLAText {
    /// The column header: what the cell counts, which is also what the SLA order sorts by.
    static let cellHeader = "Due in"

    /// Calendar time to the nearest deadline, state-coloured ("3h05", "2d4h", "-1d2h" once
    /// breached); "paused"; empty when nothing runs. Calendar time, not business time: it is what
    /// the queue's SLA order sorts by (the deadline), so the column reads in order.
    static func cell(_ sla: StoredSLA, now: Int64) -> (text: String, style: Style) {
        let state = sla.state(at: now)
        guard let dueAt = sla.dueAt else {
            return state == .paused ? ("paused", .dim) : ("", .plain)
        }
        let style: Style
        switch state {
        case .breached: style = Style(fg: .red, bold: true)
        case .atRisk: style = Style(fg: .yellow, bold: true)
        default: style = Style(fg: .green)
        }
        return (short(dueAt - now), style)
    }

    /// Six columns at most: "45m", "13h05", "2d4h", "12d", negative once past ("-2d4h").
    static func short(_ seconds: Int64) -> String {
        let m = abs(seconds) / 60
        let text: String
        switch m {
        case ..<60: text = "\(m)m"
        case ..<1440: text = "\(m / 60)h" + (m % 60 < 10 ? "0" : "") + "\(m % 60)"
        case ..<(10 * 1440): text = "\(m / 1440)d\(m % 1440 / 60)h"
        default: text = "\(m / 1440)d"
        }
        return seconds < 0 ? "-" + text : text
    }
}
