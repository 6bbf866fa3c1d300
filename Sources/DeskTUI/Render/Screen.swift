import DeskModel
import Foundation

/// Draws a whole frame from state. Pure: it never touches the database or a clock.
public enum Screen {
    public static func render(_ state: AppState) -> Buffer {
        var buf = Buffer(width: state.width, height: state.height)
        if state.isTooSmall {
            TooSmallView.render(state, into: &buf)
            return buf
        }
        let layout = state.layout
        let zone = state.zone
        if let screen = state.notifications.screen {
            NotificationsScreen.render(state, screen, into: &buf)
            StatusBar.render(state, layout: layout, into: &buf)
            if case .help(let scroll) = state.overlay { HelpOverlay.render(scroll: scroll, into: &buf) }
            return buf
        }
        if let board = state.board {
            BoardScreen.render(state, board, layout: layout, into: &buf)
            StatusBar.render(state, layout: layout, into: &buf)
            if case .help(let scroll) = state.overlay { HelpOverlay.render(scroll: scroll, into: &buf) }
            return buf
        }
        TitleBar.render(state, layout: layout, zone: zone, into: &buf)
        if !layout.writing {
            QueuePane.render(state, layout: layout, into: &buf)
            for y in layout.queue.y..<layout.queue.maxY {
                buf.put("│", x: layout.separatorX, y: y, style: Style(fg: .gray))
            }
        }
        TicketPane.render(state, layout: layout, zone: zone, into: &buf)
        if layout.writing, let r = state.reply { EditorView.render(state, r, layout: layout, into: &buf) }
        if let c = state.composer, c.open, c.draft.ticketId == state.ticket.detail?.ticket.id {
            ComposerScreen.render(state, c, into: &buf)
        }
        StatusBar.render(state, layout: layout, into: &buf)
        switch state.overlay {
        case .help(let scroll): HelpOverlay.render(scroll: scroll, into: &buf)
        case .picker(let picker): PickerOverlay.render(picker, into: &buf)
        default: break
        }
        return buf
    }
}

/// The top line: product, view, counts, filter, agent and time.
enum TitleBar {
    static func render(_ state: AppState, layout: Layout, zone: TimeZone, into buf: inout Buffer) {
        let style = Style(fg: .white, bg: .blue, bold: true)
        buf.fill(Rect(x: 0, y: layout.titleRow, width: layout.width, height: 1), style: style)
        var left = " desk · \(state.queue.query.view.title) (\(state.queue.total)\(state.queue.totalIsLowerBound ? "+" : ""))"
        if state.queue.query.sort == .sla { left += " · by SLA" }
        if !state.queue.query.filter.isEmpty { left += " · filter: \(Sanitizer.singleLine(state.queue.query.filter))" }
        let right = "\(state.agent.handle) · \(TimeText.clock(state.now, zone: zone)) "
        let rw = DisplayWidth.of(right)
        buf.put(left, x: 0, y: layout.titleRow, maxWidth: max(0, layout.width - rw - 1), style: style)
        buf.put(right, x: max(0, layout.width - rw), y: layout.titleRow, style: style)
    }
}

