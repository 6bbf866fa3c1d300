import DeskModel

/// The escalation panel as the receiver's package reader: scrolling it, selecting a cited
/// message (`]` / `[`) and following the citation into the history (Enter).
extension Reducer {
    /// The panel's lines at the pane's width now (what render draws).
    static func panelLines(_ state: AppState) -> EscalationText.Panel? {
        guard let d = state.ticket.detail else { return nil }
        return EscalationText.panel(
            d, now: state.now, zone: state.zone, width: state.layout.historyWidth, citation: state.ticket.citation)
    }

    static func scrollPanel(_ state: inout AppState, _ command: Command) {
        guard let panel = panelLines(state) else { return }
        let rows = state.layout.historyRows
        let last = max(0, panel.lines.count - rows)
        let current = min(state.ticket.escalationScroll, last)
        state.ticket.escalationScroll = command.moved(current, page: max(1, rows - 1), last: last) ?? last
    }

    /// Selects the next or previous cited message (wrapping round) and scrolls it into view.
    static func selectCitation(_ state: inout AppState, forward: Bool) {
        guard let pkg = state.ticket.detail?.escalation.package else {
            state.status = StatusMessage(text: "no escalation package on this ticket", isError: false)
            return
        }
        let cited = PackageOutline(pkg).citedMessages
        guard !cited.isEmpty else {
            state.status = StatusMessage(text: "the package cites no message", isError: false)
            return
        }
        let i = state.ticket.citation.flatMap { cited.firstIndex(of: $0) }
        let next = i.map { (forward ? $0 + 1 : $0 - 1 + cited.count) % cited.count } ?? (forward ? 0 : cited.count - 1)
        state.ticket.citation = cited[next]
        if let line = panelLines(state)?.citationLines[cited[next]] {
            let rows = state.layout.historyRows
            let s = state.ticket.escalationScroll
            if line < s || line >= s + rows { state.ticket.escalationScroll = max(0, line - rows / 3) }
        }
        state.status = StatusMessage(
            text: "[#\(cited[next])] selected (\(next + 1) of \(cited.count) cited) · Enter shows it in the history",
            isError: false)
    }

    /// Enter on a selected citation: the history comes back scrolled to that message, marked.
    static func followCitation(_ state: inout AppState) {
        guard let n = state.ticket.citation else {
            state.status = StatusMessage(text: "select a cited message first: ] next, [ previous", isError: false)
            return
        }
        guard let d = state.ticket.detail, let index = d.timelineIndex(ofMessage: n) else {
            state.status = StatusMessage(
                text: "message #\(n) is older than the \(TicketDetail.timelineWindow) messages loaded", isError: true)
            return
        }
        let layout = state.layout
        if index < state.ticket.laidFrom {
            state.ticket.layOut(width: layout.historyWidth, zone: state.zone, rows: layout.historyRows, from: index)
        }
        state.ticket.showEscalation = false
        state.ticket.markedMessage = n
        state.ticket.scroll = state.ticket.entryStarts[index - state.ticket.laidFrom]
        clampTicketScroll(&state)
        state.status = StatusMessage(text: "message #\(n), cited in the package · E back to the package", isError: false)
    }
}
