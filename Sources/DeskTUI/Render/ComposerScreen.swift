import DeskModel

/// The escalation composer: the handoff package, a row per field or line, drawn over the panes.
/// Failing parts are marked and the review's messages listed at the bottom.
enum ComposerScreen {
    static func render(_ state: AppState, _ c: ComposerState, into buf: inout Buffer) {
        let rect = Rect(x: 0, y: 1, width: buf.width, height: buf.height - 3)
        let p = c.package
        let subject = state.ticket.detail.map { Sanitizer.singleLine($0.ticket.subject) } ?? ""
        Box.draw(rect, title: " Escalate #\(c.draft.ticketId) · \(subject) ", footer: " S submit · Esc close (kept) ", into: &buf)
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        let failing = Set(c.failures.map(\.field))
        let failureLines = c.failures.prefix(max(0, inner.height / 3)).map { f -> StyledLine in
            [Span("✗ \(f.field.label): ", Style(fg: .red, bold: true)), Span(Sanitizer.singleLine(f.message), Style(fg: .red))]
        }
        // The selected row's whole text, wrapped: a narrow terminal cuts the rows above.
        let full = fullText(c.selectedRow, p)
        let detail = full.map { TextWrap.lines(Sanitizer.singleLine($0), width: max(10, inner.width - 2)).prefix(3) } ?? []
        let reserved = failureLines.count + (failureLines.isEmpty ? 0 : 1) + detail.count + (detail.isEmpty ? 0 : 1)
        let listRows = max(1, inner.height - reserved)
        let rows = c.rows
        let top = min(max(0, c.selected - listRows / 2), max(0, rows.count - listRows))
        for (i, row) in rows.enumerated().dropFirst(top).prefix(listRows) {
            let y = inner.y + i - top
            let selected = i == c.selected
            let mark = failing.contains(row.field) && isFirst(row, in: rows) ? "✗" : " "
            let (label, value) = describe(row, p, c)
            var line: StyledLine = [
                Span(mark, Style(fg: .red, bold: true)), Span(DisplayWidth.pad(label, to: 17), Style(fg: .cyan)),
            ]
            line += value
            if selected {
                buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(reverse: true))
                line = line.map { Span($0.text, Style(fg: $0.style.fg, bold: $0.style.bold, reverse: true)) }
            }
            buf.put(line, x: inner.x, y: y, width: inner.width)
        }
        if !detail.isEmpty {
            let y0 = inner.y + listRows + 1
            for (i, line) in detail.enumerated() {
                buf.put("▸ " + line, x: inner.x, y: y0 + i, maxWidth: inner.width, style: .dim)
            }
        }
        if !failureLines.isEmpty {
            let y0 = inner.y + inner.height - failureLines.count
            for (i, line) in failureLines.enumerated() { buf.put(line, x: inner.x, y: y0 + i, width: inner.width) }
        }
    }

    /// Text worth reading whole on the selected row (claims, the next action, the update).
    static func fullText(_ row: ComposerRow, _ p: EscalationPackage) -> String? {
        switch row {
        case .summary(let i): p.summary[i].line
        case .repro(let i): p.repro[i].line
        case .nextAction: p.nextAction.isEmpty ? nil : p.nextAction
        case .update: p.customerUpdate
        case .severity: p.severityOverride ?? p.severity.rationale
        default: nil
        }
    }

    /// The label is shown on the first row of a part only.
    static func isFirst(_ row: ComposerRow, in rows: [ComposerRow]) -> Bool {
        rows.first { $0.field == row.field } == row
    }

    static func describe(_ row: ComposerRow, _ p: EscalationPackage, _ c: ComposerState) -> (String, StyledLine) {
        let dim = Style.dim
        func text(_ s: String, _ style: Style = .plain) -> StyledLine { [Span(Sanitizer.singleLine(s), style)] }
        func claim(_ cl: Claim) -> StyledLine {
            [Span(Sanitizer.singleLine(cl.text) + " ")]
                + (cl.sources.isEmpty
                    ? [Span("(no source)", Style(fg: .red))]
                    : [Span(cl.sources.map(\.description).joined(separator: " "), Style(fg: .cyan))])
        }
        switch row {
        case .owner:
            return ("Next owner", text(p.toBranch, .bold) + [Span("  (Enter: \(c.draft.targets.joined(separator: " / ")))", dim)])
        case .agent: return ("  agent", text(p.toAgent ?? "anyone in the branch", p.toAgent == nil ? dim : .plain))
        case .impact: return ("Impact", text(p.impact?.rawValue ?? "unknown", p.impact == nil ? Style(fg: .yellow) : .plain))
        case .workaround:
            return ("Workaround", text(p.workaround?.rawValue ?? "unknown", p.workaround == nil ? Style(fg: .yellow) : .plain))
        case .severity:
            let why =
                p.severityOverride.map { "set by hand: \($0.isEmpty ? "(reason needed)" : $0)" }
                ?? "rubric row `\(p.severity.rule)`: \(p.severity.rationale)"
            return ("Severity", text(p.severity.severity.rawValue + " ", .bold) + text(why, dim))
        case .summary(let i): return (i == 0 ? "Summary" : "", claim(p.summary[i]))
        case .addSummary: return (p.summary.isEmpty ? "Summary" : "", text("+ add a line (o)", dim))
        case .repro(let i): return (i == 0 ? "Repro steps" : "", claim(p.repro[i]))
        case .addRepro:
            return (
                p.repro.isEmpty ? "Repro steps" : "",
                text(p.repro.isEmpty ? "none · + add a step (o), or N writes a repro note" : "+ add a step (o)", dim)
            )
        case .nextAction:
            return (
                "Next action",
                p.nextAction.isEmpty
                    ? text("(name it: what should the next owner do first?)", Style(fg: .yellow)) : text(p.nextAction)
            )
        case .missing(let i):
            let m = p.missing[i]
            return (
                i == 0 ? "Missing info" : "",
                [Span(m.acknowledged ? "[x] " : "[ ] ", .bold), Span(m.text, m.acknowledged ? dim : Style(fg: .yellow))]
            )
        case .update: return ("Customer update", text(p.customerUpdate.replacingOccurrences(of: "\n", with: " ")))
        case .send:
            return (
                "",
                [
                    Span(
                        p.sendUpdate ? "[x] send it as a public reply" : "[ ] not sent (u to send it)",
                        p.sendUpdate ? Style(fg: .green, bold: true) : dim)
                ]
            )
        }
    }
}
