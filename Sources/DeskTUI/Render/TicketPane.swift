import DeskModel
import Foundation

/// The unified ticket view: a fixed header (ticket, customer, organisation) over the
/// scrollable conversation history.
enum TicketPane {
    static func render(_ state: AppState, layout: Layout, zone: TimeZone, into buf: inout Buffer) {
        let area = layout.ticket
        let x = area.x + 1
        let w = area.width - 1
        guard let d = state.ticket.detail else {
            let msg = "No ticket open: Enter opens the selected one."
            buf.put(msg, x: x, y: area.y + area.height / 2, maxWidth: w, style: .dim)
            return
        }
        let focused = state.focus == .ticket
        var y = area.y
        // Wrapped to the pane; what the layout could not make room for (a tiny pane) is cut last.
        for line in header(state, d, zone: zone, layout: layout).prefix(layout.ticketHeaderLines - 1) {
            buf.put(line, x: x, y: y, width: w)
            y += 1
        }
        y = area.y + layout.ticketHeaderLines - 1
        let rows = layout.historyRows
        if state.ticket.showEscalation {
            let panel = EscalationText.panel(d, now: state.now, zone: zone, width: w, citation: state.ticket.citation).lines
            let scroll = min(state.ticket.escalationScroll, max(0, panel.count - rows))
            // Where more is comes first: on a narrow pane the rule's end is cut.
            let more = [scroll > 0 ? "↑" : "", scroll + rows < panel.count ? "↓" : ""].filter { !$0.isEmpty }
            let rule =
                "── Escalation " + (more.isEmpty ? "" : more.joined(separator: " ") + " more · ") + "E back to the history "
            buf.put(
                rule + String(repeating: "─", count: max(0, w - DisplayWidth.of(rule))), x: x, y: y, maxWidth: w,
                style: focused ? Style(fg: .magenta, bold: true) : Style(fg: .gray))
            for (i, line) in panel.dropFirst(scroll).prefix(rows).enumerated() {
                buf.put(line, x: x, y: y + 1 + i, width: w)
            }
            return
        }
        let lines = state.ticket.lines
        let scroll = min(state.ticket.scroll, max(0, lines.count - rows))
        let messages = d.timeline.filter { $0.kind != .event }.count + d.earlierMessages
        var rule = "── History · \(messages) message\(messages == 1 ? "" : "s") "
        if scroll > 0 || state.ticket.laidFrom > 0 { rule += "· ↑ more " }
        if scroll + rows < lines.count { rule += "· ↓ more " }
        if let r = state.reply, r.ticketId == d.ticket.id, !r.focused, r.isMessage, !r.editor.isEmpty {
            rule += "· ✎ draft \(r.mode == .reply ? "reply" : "note") (\(r.wordCount) words): \(r.mode == .reply ? "r" : "n") "
        }
        let ruleStyle = focused ? Style(fg: .cyan, bold: true) : Style(fg: .gray)
        buf.put(
            rule + String(repeating: "─", count: max(0, w - DisplayWidth.of(rule))), x: x, y: y, maxWidth: w, style: ruleStyle)
        y += 1
        // A followed citation marks its message's header until another ticket or citation.
        let marked = state.ticket.markedMessage.flatMap { d.timelineIndex(ofMessage: $0) }.flatMap { i -> Int? in
            let k = i - state.ticket.laidFrom
            return state.ticket.entryStarts.indices.contains(k) ? state.ticket.entryStarts[k] : nil
        }
        for i in 0..<rows where scroll + i < lines.count {
            var line = lines[scroll + i]
            if scroll + i == marked {
                buf.fill(Rect(x: x, y: y + i, width: w, height: 1), style: .reverse)
                line = line.map { Span($0.text, Style(fg: $0.style.fg, bold: true, reverse: true)) }
            }
            buf.put(line, x: x, y: y + i, width: w)
        }
    }

