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
        // The review's messages, each whole: as many as a third of the box holds, then how many more.
        var failureLines: [StyledLine] = []
        let budget = max(0, inner.height / 3)
        for (i, f) in c.failures.enumerated() {
            let lines = StyledWrap.lines(
                [
                    Span("✗ \(f.field.label): ", Style(fg: .red, bold: true)),
                    Span(Sanitizer.singleLine(f.message), Style(fg: .red)),
                ],
                width: inner.width)
            let left = c.failures.count - i
            if failureLines.count + lines.count + (left > 1 ? 1 : 0) > budget {
                failureLines.append([Span("✗ … and \(left) more: the cursor is on the first", Style(fg: .red))])
                break
            }
            failureLines += lines
        }
        // Every row wrapped to the width (never cut); the update, the one long text, reads whole below.
        let labelWidth = 18
        let valueWidth = max(10, inner.width - labelWidth)
        let rows = c.rows
        let blocks: [[StyledLine]] = rows.map { row in
            let mark = failing.contains(row.field) && isFirst(row, in: rows) ? "✗" : " "
            let (label, value) = describe(row, p, c)
            // A claim, step or action wraps under its own text, so where the next one starts shows.
            let bullet: String =
                switch row {
                case .summary, .nextAction: "- "
                case .repro(let i): "\(i + 1). "
                default: ""
                }
            let hang = DisplayWidth.of(bullet)
            // The update is the one long text: its first line here (room kept for "…"), the whole below when selected.
            var wrapped = StyledWrap.lines(value, width: max(4, valueWidth - hang - (row == .update ? 2 : 0)))
            if row == .update, wrapped.count > 1 { wrapped = [wrapped[0] + [Span(" …", .dim)]] }
            return wrapped.enumerated().map { i, line in
                (i == 0
                    ? [
                        Span(mark, Style(fg: .red, bold: true)),
                        Span(DisplayWidth.pad(label, to: labelWidth - 1), Style(fg: .cyan)),
                        Span(bullet, .dim),
                    ]
                    : [Span(String(repeating: " ", count: labelWidth + hang))]) + line
            }
        }
        let full = c.selectedRow == .update ? p.customerUpdate : nil
        // Its first lines below the rows; past six, the last says how much more Enter shows.
        var detail = full.map { TextWrap.lines(Sanitizer.multiline(Paragraphs.reflow($0)), width: max(10, inner.width - 2)) } ?? []
        if detail.count > 6 { detail = detail.prefix(5) + ["… \(detail.count - 5) more lines: Enter opens the whole update"] }
        let reserved = failureLines.count + (failureLines.isEmpty ? 0 : 1) + detail.count + (detail.isEmpty ? 0 : 1)
        let listRows = max(1, inner.height - reserved)
        // Scrolled by screen lines: the selected row whole, as near the middle as the ends allow.
        let starts = blocks.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let total = starts.last!
        let sel = min(c.selected, rows.count - 1)
        let selTop = starts[sel]
        let selHeight = blocks[sel].count
        var top = max(0, selTop - max(0, (listRows - selHeight) / 2))
        top = min(top, max(0, total - listRows))
        top = min(top, selTop)
        var y = inner.y
        for (i, block) in blocks.enumerated() {
            for (k, line) in block.enumerated() {
                let at = starts[i] + k
                guard at >= top, at < top + listRows else { continue }
                var drawn = line
                if i == sel {
                    buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(reverse: true))
                    drawn = line.map { Span($0.text, Style(fg: $0.style.fg, bold: $0.style.bold, reverse: true)) }
                }
                buf.put(drawn, x: inner.x, y: y, width: inner.width)
                y += 1
            }
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
        case .workaroundText:
            return (
                "  how",
                p.workaroundText.map { text($0) }
                    ?? text("(Enter: say how, in the customer's words; the update states it)", Style(fg: .yellow))
            )
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
        case .nextAction(let i):
            let a = p.nextActions[i]
            return (i == 0 ? "Next actions" : "", [Span(Sanitizer.singleLine(a.owner) + ": ", .bold)] + text(a.action))
        case .addNextAction:
            return (
                p.nextActions.isEmpty ? "Next actions" : "",
                p.nextAction.isEmpty
                    ? text("+ name what \(p.toBranch) does first (Enter; 'OWNER: …' for others)", Style(fg: .yellow))
                    : text("+ add an action (o)", dim)
            )
        case .missing(let i):
            let m = p.missing[i]
            return (
                i == 0 ? "Missing info" : "",
                [Span(m.acknowledged ? "[x] " : "[ ] ", .bold), Span(m.text, m.acknowledged ? dim : Style(fg: .yellow))]
            )
        case .update:
            return (
                "Customer update",
                text(Paragraphs.reflow(p.customerUpdate).split(whereSeparator: \.isNewline).joined(separator: " "))
            )
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
