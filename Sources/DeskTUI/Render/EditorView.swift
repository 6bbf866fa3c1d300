import DeskModel

/// The reply editor at the bottom of the ticket pane: a frame whose label and colour say public
/// reply or internal note, the Markdown text styled as typed, and a line for what happens next.
enum EditorView {
    static func frameStyle(_ r: ReplyState) -> Style {
        if !r.isMessage { return Style(fg: .magenta, bold: true) }
        return r.mode == .reply ? Style(fg: .green, bold: true) : Style(fg: .yellow, bold: true)
    }

    static func render(_ state: AppState, _ r: ReplyState, layout: Layout, into buf: inout Buffer) {
        let rect = layout.editor
        guard rect.height >= 4 else { return }
        buf.fill(rect, style: .plain)
        let style = frameStyle(r)
        let w = rect.width
        let title: String
        switch r.purpose {
        case .template(let t):
            title = " Template: \(t.name) — Ctrl-S saves it (marked reviewed) · Esc abandons "
        case .escalation(let field):
            title = " Escalation #\(r.ticketId) · \(field.label) · Esc back to the package · \(field.guide) "
        case .message:
            let saved = r.dirty ? "editing" : r.savedAt > 0 ? "draft saved" : "new"
            if r.mode == .reply, let other = othersWriting(state, r) {
                title = " ▶ \(r.mode.label) · ✎ \(other) "
            } else {
                title = " \(r.mode == .reply ? "▶ " : "■ ")\(r.mode.label) · \(r.wordCount) words · \(saved) "
            }
        }
        buf.put("┌" + String(repeating: "─", count: w - 2) + "┐", x: rect.x, y: rect.y, style: style)
        buf.put(
            title, x: rect.x + 2, y: rect.y, maxWidth: w - 4,
            style: r.mode == .note && r.isMessage ? Style(fg: .black, bg: .yellow, bold: true) : style)
        buf.put("└" + String(repeating: "─", count: w - 2) + "┘", x: rect.x, y: rect.maxY - 1, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buf.put("│", x: rect.x, y: y, style: style)
            buf.put("│", x: rect.maxX - 1, y: y, style: style)
        }
        if case .conflict(let c)? = r.step {
            cameIn(c, x: rect.x + 2, y: rect.y + 1, width: layout.editorTextWidth, rows: layout.editorTextRows, into: &buf)
        } else {
            text(r.editor, x: rect.x + 2, y: rect.y + 1, width: layout.editorTextWidth, rows: layout.editorTextRows, into: &buf)
        }
        info(state, r, x: rect.x + 2, y: rect.maxY - 2, width: w - 4, into: &buf)
    }

    /// The visible rows from the editor's top, wrapped and styled, with selection and cursor.
    static func text(_ e: EditorState, x: Int, y: Int, width: Int, rows: Int, into buf: inout Buffer) {
        let lines = e.buffer.lines
        var line = e.top.line
        var row = e.top.col
        var screenRow = 0
        let selection = e.selection
        while screenRow < rows && line < lines.count {
            let chars = lines[line]
            let starts = e.rowStarts(line)
            let styles = e.styles(line)
            while row < starts.count && screenRow < rows {
                let from = starts[row]
                let to = row + 1 < starts.count ? starts[row + 1] : chars.count
                var col = x
                for i in from..<to {
                    var s = styles[i]
                    if let (a, b) = selection, TextPos(line: line, col: i) >= a, TextPos(line: line, col: i) < b {
                        s.reverse = true
                    }
                    if e.cursor == TextPos(line: line, col: i) { s = Style(reverse: true) }
                    let ch = chars[i]
                    let cw = DisplayWidth.of(ch)
                    if col + cw > x + width { break }
                    buf.put(String(ch), x: col, y: y + screenRow, style: s)
                    col += cw
                }
                // The cursor after the last character of the row it is on.
                if e.cursor.line == line && e.cursor.col == to && (row + 1 == starts.count) && col < x + width + 1 {
                    buf.put(" ", x: min(col, x + width), y: y + screenRow, style: Style(reverse: true))
                }
                row += 1
                screenRow += 1
            }
            line += 1
            row = 0
        }
        if e.isEmpty {
            buf.put(
                " Type here · Markdown: **bold** *italic* `code` - lists > quotes [link](url)", x: x + 1, y: y,
                maxWidth: width - 1, style: .dim)
        }
    }