    /// The fixed header, line by line, each wrapped to the pane (tags, the customer's zone and the
    /// suggestions are never cut); at least `baseHeaderLines - 1` lines (the rule follows). Its
    /// length sets `Layout.ticketHeaderLines` (`Reducer.fitTicketHeader`).
    static func header(_ state: AppState, _ d: TicketDetail, zone: TimeZone, layout: Layout) -> [StyledLine] {
        let width = layout.historyWidth
        let rows = layout.customerTicketRows
        let t = d.ticket
        var groups: [HeaderGroup] = []
        // A logical line, wrapped when there is room; `rank`: which wrap first (suggestions, tags, the zone).
        func add(_ line: StyledLine, rank: Int) {
            groups.append(HeaderGroup(line: StyledWrap.plain(line), wrapped: StyledWrap.lines(line, width: width, indent: 2), rank: rank))
        }
        func fixed(_ line: StyledLine) { groups.append(HeaderGroup(line: line, wrapped: [line], rank: 0)) }
        fixed([Span("#\(t.id ?? 0) ", Style(fg: .cyan, bold: true)), Span(Sanitizer.singleLine(t.subject), .bold)])
        var facts: StyledLine = [
            Span(t.status.rawValue, statusStyle(t.status)), Span(" · "),
            Span(t.priority.rawValue, t.priority >= .high ? Style(fg: .red, bold: true) : .plain),
            Span(" · \(t.channel.rawValue)"),
        ]
        if let b = d.branch { facts.append(Span(" · \(Sanitizer.singleLine(b.name)) (\(b.tier.label))")) }
        facts.append(
            Span(
                " · " + (d.assignee.map { "owner \(Sanitizer.singleLine($0.name))" } ?? "unassigned"),
                d.assignee == nil ? Style(fg: .yellow) : .plain))
        facts.append(Span(" · opened \(TimeText.age(state.now - t.createdAt.dbSeconds)) ago", .dim))
        add(facts, rank: 4)

        // Who else is here, why the ticket is in this branch, and its tags.
        var why: StyledLine = []
        for p in state.ticket.presence {
            let text = "● \(Sanitizer.singleLine(p.name)) \(p.writing ? "is writing" : "is here") · "
            why.append(Span(text, Style(fg: p.writing ? .yellow : .green, bold: true)))
        }
        if let merged = t.mergedIntoId { why.append(Span("merged into #\(merged) · ", Style(fg: .magenta, bold: true))) }
        switch t.routedBy {
        case nil: why.append(Span("not routed", .dim))
        case "default"?: why.append(Span("routed to the default branch (no rule matched)", .dim))
        case "moved by hand"?: why.append(Span("moved here by hand", .dim))
        case let how? where how.contains("escalation #"): why.append(Span(Sanitizer.singleLine(how), Style(fg: .magenta)))
        case let rule?:
            why.append(contentsOf: [Span("routed by rule ", .dim), Span("`\(Sanitizer.singleLine(rule))`", Style(fg: .cyan))])
        }
        if let area = t.productArea { why.append(Span(" · area: \(Sanitizer.singleLine(area))", .dim)) }
        if !t.tags.isEmpty { why.append(Span(" · tags: \(Sanitizer.singleLine(t.tagList.joined(separator: ", ")))", .dim)) }
        add(why, rank: 2)

        let c = d.customer
        var who: StyledLine = [
            Span(Sanitizer.singleLine(c.name), .bold), Span(" <\(Sanitizer.singleLine(c.email))>", .dim),
            Span(" · "), Span(c.tier.rawValue.uppercased(), tierStyle(c.tier)),
        ]
        if let o = d.organization { who.append(Span(" · \(Sanitizer.singleLine(o.name))")) }
        add(who, rank: 5)
        var more: StyledLine = []
        more.append(Span(d.accountOwner.map { "account owner \(Sanitizer.singleLine($0.name))" } ?? "no account owner", .plain))
        let customerZone = TimeZone(identifier: c.timeZone) ?? zone
        more.append(Span(" · local time \(String(TimeText.stamp(state.now, zone: customerZone).suffix(5))) \(c.timeZone)"))
        add(more, rank: 3)

        // The customer's other tickets, and whether this one repeats a recent one.
        let open = d.customerTickets.filter { $0.status.isActive }.count
        var history: StyledLine = [
            Span(
                d.customerTicketCount == 0
                    ? "no other open or recent tickets"
                    : "\(d.customerTicketCount) other ticket\(d.customerTicketCount == 1 ? "" : "s") (open or last 90 days), \(open) open",
                .dim)
        ]
        if let other = d.repeatOf {
            history.insert(Span("⟲ REPEATED TICKET (#\(other)) · ", Style(fg: .red, bold: true)), at: 0)
        }
        if !d.links.isEmpty {
            history.append(
                Span(" · linked: " + d.links.prefix(4).map { "#\($0.id) (\($0.relation ?? ""))" }.joined(separator: ", "), .dim))
        }
        add(history, rank: 6)
        for r in d.customerTickets.prefix(rows) {
            var line: StyledLine = [Span("  #\(r.id) ", Style(fg: .cyan)), Span(r.status.rawValue, statusStyle(r.status))]
            if r.repeated { line.append(Span(" ⟲", Style(fg: .red, bold: true))) }
            line.append(Span(" \(Sanitizer.singleLine(r.subject))"))
            line.append(Span(" · \(TimeText.age(state.now - r.createdAt)) ago", .dim))
            fixed(line)
        }
        // The customer's other tickets (a tall terminal) keep their rows, listed or not.
        for _ in d.customerTickets.prefix(rows).count..<rows { fixed([]) }
        // Undelivered mail first (it needs action), then the escalation slot, then suggestions on their own line.
        var slots: StyledLine = []
        if let error = d.undeliveredMail.last {
            // A bounce is the customer's address refusing it: retrying the same address won't help.
            let next = error.hasPrefix("bounced:") ? "check the address, reply again" : "desk outbox retry"
            slots.append(
                Span(
                    "✉ \(d.undeliveredMail.count) REPLY NOT MAILED: \(Sanitizer.singleLine(error)) (\(next)) · ",
                    Style(fg: .red, bold: true)))
        }
        slots += EscalationText.line(d.escalation, severity: t.severity, now: state.now)
        var suggestions: StyledLine = [Span("suggested: ", .dim)]
        if state.suggestionsFor == t.id {
            // Each key stays with its template's name when the line wraps.
            suggestions += SuggestionText.line(state.suggestions, keys: "", width: max(20, width - 11)).map {
                $0.text.count <= 3 && $0.text.hasSuffix(" ") && $0.text.first?.isNumber == true
                    ? Span(String($0.text.dropLast()) + String(StyledWrap.noBreakSpace), $0.style) : $0
            }
        } else {
            suggestions.append(Span("…", .dim))
        }
        if layout.slaPanel {
            var panel = SLAText.panel(d.sla, now: state.now, zone: zone)
            while panel.count < 5 { panel.append([]) }
            for line in panel { add(line, rank: 7) }
        } else {
            add(SLAText.line(d.sla, now: state.now, zone: zone), rank: 7)
        }
        add(slots, rank: 8)
        add(suggestions, rank: 1)
        let room = layout.baseHeaderLines - 1 + layout.maxHeaderExtra
        if groups.count > room, !layout.slaPanel, groups.count >= 3 {
            // Too short for a line each (a short terminal while writing): SLA, escalation and
            // suggestions share one, as far as it goes.
            let shared = groups.suffix(3).map(\.line)
            groups.removeLast(3)
            fixed(shared[0] + [Span(" │ ", .dim)] + shared[1] + [Span(" · ", .dim)] + shared[2])
        }
        var out = HeaderGroup.fit(groups, lines: room)
        while out.count < layout.baseHeaderLines - 1 { out.append([]) }
        return out
    }

