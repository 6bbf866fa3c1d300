import DeskModel

/// Where the parts of the SLA board go; shared by reduce (page size) and render.
struct BoardLayout {
    let width: Int
    let height: Int

    /// Rows of the branch and agent tables below their headers.
    var tableRows: Int { height >= 34 ? 8 : 4 }
    var tablesY: Int { 1 }
    /// The ticket list's header, after the tables and a blank line.
    var listHeaderY: Int { tablesY + 1 + tableRows + 1 }
    var ticketRows: Int { max(1, height - 2 - listHeaderY - 1) }
    /// The agent table starts halfway across.
    var agentsX: Int { width / 2 + 1 }
    /// Branch rows above the "all" total.
    var branchRoom: Int { tableRows - 1 }
}

/// The lead's SLA board: per-branch and per-agent counts side by side, then the unsolved
/// tickets nearest to breach.
enum BoardScreen {
    static func render(_ state: AppState, _ board: BoardState, layout: Layout, into buf: inout Buffer) {
        if board.mode == .escalations {
            EscalationBoardScreen.render(state, board, into: &buf)
            return
        }
        let b = BoardLayout(width: state.width, height: state.height)
        title(state, board, into: &buf)
        guard let data = board.data else {
            buf.put("Loading the SLA board…", x: 1, y: b.listHeaderY, style: .dim)
            return
        }
        let half = b.agentsX - 1
        loadTable(
            "Branch", data.branches, total: data.totals, x: 0, y: b.tablesY, width: half - 1, rows: b.tableRows,
            unnamed: "(no branch)", scroll: board.branches, focused: board.part == .branches, into: &buf)
        for y in b.tablesY..<(b.tablesY + 1 + b.tableRows) { buf.put("│", x: half, y: y, style: Style(fg: .gray)) }
        loadTable(
            "Agent", data.agents, total: nil, x: b.agentsX, y: b.tablesY, width: state.width - b.agentsX, rows: b.tableRows,
            unnamed: "unassigned", scroll: board.agents, focused: board.part == .agents, into: &buf)
        tickets(state, board, data, b, into: &buf)
    }

    static func title(_ state: AppState, _ board: BoardState, into buf: inout Buffer) {
        let style = Style(fg: .white, bg: .magenta, bold: true)
        buf.fill(Rect(x: 0, y: 0, width: state.width, height: 1), style: style)
        var left = " SLA board · " + (board.filter.branch.map(Sanitizer.singleLine) ?? "all branches")
        left += " · " + (board.filter.tier.map { "\($0.rawValue) customers" } ?? "all tiers")
        if let data = board.data { left += " · \(data.total) open" }
        let right = "live · \(state.agent.handle) · \(TimeText.clock(state.now, zone: state.zone)) "
        let rw = DisplayWidth.of(right)
        buf.put(left, x: 0, y: 0, maxWidth: max(0, state.width - rw - 1), style: style)
        buf.put(right, x: max(0, state.width - rw), y: 0, style: style)
    }

    /// "Branch  open breached risk paused" with the worst first; a total row when given. A table
    /// longer than its rows ends in "+N more" (the rest summed); Tab focuses it and j/k scroll it.
    static func loadTable(
        _ label: String, _ loads: [SLALoad], total: SLALoad?, x: Int, y: Int, width: Int, rows: Int, unnamed: String,
        scroll: TableScroll, focused: Bool, into buf: inout Buffer
    ) {
        // Narrow tables (an 80-column terminal) get shorter headers, so names keep some room.
        let cell = width >= 50 ? 9 : 7
        let nameWidth = max(6, width - 4 * cell)
        func row(_ name: String, _ cells: [String], abbreviate: Bool = true) -> String {
            (abbreviate ? abbreviated(name, to: nameWidth) : DisplayWidth.pad(name, to: nameWidth))
                + cells.map { QueuePane.rightAligned($0, cell) }.joined()
        }
        let headers = cell == 9 ? ["open", "breached", "at risk", "paused"] : ["open", "breach", "risk", "paused"]
        let room = total == nil ? rows : rows - 1
        var scroll = scroll
        scroll.clamp(count: loads.count, room: room)
        // ↑ in the header when rows are scrolled off the top; "+N more" says what follows.
        let shown = TableScroll.shown(count: loads.count, room: room, top: scroll.top)
        let title = scroll.top > 0 ? label + " ↑" : label
        let headerStyle = focused ? Style(fg: .cyan, bold: true, underline: true) : Style(bold: true, underline: true)
        buf.put(row(title, headers, abbreviate: false), x: x, y: y, maxWidth: width, style: headerStyle)
        var lines: [(String, SLALoad, Style, Bool)] = []
        for i in scroll.top..<(scroll.top + shown) {
            let l = loads[i]
            lines.append((l.name.map(Sanitizer.singleLine) ?? unnamed, l, l.name == nil ? .dim : .plain, focused && i == scroll.selected))
        }
        if scroll.top + shown < loads.count {
            var rest = SLALoad(name: nil)
            for l in loads[(scroll.top + shown)...] { rest.add(l) }
            // Unfocused, it says how to see them when there is room: "+7 more · Tab".
            let more = "+\(loads.count - scroll.top - shown) more"
            let hinted = [more + " · Tab to scroll", more + " · Tab", more + " Tab"].first {
                !focused && DisplayWidth.of($0) <= nameWidth
            }
            lines.append((hinted ?? more, rest, .dim, false))
        }
        if let total { lines.append(("all", total, .bold, false)) }
        for (i, (name, load, style, selected)) in lines.enumerated() {
            if selected {
                let text = row(name, ["\(load.open)", "\(load.breached)", "\(load.atRisk)", "\(load.paused)"])
                buf.put(text, x: x, y: y + 1 + i, maxWidth: width, style: Style(fg: .black, bg: .cyan, bold: true))
                continue
            }
            buf.put(row(name, ["\(load.open)", "", "", ""]), x: x, y: y + 1 + i, maxWidth: width, style: style)
            counts(load, x: x + nameWidth + cell, y: y + 1 + i, cell: cell, into: &buf)
        }
    }

