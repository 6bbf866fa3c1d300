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

    /// The panel laid out: its lines and the first line each cited message number appears on.
    struct Panel {
        var lines: [StyledLine] = []
        var citationLines: [Int: Int] = [:]
    }

    static let heading = Style(fg: .cyan, bold: true)
    static let source = Style(fg: .cyan)

    /// The panel shown instead of the history, wrapped to `width`: triggers with reasons and
    /// sources, the newest escalation with its whole package (the receiver reads it here), and
    /// every earlier escalation. `citation`: the message number whose citations are selected.
    static func panel(_ d: TicketDetail, now: Int64, zone: TimeZone, width: Int, citation: Int? = nil) -> Panel {
        let p = d.escalation
        var out = Panel()
        let w = max(10, width)
        // `lead` (a bullet, a number, an indent) starts the first line; later lines hang under the text.
        func add(_ lead: StyledLine, _ body: StyledLine) {
            let indent = lead.reduce(0) { $0 + DisplayWidth.of($1.text) }
            for (i, l) in StyledWrap.lines(body, width: max(4, w - indent)).enumerated() {
                out.lines.append((i == 0 ? lead : [Span(String(repeating: " ", count: indent))]) + l)
            }
        }
        func addTriggers() {
            out.lines.append([Span("Triggers", heading)])
            if p.triggers.isEmpty { out.lines.append([Span("  none holding", .dim)]) }
            for t in p.triggers {
                let isLate = t.isLate(now: now, window: p.window)
                var line: StyledLine = [Span(name(t.text))]
                line.append(Span(" · \(name(t.source)) · fired \(TimeText.age(now - t.firedAt)) ago", .dim))
                if t.actedAt != nil {
                    line.append(Span(" · acted on", Style(fg: .green)))
                } else if isLate {
                    line.append(Span(" · LATE", late))
                }
                add([Span("  ⚑ ", isLate ? late : warn)], line)
            }
        }
        // The package comes first when there is one: it is what its receiver (and a requester
        // reading why it came back) opened the panel for; the triggers follow it.
        let hasPackage = p.history.first != nil && p.package != nil
        if !hasPackage {
            addTriggers()
            out.lines.append([])
        }
        if let e = p.history.first, let pkg = p.package {
            let open = e.state.isOpen
            add(
                [],
                [
                    Span(open ? "Escalation package" : "Latest escalation package", heading),
                    Span(
                        " · #\(e.id) \(e.state.rawValue) · \(e.severity?.rawValue ?? pkg.severity.severity.rawValue)",
                        Style(fg: .magenta, bold: true)),
                ])
            if open {
                let hint =
                    e.state == .requested
                    ? "a accept · r return (with a reason) · w withdraw (requester)" : "R resolve · D de-escalate · r return"
                add([Span("  ")], [Span(hint, .dim)])
            }
            if !PackageOutline(pkg).citedMessages.isEmpty {
                add([Span("  ")], [Span("] / [ select a cited message, Enter shows it in the history", .dim)])
            }
            let outline = PackageOutline(pkg, request: e) { TimeText.stamp($0, zone: zone) + " (\(TimeText.age(now - $0)) ago)" }
            for part in outline.parts {
                add([], [Span(part.title, .bold)])
                for (i, item) in part.items.enumerated() {
                    let text = Sanitizer.singleLine(item.text)
                    let lead: StyledLine
                    var body: StyledLine
                    switch item.kind {
                    case .point: (lead, body) = ([Span("  - ")], [Span(text)])
                    case .step(let n): (lead, body) = ([Span("  \(n). ")], [Span(text)])
                    case .fact: (lead, body) = ([Span("  ")], [Span(text)])
                    case .empty: (lead, body) = ([Span("  ")], [Span(text, .dim)])
                    case .warning: (lead, body) = ([Span("  ! ", warn)], [Span(text, warn)])
                    case .missing(let ack):
                        (lead, body) = ([Span(ack ? "  [x] " : "  [ ] ", .bold)], [Span(text, ack ? .dim : Style(fg: .yellow))])
                    case .paragraph:
                        if i > 0 { out.lines.append([]) }
                        (lead, body) = ([Span("  ")], [Span(text)])
                    }
                    for s in item.sources {
                        var style = source
                        if case .message(let n) = s, n == citation { style = Style(fg: .cyan, bold: true, reverse: true) }
                        body += [Span(" "), Span(Sanitizer.singleLine(s.description), style)]
                    }
                    let first = out.lines.count
                    add(lead, body)
                    // Where each cited message is first drawn, for scrolling a selected citation into view.
                    for case .message(let n) in item.sources where out.citationLines[n] == nil {
                        out.citationLines[n] =
                            out.lines[first...].firstIndex { $0.contains { $0.text.contains("[#\(n)]") } } ?? first
                    }
                }
            }
        } else {
            out.lines.append([Span("Escalation", heading)])
            out.lines.append([Span("  none open · e opens the composer", .dim)])
        }
        if hasPackage {
            out.lines.append([])
            addTriggers()
        }
        let past = p.history.dropFirst().filter { !$0.state.isOpen }
        if !past.isEmpty {
            out.lines.append([])
            out.lines.append([Span("Earlier escalations", heading)])
        }
        for e in past {
            let style: Style = e.state == .returned ? warn : .plain
            var line: StyledLine = [
                Span("#\(e.id) \(e.state.rawValue)", style),
                Span(" · \(name(e.fromBranch ?? "?")) → \(name(e.toBranch)) · \(TimeText.stamp(e.changedAt, zone: zone))", .dim),
            ]
            if e.late { line.append(Span(" · late", late)) }
            add([Span("  ")], line)
            // The reason on its own line: it is what the next person needs, so it is never cut off.
            if let r = e.reason, !r.isEmpty { add([Span("    ")], [Span("“\(name(r))”", style)]) }
        }
        return out
    }

    static func name(_ s: String) -> String { Sanitizer.singleLine(s) }
}
