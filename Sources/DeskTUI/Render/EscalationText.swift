import DeskModel
import Foundation

/// The escalation slot of the ticket header and the escalation panel (`E`).
enum EscalationText {
    static let late = Style(fg: .red, bold: true)
    static let warn = Style(fg: .yellow, bold: true)

    /// One line: the open escalation, else the triggers holding, else "not escalated"; bounces.
    static func line(_ p: EscalationPanel, severity: Severity?, now: Int64) -> StyledLine {
        var out: StyledLine = []
        if let s = severity { out.append(Span(s.rawValue + " ", s <= .sev3 ? .dim : warn)) }
        // A bounce first: on a narrow pane it is what must not be cut off.
        if p.bounces > 0 { out.append(Span("↩ bounced \(p.bounces)× · ", warn)) }
        if let e = p.current {
            let who =
                e.state == .requested
                ? "waiting for \(name(e.toBranch))\(e.toAgent.map { " (\($0))" } ?? "")" : "accepted by \(e.acceptedBy ?? "?")"
            out.append(Span("⇧ escalation #\(e.id) \(who) · \(TimeText.age(now - e.changedAt))", Style(fg: .magenta, bold: true)))
        } else if !p.triggers.isEmpty {
            let anyLate = p.triggers.contains { $0.isLate(now: now, window: p.window) }
            let kinds = p.triggers.map(\.kind.label).joined(separator: ", ")
            out.append(Span("⚑ \(p.triggers.count) trigger\(p.triggers.count == 1 ? "" : "s"): \(kinds)", anyLate ? late : warn))
            if anyLate { out.append(Span(" · LATE", late)) }
        } else {
            out.append(Span("not escalated", .dim))
        }
        if p.current == nil && !p.triggers.isEmpty { out.append(Span(" · E panel, e escalate", .dim)) }
        return out
    }

    /// The panel shown instead of the history: triggers with reasons and sources, the open
    /// escalation with its package's essentials, and every earlier escalation and return.
    static func panel(_ d: TicketDetail, now: Int64, zone: TimeZone) -> [StyledLine] {
        let p = d.escalation
        var out: [StyledLine] = []
        out.append([Span("Triggers", Style(fg: .cyan, bold: true))])
        if p.triggers.isEmpty { out.append([Span("  none holding", .dim)]) }
        for t in p.triggers {
            let isLate = t.isLate(now: now, window: p.window)
            var line: StyledLine = [Span("  ⚑ ", isLate ? late : warn), Span(name(t.text))]
            line.append(Span(" · \(name(t.source)) · fired \(TimeText.age(now - t.firedAt)) ago", .dim))
            if t.actedAt != nil {
                line.append(Span(" · acted on", Style(fg: .green)))
            } else if isLate {
                line.append(Span(" · LATE", late))
            }
            out.append(line)
        }
        out.append([])
        out.append([Span("Escalation", Style(fg: .cyan, bold: true))])
        if let e = p.current {
            out.append([
                Span("  #\(e.id) \(e.state.rawValue)", Style(fg: .magenta, bold: true)),
                Span(
                    " · \(name(e.fromBranch ?? "?")) (\(e.fromAgent ?? "?")) → \(name(e.toBranch))\(e.toAgent.map { " (\($0))" } ?? "")"
                ),
                Span(" · \(e.severity?.rawValue ?? "")", .bold),
            ])
            out.append(
                [Span("  requested \(TimeText.age(now - e.requestedAt)) ago", .dim)]
                    + (e.acceptedBy.map { [Span(" · accepted by \($0)", Style(fg: .green))] } ?? []))
            out.append([Span("  next action: ", .dim), Span(name(e.nextAction))])
            let hint =
                e.state == .requested
                ? "a accept · r return (with a reason) · w withdraw (requester)" : "R resolve · D de-escalate · r return"
            out.append([Span("  " + hint, .dim)])
        } else {
            out.append([Span("  none open · e opens the composer", .dim)])
        }
        let past = p.history.filter { !$0.state.isOpen }
        if !past.isEmpty {
            out.append([])
            out.append([Span("History", Style(fg: .cyan, bold: true))])
        }
        for e in past {
            let style: Style = e.state == .returned ? warn : .plain
            var line: StyledLine = [
                Span("  #\(e.id) \(e.state.rawValue)", style),
                Span(" · \(name(e.fromBranch ?? "?")) → \(name(e.toBranch)) · \(TimeText.stamp(e.changedAt, zone: zone))", .dim),
            ]
            if e.late { line.append(Span(" · late", late)) }
            out.append(line)
            // The reason on its own line: it is what the next person needs, so it is never cut off.
            if let r = e.reason, !r.isEmpty { out.append([Span("    “\(name(r))”", style)]) }
        }
        return out
    }

    static func name(_ s: String) -> String { Sanitizer.singleLine(s) }
}