    /// A name cut to `width` keeping its last word, which tells branches apart ("Technical L1"
    /// and "Technical L2" in eleven columns: "Technic… L1", not "Technical …" twice).
    static func abbreviated(_ name: String, to width: Int) -> String {
        guard DisplayWidth.of(name) > width, let space = name.lastIndex(of: " ") else { return DisplayWidth.pad(name, to: width) }
        let last = String(name[name.index(after: space)...])
        let headRoom = width - DisplayWidth.of(last) - 2  // "…" and the space
        guard headRoom >= 2 else { return DisplayWidth.pad(name, to: width) }
        let head = DisplayWidth.truncate(String(name[..<space]), to: headRoom, ellipsis: false)
        return DisplayWidth.pad(head + "… " + last, to: width)
    }

    /// Breached red, at risk yellow, paused dim; zeros dim.
    static func counts(_ load: SLALoad, x: Int, y: Int, cell: Int, into buf: inout Buffer) {
        let cells: [(Int, Style)] = [
            (load.breached, Style(fg: .red, bold: true)), (load.atRisk, Style(fg: .yellow, bold: true)), (load.paused, .dim),
        ]
        for (i, (n, style)) in cells.enumerated() {
            buf.put(QueuePane.rightAligned("\(n)", cell), x: x + i * cell, y: y, style: n == 0 ? .dim : style)
        }
    }

    static func tickets(_ state: AppState, _ board: BoardState, _ data: SLABoard, _ b: BoardLayout, into buf: inout Buffer) {
        let wide = state.width >= 110
        func line(
            _ id: String, _ sla: String, _ target: String, _ pri: String, _ status: String, _ subject: String,
            _ customer: String, _ branch: String, _ owner: String
        ) -> String {
            let people = wide ? 14 + 1 + 12 + 1 + 8 : 8
            let fixed = 6 + 1 + QueuePane.slaWidth + 1 + 15 + 1 + 2 + 1 + 7 + 1 + people
            var s = QueuePane.rightAligned(id, 6) + " " + QueuePane.rightAligned(sla, QueuePane.slaWidth) + " "
            s +=
                DisplayWidth.pad(target, to: 15) + " " + DisplayWidth.pad(pri, to: 2) + " " + DisplayWidth.pad(status, to: 7)
                + " "
            s += DisplayWidth.pad(subject, to: max(4, state.width - fixed - 1)) + " "
            if wide { s += DisplayWidth.pad(customer, to: 14) + " " + DisplayWidth.pad(branch, to: 12) + " " }
            return s + DisplayWidth.pad(owner, to: 8)
        }
        buf.put(
            line("#", SLAText.cellHeader, "target", "P", "Status", "Subject", "Customer", "Branch", "Owner"), x: 0, y: b.listHeaderY,
            maxWidth: state.width, style: Style(bold: true, underline: true))
        if data.tickets.isEmpty {
            buf.put("No unsolved tickets here.", x: 1, y: b.listHeaderY + 1, style: .dim)
            return
        }
        for i in 0..<b.ticketRows {
            let index = board.scrollTop + i
            guard index < data.tickets.count else { break }
            let t = data.tickets[index]
            let y = b.listHeaderY + 1 + i
            let sla = SLAText.cell(t.sla, now: state.now)
            let target = t.sla.target?.label ?? (t.sla.paused ? "paused" : "—")
            let text = line(
                String(t.id), sla.text, target, QueuePane.priorityMark(t.priority), t.status.rawValue,
                Sanitizer.singleLine(t.subject), Sanitizer.singleLine(t.customerName),
                Sanitizer.singleLine(t.branch ?? "—"), Sanitizer.singleLine(t.assignee ?? "—"))
            let selected = index == board.selected
            let style = selected ? Style(fg: .black, bg: .cyan, bold: true) : .plain
            buf.fill(Rect(x: 0, y: y, width: state.width, height: 1), style: style)
            buf.put(text, x: 0, y: y, maxWidth: state.width, style: style)
            if !selected { buf.put(QueuePane.rightAligned(sla.text, QueuePane.slaWidth), x: 7, y: y, style: sla.style) }
        }
    }
}