/// The status line (messages, prompts) and the key-hint line.
enum StatusBar {
    static func render(_ state: AppState, layout: Layout, into buf: inout Buffer) {
        let y = layout.statusRow
        switch state.overlay {
        case .filter(let text):
            let end = buf.put("/" + Sanitizer.singleLine(text), x: 0, y: y, style: .bold)
            buf.put("█", x: end, y: y, style: .dim)
            buf.put("  Enter keeps · Esc clears", x: end + 2, y: y, style: .dim)
        case .command(let text):
            let end = buf.put(":" + Sanitizer.singleLine(text), x: 0, y: y, style: .bold)
            buf.put("█", x: end, y: y, style: .dim)
        case .prompt(.confirm, _):
            // The reason on this line, the question and its keys on the hint line below.
            let reason = Sanitizer.singleLine(state.pendingConfirmation?.reason ?? "")
            buf.put(reason, x: 0, y: y, maxWidth: layout.width, style: Style(fg: .yellow, bold: true))
        case .prompt(let kind, let text):
            // A long note scrolls: the end of what is typed stays in view.
            let label = kind.label + ": "
            let style = kind == .note ? Style(fg: .yellow, bold: true) : Style(bold: true)
            let x = buf.put(label, x: 0, y: y, style: style)
            let room = max(1, layout.width - x - 30)
            let shown = Sanitizer.singleLine(text)
            let tail = DisplayWidth.of(shown) > room ? "…" + String(shown.suffix(room - 1)) : shown
            let end = buf.put(tail, x: x, y: y, maxWidth: layout.width - x)
            buf.put("█", x: end, y: y, style: .dim)
            buf.put("  Enter saves · Esc cancels", x: end + 2, y: y, maxWidth: max(0, layout.width - end - 2), style: .dim)
        default:
            // The unread count keeps the right end of the line; a message takes the rest.
            let count = unreadCount(state)
            let cw = DisplayWidth.of(count)
            if !count.isEmpty {
                buf.put(count, x: max(0, layout.width - cw), y: y, style: Style(fg: .yellow, bold: true))
            }
            let room = max(0, layout.width - (cw > 0 ? cw + 1 : 0))
            if let s = state.status {
                // A message longer than the line goes on over the hint line (the keys come back
                // with the next key), so "…here is the current value; choose again" is never cut.
                let style = s.isError ? Style(fg: .red, bold: true) : Style(fg: .green)
                let lines = DisplayWidth.of(s.text) > room ? TextWrap.lines(s.text, width: max(10, room)) : [s.text]
                buf.put(lines[0], x: 0, y: y, maxWidth: room, style: style)
                if lines.count > 1 {
                    buf.put(lines.dropFirst().joined(separator: " "), x: 0, y: layout.hintRow, maxWidth: layout.width, style: style)
                    return
                }
            } else if let screen = state.notifications.screen {
                let n = screen.items.count
                buf.put(n == 0 ? "[notifications] none listed" : "[notifications] \(screen.selected + 1)/\(n)", x: 0, y: y, style: .dim)
            } else if let board = state.board, board.mode == .escalations {
                let n = board.rowCount
                buf.put(
                    n == 0 ? "[escalations] nothing listed" : "[escalations] \(board.selected + 1)/\(n)", x: 0, y: y, style: .dim)
            } else if let board = state.board {
                let listed = board.data?.tickets.count ?? 0
                let text = listed == 0 ? "[SLA board] no open tickets" : "[SLA board] \(board.selected + 1)/\(listed)"
                let more = (board.data?.total ?? 0) > listed ? " (the \(listed) most urgent of \(board.data!.total))" : ""
                buf.put(text + more, x: 0, y: y, style: .dim)
            } else {
                let pane = state.focus == .queue ? "queue" : "ticket"
                let plus = state.queue.totalIsLowerBound ? "+ (type more to narrow)" : ""
                let where_ = state.queue.total == 0 ? "no tickets" : "\(state.queue.selected + 1)/\(state.queue.total)\(plus)"
                buf.put("[\(pane)] \(where_)", x: 0, y: y, style: .dim)
            }
        }
        // A prompt holds the status row: a message that arrives meanwhile (a refused note) takes the hint row.
        if case .prompt = state.overlay, let s = state.status {
            buf.put(
                s.text, x: 0, y: layout.hintRow, maxWidth: layout.width, style: Style(fg: s.isError ? .red : .green, bold: true))
            return
        }
        if case .prompt(.confirm, _) = state.overlay {
            buf.fill(Rect(x: 0, y: layout.hintRow, width: layout.width, height: 1), style: Style(reverse: true))
            buf.put(
                " \(PromptKind.confirm.label)  y assign anyway  n or Esc cancel", x: 0, y: layout.hintRow,
                maxWidth: layout.width, style: Style(bold: true, reverse: true))
            return
        }
        // The tag prompt shows the tags there are (to remove one, type it with a leading -).
        if case .prompt(.tag, _) = state.overlay, let t = state.ticket.detail?.ticket {
            let tags = t.tagList.isEmpty ? "no tags yet" : "tags: " + Sanitizer.singleLine(t.tagList.joined(separator: ", "))
            buf.put(
                tags + " · a tag is one lower-case word · -tag removes it", x: 0, y: layout.hintRow, maxWidth: layout.width,
                style: .dim)
            return
        }
        buf.fill(Rect(x: 0, y: layout.hintRow, width: layout.width, height: 1), style: Style(reverse: true))
        // A crossed reply asks one question; its keys are the only ones that work until it is answered.
        if case .conflict? = state.reply?.step, Reducer.editorHasKeys(state) {
            buf.put(
                " y send anyway  e edit  d discard  Esc back", x: 0, y: layout.hintRow, maxWidth: layout.width,
                style: Style(reverse: true))
            return
        }
        buf.put(
            " " + Keymap.hintLine(hintContext(state)), x: 0,
            y: layout.hintRow, maxWidth: layout.width,
            style: Style(reverse: true))
    }
}

extension StatusBar {
    /// "@ 3 unread" while something waits for the agent, else nothing.
    static func unreadCount(_ state: AppState) -> String {
        let n = state.notifications.unread
        return n == 0 ? "" : "@ \(n) unread "
    }

    static func hintContext(_ state: AppState) -> KeyContext {
        if state.notifications.screen != nil { return .notifications }
        if state.board != nil { return .board }
        if Reducer.editorHasKeys(state) { return .editor }
        if let c = state.composer, c.open, c.draft.ticketId == state.ticket.detail?.ticket.id { return .composer }
        if state.focus == .queue { return .queue }
        return state.ticket.showEscalation ? .escalation : .ticket
    }
}

/// Shown instead of the panes when the terminal is smaller than 80x24.
enum TooSmallView {
    static func render(_ state: AppState, into buf: inout Buffer) {
        let lines = [
            "desk needs a terminal of at least \(AppState.minWidth)x\(AppState.minHeight).",
            "This one is \(state.width)x\(state.height).",
            "Enlarge the window, or press q to quit.",
        ]
        let top = max(0, state.height / 2 - 1)
        for (i, line) in lines.enumerated() {
            let w = DisplayWidth.of(line)
            buf.put(line, x: max(0, (state.width - w) / 2), y: top + i, style: i == 0 ? .bold : .plain)
        }
    }
}
