import DeskModel

/// The lead's escalation view (board mode `e`): waiting for acceptance with age, bounced
/// tickets with the reason, triggers nobody acted on in time, and late escalations.
enum EscalationBoardScreen {
    static func render(_ state: AppState, _ board: BoardState, into buf: inout Buffer) {
        let style = Style(fg: .white, bg: .magenta, bold: true)
        buf.fill(Rect(x: 0, y: 0, width: state.width, height: 1), style: style)
        guard let o = board.escalations else {
            buf.put(" Escalations", x: 0, y: 0, style: style)
            buf.put("Loading escalations…", x: 1, y: 2, style: .dim)
            return
        }
        let left =
            " Escalations · \(o.waiting.count) waiting · \(o.bounced.count) bounced · \(o.lateTriggers.count) late triggers"
        let right = "live · \(state.agent.handle) · \(TimeText.clock(state.now, zone: state.zone)) "
        buf.put(left, x: 0, y: 0, maxWidth: max(0, state.width - DisplayWidth.of(right) - 1), style: style)
        buf.put(right, x: max(0, state.width - DisplayWidth.of(right)), y: 0, style: style)

        var lines: [(StyledLine, Int?)] = []  // a line, and its selectable row index
        var row = 0
        func section(_ title: String, _ empty: String, _ items: [StyledLine]) {
            lines.append(([Span(title, Style(fg: .cyan, bold: true))], nil))
            if items.isEmpty { lines.append(([Span("  " + empty, .dim)], nil)) }
            for item in items {
                lines.append((item, row))
                row += 1
            }
            lines.append(([], nil))
        }
        let now = state.now
        section(
            "Waiting for acceptance (oldest first)", "nothing waiting",
            o.waiting.map { e in
                ticket(e.ticketId, e.subject)
                    + [
                        Span(" → \(name(e.toBranch))\(e.toAgent.map { " (\($0))" } ?? "")"),
                        Span(
                            " · waiting \(TimeText.age(now - e.requestedAt))",
                            now - e.requestedAt > 1800 ? EscalationText.late : EscalationText.warn),
                        Span(" · \(e.severity?.rawValue ?? "") · from \(e.fromAgent ?? "?")", .dim),
                    ]
            })
        section(
            "Bounced (returned)", "no returns",
            o.bounced.map { e in
                ticket(e.ticketId, e.subject)
                    + [
                        Span(" ↩ \(name(e.toBranch)) → \(name(e.fromBranch ?? "?"))", EscalationText.warn),
                        Span(" · “\(name(e.reason ?? ""))”"),
                        Span(" · \(e.bounces)× · \(TimeText.age(now - e.changedAt)) ago", .dim),
                    ]
            })
        section(
            "Late: triggers nobody acted on", "none past the window",
            o.lateTriggers.map { l in
                ticket(l.ticketId, l.subject)
                    + [
                        Span(" ⚑ \(name(l.trigger.text))", EscalationText.late),
                        Span(" · for \(TimeText.age(now - l.trigger.firedAt)) · \(name(l.branch ?? ""))", .dim),
                    ]
            })
        section(
            "Late escalations (requested after the window)", "none",
            o.lateEscalations.map { e in
                ticket(e.ticketId, e.subject) + [Span(" #\(e.id) → \(name(e.toBranch)) · \(e.state.rawValue)", .dim)]
            })

        // Scroll so the selected line shows.
        let height = state.height - 3
        let selectedLine = lines.firstIndex { $0.1 == board.selected } ?? 0
        let top = min(max(0, selectedLine - height + 2), max(0, lines.count - height))
        for (i, (line, index)) in lines.dropFirst(top).prefix(height).enumerated() {
            let y = 1 + i
            if index == board.selected {
                buf.fill(Rect(x: 0, y: y, width: state.width, height: 1), style: Style(reverse: true))
                buf.put(
                    line.map { Span($0.text, Style(fg: $0.style.fg, bold: $0.style.bold, reverse: true)) }, x: 1, y: y,
                    width: state.width - 2)
            } else {
                buf.put(line, x: 1, y: y, width: state.width - 2)
            }
        }
    }

    static func ticket(_ id: Int64, _ subject: String) -> StyledLine {
        [Span("  #\(id) ", Style(fg: .cyan)), Span(String(name(subject).prefix(34)))]
    }

    static func name(_ s: String) -> String { Sanitizer.singleLine(s) }
}
