import DeskModel
import Foundation

/// The pure heart of the console: `reduce(&state, action) -> [Effect]`. No I/O, no clock.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        let effects = reduceAction(&state, action)
        trackActionBase(&state)
        return effects
    }

    /// A picker or prompt on the open ticket remembers the version it opened on, and its action is
    /// judged on that; a reload while it is open refreshes the screen, never the base.
    static func trackActionBase(_ state: inout AppState) {
        switch state.overlay {
        case .picker, .prompt:
            guard state.actionBase == nil, let t = state.ticket.detail?.ticket, let id = t.id else { return }
            state.actionBase = ActionBase(ticket: id, version: t.version)
        default:
            state.actionBase = nil
        }
    }

    static func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .resize(let w, let h):
            let widthChanged = w != state.width
            state.width = w
            state.height = h
            if widthChanged {
                layOutHistory(&state)
                dropPreloaded(&state)
            }
            fitTicketHeader(&state)
            // The history was laid out above if the width changed; the editor only needs its size.
            fitEditor(&state, from: state.layout)
            clampTicketScroll(&state)
            return scrollQueue(&state)
        case .tick(let now):
            let minute = now / 60 != state.now / 60
            state.now = now
            if minute { fitTicketHeader(&state) }  // "opened 9d ago", the customer's local time
            // The board is live: counts move as deadlines pass, not only when data changes.
            return state.board.map(boardEffects) ?? []
        case .databaseChanged:
            return reload(&state)
        case .presenceMayHaveChanged:
            return state.ticket.detail?.ticket.id.map { [.loadPresence(ticket: $0)] } ?? []
        case .started:
            return notificationEffects(state)
        case .idle:
            return idle(&state)
        case .queueLoaded(let query, let total, let offset, let rows):
            // A page for a query the user has already moved away from is dropped.
            guard query == state.queue.query else { return [] }
            if let total {
                // Only a filtered count is capped (QueueQuery.count); an unfiltered one is exact.
                let capped = !query.filter.isEmpty && total > QueueQuery.filteredCountCap
                state.queue.totalIsLowerBound = capped
                state.queue.total = capped ? QueueQuery.filteredCountCap : total
            }
            // The cursor stays on its ticket when another change re-sorted the queue under it
            // (else Enter would open whatever ticket slid into its row).
            let under = state.queue.selectedRow?.id
            state.queue.windowStart = offset
            state.queue.rows = rows
            state.queue.loaded = true
            if let under, state.queue.selectedRow?.id != under, let j = rows.firstIndex(where: { $0.id == under }) {
                state.queue.selected = offset + j
            }
            if state.queue.selected >= state.queue.total { state.queue.selected = max(0, state.queue.total - 1) }
            return scrollQueue(&state)
        case .queuePositionFound(let query, let id, let position):
            // The cursor follows only if the agent has not moved on (another query, another ticket).
            guard query == state.queue.query, state.ticket.detail?.ticket.id ?? id == id, let position else { return [] }
            state.queue.selected = position
            return scrollQueue(&state)
        case .ticketLoaded(let detail):
            let sameTicket = state.ticket.detail?.ticket.id == detail.ticket.id
            if !sameTicket { state.ticket.scroll = Int.max }  // open at the latest message
            layOutHistory(&state, detail)
            fitTicketHeader(&state)
            var switched: [Effect] = []
            if !sameTicket {
                state.ticket.presence = []
                switched = replyAfterSwitch(&state, to: detail.ticket.id ?? 0)
            }
            // After a refused submit the agent has seen the change: the package goes against this version.
            if var c = state.composer, c.rebase, c.draft.ticketId == detail.ticket.id {
                c.draft.version = detail.ticket.version
                c.rebase = false
                state.composer = c
            }
            return switched + presenceAfterLoad(&state, ticket: detail.ticket.id ?? 0) + reopenAfterConflict(&state, detail)
        case .ticketPreloaded(let detail):
            keepPreloaded(&state, detail)
            return []
        case .failed(let message):
            state.status = StatusMessage(text: message, isError: true)
            if state.ticket.detail == nil { state.focus = .queue }
            return []
        case .loadFailed(let effect, let message):
            state.status = StatusMessage(text: message, isError: true)
            return screenLoadFailed(&state, effect)
        case .key(let key):
            return handleKey(&state, key)
        case .heartbeatDue:
            guard let id = state.ticket.detail?.ticket.id else { return [] }
            state.presenceTicket = id
            state.presenceWriting = isWriting(state)
            return [.heartbeat(ticket: id, writing: state.presenceWriting, leaving: nil)]
        case .presenceLoaded(let id, let others):
            if state.ticket.detail?.ticket.id == id, state.ticket.presence != others {
                state.ticket.presence = others
                fitTicketHeader(&state)
            }
            return []
        case .directoryLoaded(let directory, let openPicker):
            state.directory = directory
            guard openPicker, state.overlay == .none, state.focus == .ticket else { return [] }
            state.status = nil
            return performTicketCommand(&state, .assign)
        case .operationDone(let op, let id, let others):
            return operationDone(&state, op, ticket: id, alsoChanged: others)
        case .operationFailed(let op, let id, let message, let conflict):
            return operationFailed(&state, op, ticket: id, message: message, conflict: conflict)
        case .operationNeedsConfirmation(let op, let id, let version, let reason):
            state.pendingConfirmation = PendingConfirmation(operation: op, ticket: id, version: version, reason: reason)
            state.overlay = .prompt(.confirm, "")
            return []
        case .boardLoaded(let board):
            return boardLoaded(&state, board)
        case .escalationsLoaded(let overview):
            return escalationsLoaded(&state, overview)
        case .draftLoaded(let draft):
            return draftLoaded(&state, draft)
        case .paste(let text):
            return paste(&state, text)
        case .replyDraftLoaded(let id, let draft):
            return replyDraftLoaded(&state, ticket: id, draft)
        case .suggestionsLoaded(let id, let list):
            guard state.ticket.detail?.ticket.id == id else { return [] }
            state.suggestions = list
            state.suggestionsFor = id
            fitTicketHeader(&state)
            return []
        case .templateReady(let ins, let replace):
            return templateReady(&state, ins, replace: replace)
        case .templatesLoaded(let list):
            return templatesLoaded(&state, list)
        case .externalEditDone(let text, let error):
            return externalEditDone(&state, text, error: error)
        case .sent(let id, let status, let outbound):
            return sent(&state, ticket: id, status: status, outbound: outbound)
        case .delivered(let id, let text, let failed):
            state.status = StatusMessage(text: "#\(id): reply \(text).", isError: failed)
            return failed ? reload(&state) : []
        case .sendFailed(let id, let message, let conflict):
            return sendFailed(&state, ticket: id, message: message, conflict: conflict)
        case .sendNeedsConfirmation(let id, let marker):
            guard state.reply?.ticketId == id else { return [] }
            state.reply?.step = .confirmInternal(marker: marker)
            return []
        case .templateSaved(let t):
            return templateSaved(&state, t)
        case .unreadCountLoaded(let n):
            return unreadCountLoaded(&state, n)
        case .notificationsLoaded(let items, let unreadOnly):
            return notificationsLoaded(&state, items, unreadOnly: unreadOnly)
        }
    }

    // MARK: - Keys

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        // Ctrl-C quits from anywhere, the editor and prompts included; the reply draft is kept.
        if key == .ctrl("c") { return perform(&state, .quit) }
        // A terminal sends Alt-x as ESC x, the same bytes as Escape quickly followed by x: where
        // Alt-x means nothing, it is taken as those two keys.
        if case .alt(let c) = key, !(editorHasKeys(state) && Keymap.command(for: key, in: .editor) != nil) {
            let first = handleKey(&state, .escape)
            return first + handleKey(&state, .char(c))
        }
        switch state.overlay {
        case .filter(let text): return editFilter(&state, text, key)
        case .command(let text): return editCommand(&state, text, key)
        case .picker(let picker): return editPicker(&state, picker, key)
        case .prompt(let kind, let text): return editPrompt(&state, kind, text, key)
        case .help(let scroll):
            switch Keymap.command(for: key, in: .help) {
            case .moveDown: state.overlay = .help(scroll: scroll + 1)
            case .moveUp: state.overlay = .help(scroll: max(0, scroll - 1))
            case .back: state.overlay = .none
            default: break
            }
            return []
        case .none:
            break
        }
        if state.isTooSmall {
            if Keymap.command(for: key, in: .global) == .quit { state.quit = true }
            return []
        }
        state.status = nil
        if editorHasKeys(state) { return replyKey(&state, key) }
        if let c = state.composer, c.open, c.draft.ticketId == state.ticket.detail?.ticket.id, state.board == nil {
            return composerKey(&state, key)
        }
        if state.notifications.screen != nil {
            guard let command = Keymap.command(for: key, in: .notifications) else { return [] }
            return notificationsKey(&state, command)
        }
        if state.board != nil {
            guard let command = Keymap.command(for: key, in: .board) else { return [] }
            return boardKey(&state, command)
        }
        let context: KeyContext = state.focus == .queue ? .queue : state.ticket.showEscalation ? .escalation : .ticket
        guard let command = Keymap.command(for: key, in: context) else { return [] }
        return perform(&state, command)
    }

    static func perform(_ state: inout AppState, _ command: Command) -> [Effect] {
        let layout = state.layout
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            if state.focus == .queue {
                let last = max(0, state.queue.total - 1)
                state.queue.selected = command.moved(state.queue.selected, page: layout.queueRows, last: last) ?? last
                return scrollQueue(&state)
            }
            if state.ticket.showEscalation {
                scrollPanel(&state, command)
                return []
            }
            let page = max(1, layout.historyRows - 1)
            let above = [.moveUp: 1, .pageUp: page, .top: Int.max][command] ?? 0
            state.ticket.ensureLaidOut(above: above, width: layout.historyWidth, zone: state.zone)
            switch command {
            case .moveDown: state.ticket.scroll += 1
            case .moveUp: state.ticket.scroll -= 1
            case .pageDown: state.ticket.scroll += page
            case .pageUp: state.ticket.scroll -= page
            case .top: state.ticket.scroll = 0
            default: state.ticket.scroll = Int.max
            }
            clampTicketScroll(&state)
            return []
        case .open:
            guard let row = state.queue.selectedRow else { return [] }
            return open(&state, row)
        case .switchPane:
            if state.focus == .queue {
                guard state.ticket.detail != nil else {
                    state.status = StatusMessage(text: "no ticket open: press Enter on one first", isError: false)
                    return []
                }
                state.focus = .ticket
            } else {
                state.focus = .queue
            }
            return []
        case .nextView:
            let all = QueueView.allCases
            let next = all[(all.firstIndex(of: state.queue.query.view)! + 1) % all.count]
            return switchView(&state, to: next)
        case .filter:
            state.overlay = .filter(state.queue.query.filter)
            return []
        case .commandLine:
            state.overlay = .command("")
            return []
        case .help:
            state.overlay = .help(scroll: 0)
            return []
        case .back:
            if state.focus == .ticket {
                state.focus = .queue
            } else if !state.queue.query.filter.isEmpty {
                return setFilter(&state, "")
            }
            return []
        case .refresh:
            return reload(&state)
        case .sortOrder:
            return toggleSort(&state)
        case .board:  // opens it; while open, the board's own keys close it
            return reloadBoard(&state, BoardState())
        case .notifications:  // opens the list; while open, its own keys close it
            return openNotifications(&state)
        case .notificationsAllRead, .notificationsUnreadOnly:
            return []
        case .boardBranch, .boardTier:
            return []
        case .quit:
            state.quit = true
            return saveDraft(&state)
        case .take, .assign, .changeStatus, .changePriority, .addTag, .setProductArea, .merge, .link, .toggleQuotes,
            .nextCustomerMessage, .previousCustomerMessage, .firstCustomerMessage, .lastCustomerMessage:
            return performTicketCommand(&state, command)
        case .compose, .escalationPanel, .reproNote, .acceptEscalation, .returnEscalation, .withdrawEscalation,
            .resolveEscalation, .deescalate:
            return performEscalationCommand(&state, command)
        case .nextCitation, .previousCitation:
            selectCitation(&state, forward: command == .nextCitation)
            return []
        case .followCitation:
            followCitation(&state)
            return []
        case .reply: return openEditor(&state, mode: .reply)
        case .note: return openEditor(&state, mode: .note)
        case .suggestion1: return insertSuggestion(&state, 0)
        case .suggestion2: return insertSuggestion(&state, 1)
        case .suggestion3: return insertSuggestion(&state, 2)
        case .templates: return [.loadTemplates]
        case .logCall: return startCall(&state, newTicket: false)
        case .newCall: return startCall(&state, newTicket: true)
        case .boardMode, .composerEdit, .composerToggle, .composerAdd, .composerDelete, .composerSend, .composerSubmit:
            return []
        case .editorSend, .editorMode, .editorBold, .editorItalic, .editorCode, .editorUndo, .editorRedo, .editorExternal,
            .editorTemplates, .editorClose, .editorNewline, .editorBackspace, .editorDelete, .editorDeleteWord,
            .editorKillLine, .editorLeft, .editorRight, .editorUp, .editorDown, .editorWordLeft, .editorWordRight,
            .editorLineStart, .editorLineEnd, .editorPageUp, .editorPageDown, .editorTextStart, .editorTextEnd,
            .editorSelectLeft, .editorSelectRight, .editorSelectUp, .editorSelectDown, .editorSuggestion:
            return []
        }
    }

    // MARK: - Prompts

    static func editFilter(_ state: inout AppState, _ text: String, _ key: Key) -> [Effect] {
        switch key {
        case .enter:
            state.overlay = .none
            return []
        case .escape:
            state.overlay = .none
            return setFilter(&state, "")
        case .backspace:
            let t = String(text.dropLast())
            state.overlay = .filter(t)
            return setFilter(&state, t)
        case .ctrl("u"):
            state.overlay = .filter("")
            return setFilter(&state, "")
        case .char(let c):
            let t = text + String(c)
            state.overlay = .filter(t)
            return setFilter(&state, t)
        default:
            return []
        }
    }

    static func editCommand(_ state: inout AppState, _ text: String, _ key: Key) -> [Effect] {
        switch key {
        case .enter:
            state.overlay = .none
            return ConsoleCommands.run(text, &state)
        case .escape:
            state.overlay = .none
        case .backspace:
            if text.isEmpty { state.overlay = .none } else { state.overlay = .command(String(text.dropLast())) }
        case .ctrl("u"):
            state.overlay = .command("")
        case .char(let c):
            state.overlay = .command(text + String(c))
        default:
            break
        }
        return []
    }

    // MARK: - Queue window

    static func setFilter(_ state: inout AppState, _ text: String) -> [Effect] {
        state.queue.query.filter = text
        return restartQueue(&state)
    }

    static func switchView(_ state: inout AppState, to view: QueueView) -> [Effect] {
        state.queue.query.view = view
        return restartQueue(&state)
    }

    private static func restartQueue(_ state: inout AppState) -> [Effect] {
        state.queue.selected = 0
        state.queue.scrollTop = 0
        state.queue.loaded = false
        state.queue.prefetchedAt = nil
        return scrollQueue(&state)
    }

    /// Keeps the selection on screen and asks for a page when the visible rows are not loaded.
    static func scrollQueue(_ state: inout AppState) -> [Effect] {
        let visible = state.layout.queueRows
        var q = state.queue
        if q.selected < q.scrollTop { q.scrollTop = q.selected }
        if q.selected >= q.scrollTop + visible { q.scrollTop = q.selected - visible + 1 }
        q.scrollTop = max(0, min(q.scrollTop, max(0, q.total - visible)))
        state.queue = q
        let neededEnd = min(q.total, q.scrollTop + visible)
        if q.loaded && q.windowStart <= q.scrollTop && q.windowStart + q.rows.count >= neededEnd { return [] }
        // Load the visible rows plus a page of margin on each side, anchored on a row already
        // loaded when the new window touches the old one (cheap however deep the queue).
        let offset = max(0, q.scrollTop - visible)
        let limit = visible * 3
        guard q.loaded else { return [.loadQueue(q.query, offset: offset, limit: limit, count: true)] }
        var anchor: QueueAnchor?
        if offset > 0, let r = q.row(at: offset - 1) {
            anchor = .after(r, in: q.query)
        } else if offset > 0, let r = q.row(at: offset + limit) {
            anchor = .before(r, in: q.query)
        }
        return [.loadQueue(q.query, offset: offset, limit: limit, count: false, anchor: anchor, total: q.total)]
    }

    static func reload(_ state: inout AppState) -> [Effect] {
        dropPreloaded(&state)
        let visible = state.layout.queueRows
        var effects: [Effect] = [
            .loadQueue(state.queue.query, offset: max(0, state.queue.scrollTop - visible), limit: visible * 3, count: true)
        ]
        if let id = state.ticket.detail?.ticket.id { effects.append(.loadTicket(id: id)) }
        if let board = state.board { effects += boardEffects(board) }
        return effects + notificationEffects(state)
    }

    /// Lays the history out again (for `detail` when given), the reader staying where they were.
    static func layOutHistory(_ state: inout AppState, _ detail: TicketDetail? = nil) {
        let layout = state.layout
        state.ticket.relayOut(detail, width: layout.historyWidth, zone: state.zone, rows: layout.historyRows)
    }

    static func clampTicketScroll(_ state: inout AppState) {
        guard state.ticket.detail != nil else { state.ticket.scroll = 0; return }
        let layout = state.layout
        state.ticket.scroll = max(0, min(state.ticket.scroll, state.ticket.lines.count - layout.historyRows))
    }
}
