import DeskModel

/// Where the notifications list goes; shared by reduce (page size) and render.
struct NotificationsLayout {
    let width: Int
    let height: Int
    /// Rows of the list: all but the title, the column header, the status and hint lines.
    var rows: Int { max(1, height - 4) }
    var listY: Int { 2 }
}

/// What concerns the agent, newest first: unread ones marked, each with its ticket and what
/// happened ("ada assigned you", "Nora Quist wrote", "first reply due in 20m").
enum NotificationsScreen {
    static func render(_ state: AppState, _ screen: NotificationsScreenState, into buf: inout Buffer) {
        let l = NotificationsLayout(width: state.width, height: state.height)
        let style = Style(fg: .white, bg: .blue, bold: true)
        buf.fill(Rect(x: 0, y: 0, width: state.width, height: 1), style: style)
        let left =
            " Notifications · \(state.notifications.unread) unread"
            + (screen.unreadOnly ? " · showing unread only" : " · showing all, newest first")
        let right = "\(state.agent.handle) · \(TimeText.clock(state.now, zone: state.zone)) "
        let rw = DisplayWidth.of(right)
        buf.put(left, x: 0, y: 0, maxWidth: max(0, state.width - rw - 1), style: style)
        buf.put(right, x: max(0, state.width - rw), y: 0, style: style)
        guard screen.loaded else {
            buf.put("Loading notifications…", x: 1, y: l.listY, style: .dim)
            return
        }
        guard !screen.items.isEmpty else {
            buf.put(
                screen.unreadOnly ? "Nothing unread. u shows all." : "Nothing yet: what concerns you will show here.",
                x: 1, y: l.listY, style: .dim)
            return
        }
        let kindWidth = state.width >= 100 ? 19 : 16
        buf.put(
            "  when          #ticket  " + "what".padding(toLength: kindWidth, withPad: " ", startingAt: 0) + " ",
            x: 0, y: 1, maxWidth: state.width, style: .dim)
        for row in 0..<l.rows {
            let i = screen.scrollTop + row
            guard i < screen.items.count else { break }
            let n = screen.items[i]
            let y = l.listY + row
            let selected = i == screen.selected
            let base = selected ? Style(reverse: true) : n.isRead ? Style.dim : .plain
            if selected { buf.fill(Rect(x: 0, y: y, width: state.width, height: 1), style: base) }
            var x = buf.put(n.isRead ? "  " : "● ", x: 0, y: y, style: selected ? base : Style(fg: .yellow, bold: true))
            x = buf.put(TimeText.stamp(n.createdAt, zone: state.zone).padding(toLength: 13, withPad: " ", startingAt: 0) + " ", x: x, y: y, style: base)
            x = buf.put(("#\(n.ticketId)").padding(toLength: 8, withPad: " ", startingAt: 0) + " ", x: x, y: y, style: base)
            var kindStyle = base
            if !selected { kindStyle = Style(fg: color(n.kind), bold: !n.isRead) }
            x = buf.put(
                String(n.kind.label.prefix(kindWidth)).padding(toLength: kindWidth, withPad: " ", startingAt: 0) + " ", x: x, y: y,
                style: kindStyle)
            let what = Sanitizer.singleLine(n.text) + " · " + Sanitizer.singleLine(n.subject)
            buf.put(what, x: x, y: y, maxWidth: max(0, state.width - x), style: base)
        }
    }

    static func color(_ kind: NotificationKind) -> Color {
        switch kind {
        case .slaAtRisk, .replyBounced, .escalationReturned: .red
        case .mentioned, .customerReplied: .cyan
        case .escalatedToYou, .escalatedToBranch, .escalationAccepted: .magenta
        case .assigned: .green
        }
    }
}
