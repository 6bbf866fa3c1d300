import DeskModel

/// The ticket queue: a windowed table whose columns adapt to the pane width.
enum QueuePane {
    static func render(_ state: AppState, layout: Layout, into buf: inout Buffer) {
        let area = layout.queue
        let q = state.queue
        let showPeople = area.width >= 58
        let header = line(
            id: "#", pri: "P", status: "Status", subject: "Subject", customer: "Customer",
            assignee: "Owner", age: "Age", width: area.width, showPeople: showPeople)
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
            let text = line(
                id: String(row.id), pri: priorityMark(row.priority), status: row.status.rawValue,
                subject: Sanitizer.singleLine(row.subject), customer: Sanitizer.singleLine(row.customerName),
                assignee: row.assignee ?? "—", age: TimeText.age(state.now - row.updatedAt),
                width: area.width, showPeople: showPeople)
            var style = rowStyle(row)
            if index == q.selected {
                style = state.focus == .queue ? Style(fg: .black, bg: .cyan, bold: true) : Style(reverse: true)
            }
            buf.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            buf.put(text, x: area.x, y: y, maxWidth: area.width, style: style)
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

    /// One fixed-width row; the subject takes whatever the other columns leave.
    static func line(
        id: String, pri: String, status: String, subject: String, customer: String,
        assignee: String, age: String, width: Int, showPeople: Bool
    ) -> String {
        let fixed = 6 + 1 + 2 + 1 + 7 + 1 + 4 + (showPeople ? 12 + 1 + 6 + 1 : 0)
        let subjectWidth = max(4, width - fixed - 1)
        var s = rightAligned(id, 6) + " "
        s += DisplayWidth.pad(pri, to: 2) + " " + DisplayWidth.pad(status, to: 7) + " "
        s += DisplayWidth.pad(subject, to: subjectWidth) + " "
        if showPeople { s += DisplayWidth.pad(customer, to: 12) + " " + DisplayWidth.pad(assignee, to: 6) + " " }
        s += rightAligned(age, 4)
        return s
    }
}
