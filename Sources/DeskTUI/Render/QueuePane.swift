import DeskModel

/// The ticket queue: a windowed table whose columns adapt to the pane width.
enum QueuePane {
    static func render(_ state: AppState, layout: Layout, into buf: inout Buffer) {
        let area = layout.queue
        let q = state.queue
        let columns = Columns(width: area.width)
        let slaHeader = (q.query.sort == .sla ? "▲" : "") + SLAText.cellHeader
        let header = line(
            id: "#", pri: "P", status: "Status", sla: slaHeader, subject: "Subject",
            customer: "Customer", assignee: "Owner", age: "Age", last: "Last", columns)
        buf.put(header, x: area.x, y: area.y, maxWidth: area.width, style: Style(bold: true, underline: true))
        if q.loaded && q.total == 0 {
            let msg = q.query.filter.isEmpty ? "No tickets in this view." : "No tickets match the filter."
            buf.put(msg, x: area.x + 1, y: area.y + 2, maxWidth: area.width - 1, style: .dim)
            return
        }
        for i in 0..<layout.queueRows {
            let index = q.scrollTop + i
            guard index < q.total, let row = q.row(at: index) else { break }
            let y = area.y + 1 + i
            let sla = SLAText.cell(row.sla, now: state.now)
            let text = line(
                id: String(row.id), pri: priorityMark(row.priority), status: row.status.rawValue, sla: sla.text,
                subject: Sanitizer.singleLine(row.subject), customer: Sanitizer.singleLine(row.customerName),
                assignee: row.assignee ?? "—", age: TimeText.age(state.now - row.createdAt),
                last: TimeText.age(state.now - row.updatedAt), columns)
            var style = rowStyle(row)
            if index == q.selected {
                style = state.focus == .queue ? Style(fg: .black, bg: .cyan, bold: true) : Style(reverse: true)
            }
            buf.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            buf.put(text, x: area.x, y: y, maxWidth: area.width, style: style)
            // The countdown keeps its state colour, except on the highlighted row.
            if index != q.selected || state.focus != .queue {
                buf.put(rightAligned(sla.text, slaWidth), x: area.x + slaX, y: y, style: sla.style)
            }
        }
    }

    static func priorityMark(_ p: TicketPriority) -> String {
        switch p {
        case .urgent: "!!"
        case .high: "!"
        case .normal: ""
        case .low: "↓"
        }
    }

    static func rowStyle(_ row: QueueRow) -> Style {
        switch (row.status, row.priority) {
        case (.new, _): return Style(bold: true)
        case (_, .urgent): return Style(fg: .red)
        case (.solved, _), (.closed, _): return Style(dim: true)
        default: return .plain
        }
    }

    static func rightAligned(_ text: String, _ width: Int) -> String {
        let t = String(text.suffix(width))
        return String(repeating: " ", count: max(0, width - t.count)) + t
    }

    /// Where the SLA column starts, and its width ("▲Due in", "-12h05").
    static let slaX = 6 + 1 + 2 + 1 + 7 + 1
    static let slaWidth = 7

    /// Which optional columns a pane this wide shows. "Last" (since the last activity: a reply
    /// resets it) from 50 columns, the owner from 58, the customer from 70, and "Age" (since the
    /// ticket was opened) beside "Last" from 72, the customer a little narrower then: below that
    /// the subject needs the room.
    struct Columns {
        let width: Int
        var last: Bool { width >= 50 }
        var owner: Bool { width >= 58 }
        var customer: Bool { width >= 70 }
        var age: Bool { width >= 72 }
        var customerWidth: Int { age ? 10 : 12 }
    }

    /// One fixed-width row; the subject takes whatever the other columns leave.
    static func line(
        id: String, pri: String, status: String, sla: String, subject: String, customer: String,
        assignee: String, age: String, last: String, _ c: Columns
    ) -> String {
        let fixed =
            slaX + slaWidth + 1 + (c.customer ? c.customerWidth + 1 : 0) + (c.owner ? 6 + 1 : 0) + (c.age ? 4 + 1 : 0)
            + (c.last ? 4 : 0)
        let subjectWidth = max(4, c.width - fixed - 1)
        var s = rightAligned(id, 6) + " "
        s += DisplayWidth.pad(pri, to: 2) + " " + DisplayWidth.pad(status, to: 7) + " "
        s += rightAligned(sla, slaWidth) + " "
        s += DisplayWidth.pad(subject, to: subjectWidth) + " "
        if c.customer { s += DisplayWidth.pad(customer, to: c.customerWidth) + " " }
        if c.owner { s += DisplayWidth.pad(assignee, to: 6) + " " }
        if c.age { s += rightAligned(age, 4) + " " }
        if c.last { s += rightAligned(last, 4) }
        return s
    }
}
