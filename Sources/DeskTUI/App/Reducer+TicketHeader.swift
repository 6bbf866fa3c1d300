import DeskModel

/// The ticket header grows by the lines its wrapped facts need (tags, the customer's zone,
/// suggestions on their own line), taken from the history; refitted whenever what it shows changes.
extension Reducer {
    static func fitTicketHeader(_ state: inout AppState) {
        guard let d = state.ticket.detail else {
            state.ticket.headerExtra = 0
            state.ticket.headerExtraWriting = 0
            return
        }
        let atEnd = state.ticket.scroll >= state.ticket.lines.count - state.layout.historyRows
        for writing in [false, true] {
            let base = Layout(width: state.width, height: state.height, writing: writing)
            let lines = TicketPane.header(state, d, zone: state.zone, layout: base).count
            let extra = max(0, lines + 1 - base.baseHeaderLines)
            if writing { state.ticket.headerExtraWriting = extra } else { state.ticket.headerExtra = extra }
        }
        // A reader at the newest message stays there when the history gives up rows.
        if atEnd { state.ticket.scroll = Int.max }
        clampTicketScroll(&state)
    }
}