    /// "Farid Haddad is writing a reply, started 1 min ago": another agent writing on this ticket
    /// (from presence), said before two replies cross.
    static func othersWriting(_ state: AppState, _ r: ReplyState) -> String? {
        let writers = state.ticket.presence.filter(\.writing)
        guard let first = writers.first else { return nil }
        let name = Sanitizer.singleLine(first.name)
        let since = first.writingSince.map { ", started " + ConcurrentChange.ago(max(0, state.now - $0)) } ?? ""
        let more = writers.count > 1 ? " (and \(writers.count - 1) more)" : ""
        return "\(name)\(more) is writing a reply\(since)"
    }

    /// What came in since the draft began, in place of the draft's text until the agent chooses.
    static func cameIn(_ c: TicketConflict, x: Int, y: Int, width: Int, rows: Int, into buf: inout Buffer) {
        var lines: [StyledLine] = [[Span("Since you began this draft:", Style(fg: .red, bold: true))]]
        for m in c.newMessages {
            lines.append([Span("● " + Sanitizer.singleLine(m.sentence), Style(fg: .yellow, bold: true))])
            for line in TextWrap.lines(Sanitizer.multiline(m.text ?? ""), width: max(1, width - 2)) {
                lines.append([Span("  " + line, .plain)])
            }
        }
        for (i, line) in lines.prefix(rows).enumerated() {
            let shown = i == rows - 1 && lines.count > rows ? [Span("  … (the history shows the rest)", .dim)] : line
            _ = buf.put(shown, x: x, y: y + i, width: width)
        }
    }

    /// The line above the bottom border: the question being asked, else suggestions and what a
    /// macro will do on send.
    static func info(_ state: AppState, _ r: ReplyState, x: Int, y: Int, width: Int, into buf: inout Buffer) {
        switch r.step {
        case .placeholder(let raw, let value)?:
            let end = buf.put("Value for \(raw): ", x: x, y: y, maxWidth: width, style: Style(fg: .yellow, bold: true))
            let typed = buf.put(Sanitizer.singleLine(value), x: end, y: y, maxWidth: max(0, x + width - end))
            buf.put("█  Enter fills it everywhere · Esc back", x: typed, y: y, maxWidth: max(0, x + width - typed), style: .dim)
        case .confirmInternal(let marker)?:
            buf.put(
                "⚠ This PUBLIC reply contains internal-only text (\(Sanitizer.singleLine(marker))). Send it to the customer anyway? y / n",
                x: x, y: y, maxWidth: width, style: Style(fg: .red, bold: true))
        case .choose?:
            buf.put(
                "Send to the customer:  Enter send  ·  p send and set pending  ·  s send and solve  ·  Esc back", x: x, y: y,
                maxWidth: width, style: Style(fg: .green, bold: true))
        case .sending?:
            buf.put("Sending…", x: x, y: y, maxWidth: width, style: .dim)
        case .conflict?:
            buf.put(
                "Not sent. y send yours anyway  ·  e edit it first  ·  d discard it  ·  Esc back", x: x, y: y,
                maxWidth: width, style: Style(fg: .red, bold: true))
        case nil:
            var line: StyledLine = []
            if !r.actions.isEmpty { line.append(Span("on send: \(r.actions.summary) · ", Style(fg: .magenta))) }
            if r.isMessage, state.suggestionsFor == r.ticketId, !state.suggestions.isEmpty {
                line += SuggestionText.line(
                    state.suggestions, keys: "Alt-", width: width - DisplayWidth.of(line.map(\.text).joined()))
            }
            buf.put(line, x: x, y: y, width: width)
        }
    }
}

/// Suggested templates with the words that matched, fitted to a width.
enum SuggestionText {
    static func line(_ s: [TemplateSuggestion], keys: String, width: Int) -> StyledLine {
        guard !s.isEmpty else { return [Span("no template matches this ticket (T lists them all)", .dim)] }
        // Drop the "why" words until the line fits, then the names are cut by the buffer.
        for whyWords in [3, 2, 1, 0] {
            var line: StyledLine = []
            for (i, t) in s.enumerated() {
                if i > 0 { line.append(Span(" · ", .dim)) }
                line.append(Span("\(keys)\(i + 1) ", Style(fg: .yellow, bold: true)))
                line.append(Span(t.name + (t.isMacro ? " ⚙" : ""), Style(fg: .cyan)))
                if whyWords > 0, !t.matched.isEmpty {
                    line.append(Span(" (\(t.matched.prefix(whyWords).joined(separator: ", ")))", .dim))
                }
            }
            if DisplayWidth.of(line.map(\.text).joined()) <= width || whyWords == 0 { return line }
        }
        return []
    }
}
