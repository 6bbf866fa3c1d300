import DeskModel

/// Idle-time work: when no key is waiting, load what the next key will probably need — a wider
/// queue window around the cursor and the ticket under it — so PgDn and Enter rarely wait on the
/// database. Presence is announced here too, so opening a ticket never waits on that write.
/// Apart from presence, everything here is an optimisation: dropping it changes timing, never what is shown.
extension Reducer {
    /// Pages of margin idle prefetch keeps loaded on each side of the visible rows.
    static let prefetchMarginPages = 2

    /// What idle time would load now; empty when there is nothing to do (the loop then sleeps).
    public static func prefetchEffects(_ state: AppState) -> [Effect] {
        let presence = presenceAnnouncement(state).map { [$0] } ?? []
        guard !state.isTooSmall, state.overlay == .none else { return presence }
        var effects: [Effect] = []
        let q = state.queue
        let visible = state.layout.queueRows
        if q.loaded, q.prefetchedAt != q.scrollTop {
            let start = max(0, q.scrollTop - prefetchMarginPages * visible)
            let end = min(q.total, q.scrollTop + (prefetchMarginPages + 1) * visible)
            if start < q.windowStart || end > q.windowStart + q.rows.count {
                effects.append(
                    .loadQueue(
                        q.query, offset: start, limit: end - start, count: false,
                        anchor: start > 0 ? q.row(at: start - 1).map { .after($0, in: q.query) } : nil,
                        total: q.total))
            }
        }
        if state.focus == .queue, let row = q.selectedRow, state.ticket.detail?.ticket.id != row.id,
            state.preloadedId != row.id
        {
            effects.append(.preloadTicket(id: row.id))
        }
        return effects + presence
    }

    /// Whether idle time has anything to do: effects to run, or history still to lay out.
    public static func hasIdleWork(_ state: AppState) -> Bool {
        (state.reply?.dirty == true && state.reply?.isMessage == true) || state.replyLoadPending != nil
            || state.ticket.laidFrom > 0 || (state.preloaded?.laidFrom ?? 0) > 0 || !prefetchEffects(state).isEmpty
    }

    static func idle(_ state: inout AppState) -> [Effect] {
        // A pause in typing: the draft is saved (it survives a kill -9); a ticket just shown gets
        // its draft and suggestions, after the key that opened it was answered.
        var first = saveDraft(&state)
        if let id = state.replyLoadPending {
            state.replyLoadPending = nil
            first += [.loadReplyDraft(ticket: id), .loadSuggestions(ticket: id)]
        }
        // One step of the open history's layout, then of the preloaded one's.
        let layout = state.layout
        if state.ticket.laidFrom > 0 {
            state.ticket.layOutEarlier(width: layout.historyWidth, zone: state.zone, entries: TicketPaneState.entriesPerStep)
        } else if state.preloaded?.laidFrom ?? 0 > 0 {
            state.preloaded?.layOutEarlier(
                width: layout.historyWidth, zone: state.zone, entries: TicketPaneState.entriesPerStep)
        }
        let effects = prefetchEffects(state)
        for effect in effects {
            switch effect {
            case .loadQueue: state.queue.prefetchedAt = state.queue.scrollTop
            case .preloadTicket(let id): state.preloadedId = id
            case .heartbeat(let id, let writing, _):
                state.presenceTicket = id
                state.presenceWriting = writing
            default: break
            }
        }
        return first + effects
    }

    /// Keeps a preloaded ticket only if the cursor is still on it, laid out for the pane.
    static func keepPreloaded(_ state: inout AppState, _ detail: TicketDetail) {
        guard state.queue.selectedRow?.id == detail.ticket.id else { return }
        var pane = TicketPaneState()
        pane.detail = detail
        let layout = state.layout
        pane.layOut(width: layout.historyWidth, zone: state.zone, rows: layout.historyRows)
        state.preloaded = pane
    }

    /// Opens the ticket under the cursor: at once when idle time preloaded it, else by loading it.
    static func open(_ state: inout AppState, _ row: QueueRow) -> [Effect] {
        state.focus = .ticket
        state.ticket.showEscalation = false
        guard var pane = state.preloaded, pane.detail?.ticket.id == row.id else { return [.loadTicket(id: row.id)] }
        let switched = state.ticket.detail?.ticket.id != row.id
        pane.scroll = Int.max  // open at the latest message
        state.ticket = pane
        state.preloaded = nil
        fitTicketHeader(&state)
        return (switched ? replyAfterSwitch(&state, to: row.id) : []) + presenceAfterLoad(&state, ticket: row.id)
    }

    /// Preloaded data is stale once the database or the pane width changed.
    static func dropPreloaded(_ state: inout AppState) {
        state.preloaded = nil
        state.preloadedId = nil
        state.queue.prefetchedAt = nil
    }
}