    static func statusStyle(_ s: TicketStatus) -> Style {
        switch s {
        case .new: Style(fg: .cyan, bold: true)
        case .open: Style(fg: .green, bold: true)
        case .pending: Style(fg: .yellow)
        case .onHold: Style(fg: .magenta)
        case .solved, .closed: .dim
        }
    }

    static func tierStyle(_ t: CustomerTier) -> Style {
        switch t {
        case .vip, .strategic: Style(fg: .magenta, bold: true)
        case .priority: Style(fg: .yellow)
        case .standard: .dim
        }
    }
}

/// One logical line of the ticket header, and the same wrapped to the pane.
struct HeaderGroup {
    let line: StyledLine
    let wrapped: [StyledLine]
    /// Lower wraps first when not every line can.
    let rank: Int

    /// Every group on one line (cut at the pane's edge), then wrapped, lowest rank first, while
    /// the total stays within `lines`.
    static func fit(_ groups: [HeaderGroup], lines: Int) -> [StyledLine] {
        var wrap = Set<Int>()
        var total = groups.count
        for i in groups.indices.sorted(by: { groups[$0].rank < groups[$1].rank }) where groups[i].wrapped.count > 1 {
            let more = groups[i].wrapped.count - 1
            if total + more <= lines {
                wrap.insert(i)
                total += more
            }
        }
        return groups.indices.flatMap { wrap.contains($0) ? groups[$0].wrapped : [groups[$0].line] }
    }
}

/// The `?` overlay, generated from the keymap table.
enum HelpOverlay {
    static func lines() -> [StyledLine] {
        var out: [StyledLine] = []
        for (ctx, rows) in Keymap.helpSections {
            out.append([Span(ctx.rawValue, Style(fg: .cyan, bold: true))])
            for (keys, help) in rows { out.append([Span("  " + DisplayWidth.pad(keys, to: 18), .bold), Span(help)]) }
            out.append([])
        }
        out.append([Span("Command line", Style(fg: .cyan, bold: true))])
        for (c, h) in ConsoleCommands.all { out.append([Span("  :" + DisplayWidth.pad(c, to: 30), .bold), Span(h)]) }
        return out
    }

    static func render(scroll: Int, into buf: inout Buffer) {
        let w = min(buf.width - 4, 84)
        let h = buf.height - 4
        let rect = Rect(x: (buf.width - w) / 2, y: 2, width: w, height: h)
        Box.draw(rect, title: " Help — keys ", footer: " j/k scroll · Esc, q or ? closes ", into: &buf)
        let all = lines()
        let inner = h - 2
        let start = min(scroll, max(0, all.count - inner))
        for i in 0..<inner where start + i < all.count {
            buf.put(all[start + i], x: rect.x + 2, y: rect.y + 1 + i, width: w - 4)
        }
    }
}
