import DeskModel

/// Acting on the open ticket: pickers, prompts, operations and their outcomes, presence,
/// and moving through the history by customer message.
extension Reducer {
    static func performTicketCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        guard let detail = state.ticket.detail, let id = detail.ticket.id else { return [] }
        switch command {
        case .take:
            return [.perform(.take, ticket: id, version: state.baseVersion(of: id))]
        case .assign:
            guard let dir = state.directory else {
                state.status = StatusMessage(text: "loading agents and branches…", isError: false)
                return [.loadDirectory(openPicker: true)]
            }
            var items = dir.agents.map {
                PickerItem(
                    label: Sanitizer.singleLine($0.name), detail: "@\($0.handle)" + ($0.branch.map { " · \($0)" } ?? ""),
                    operation: .assign(handle: $0.handle))
            }
            items += dir.branches.map {
                PickerItem(
                    label: "→ " + Sanitizer.singleLine($0.name), detail: "branch · \($0.tier.label)",
                    operation: .move(branch: $0.name))
            }
            state.overlay = .picker(Picker(title: "Assign to an agent, or move to a branch", items: items))
        case .changeStatus:
            let current = detail.ticket.status
            let items = TicketStatus.allCases.filter { Lifecycle.allowed[current]?.contains($0) == true }.map {
                PickerItem(label: $0.rawValue, detail: statusHelp($0), operation: .status($0))
            }
            guard !items.isEmpty else {
                state.status = StatusMessage(
                    text: "#\(id) is \(current.rawValue): \(Lifecycle.refusal(from: current, to: .open) ?? "no moves")",
                    isError: true)
                return []
            }
            state.overlay = .picker(Picker(title: "Status (now \(current.rawValue))", items: items))
        case .changePriority:
            let items = TicketPriority.allCases.reversed().map {
                PickerItem(label: $0.rawValue, detail: $0 == detail.ticket.priority ? "current" : "", operation: .priority($0))
            }
            state.overlay = .picker(Picker(title: "Priority", items: items))
        case .addTag: state.overlay = .prompt(.tag, "")
        case .setProductArea: state.overlay = .prompt(.productArea, detail.ticket.productArea ?? "")
        case .note:
            state.overlay = .prompt(.note, "")
        case .merge: state.overlay = .prompt(.merge, "")
        case .link: state.overlay = .prompt(.link, "")
        case .toggleQuotes:
            state.ticket.quotesExpanded.toggle()
            layOutHistory(&state)
            clampTicketScroll(&state)
        case .nextCustomerMessage, .previousCustomerMessage, .firstCustomerMessage, .lastCustomerMessage:
            jumpToCustomerMessage(&state, command)
        default:
            break
        }
        return []
    }

    static func statusHelp(_ s: TicketStatus) -> String {
        switch s {
        case .new: "nobody has worked on it yet"
        case .open: "being worked on"
        case .pending: "waiting on the customer"
        case .onHold: "waiting on a third party or engineering"
        case .solved: "done; closes by itself after the policy's days"
        case .closed: "final"
        }
    }

    static func jumpToCustomerMessage(_ state: inout AppState, _ command: Command) {
        // The first or an earlier customer message may be in what is not laid out yet.
        let layout = state.layout
        while state.ticket.laidFrom > 0,
            command == .firstCustomerMessage
                || command == .previousCustomerMessage && !state.ticket.customerStarts.contains { $0 < state.ticket.scroll }
        {
            state.ticket.layOutEarlier(width: layout.historyWidth, zone: state.zone, entries: TicketPaneState.entriesPerStep)
        }
        let starts = state.ticket.customerStarts
        guard !starts.isEmpty else {
            state.status = StatusMessage(text: "no customer messages in this history", isError: false)
            return
        }
        let at = state.ticket.scroll
        let target: Int?
        switch command {
        case .firstCustomerMessage: target = starts.first
        case .lastCustomerMessage: target = starts.last
        case .nextCustomerMessage: target = starts.first { $0 > at }
        default: target = starts.last { $0 < at }
        }
        guard let line = target else {
            state.status = StatusMessage(
                text: command == .nextCustomerMessage ? "no later customer message" : "no earlier customer message",
                isError: false)
            return
        }
        state.ticket.scroll = line
        clampTicketScroll(&state)
    }

    // MARK: - Picker and prompt keys

    static func editPicker(_ state: inout AppState, _ picker: Picker, _ key: Key) -> [Effect] {
        var p = picker
        let count = p.visible.count
        switch key {
        case .escape:
            state.overlay = .none
            return []
        case .enter, .ctrl("r"), .ctrl("e"):
            let shown = p.visible
            guard p.selected < shown.count else { return [] }
            switch shown[p.selected].choice {
            case .template(let tid):
                return chooseTemplate(&state, tid, key: key)
            case .callOutcome(let outcome):
                return key == .enter ? chooseCallOutcome(&state, outcome) : []
            case .operation(let op):
                guard key == .enter, let detail = state.ticket.detail, let id = detail.ticket.id else { return [] }
                state.overlay = .none
                return [.perform(op, ticket: id, version: state.baseVersion(of: id))]
            }
        case .down, .ctrl("n"), .tab: p.selected = count == 0 ? 0 : min(count - 1, p.selected + 1)
        case .up, .ctrl("p"), .backTab: p.selected = max(0, p.selected - 1)
        case .backspace:
            p.filter = String(p.filter.dropLast())
            p.selected = 0
        case .ctrl("u"):
            p.filter = ""
            p.selected = 0
        case .char(let c):
            p.filter.append(c)
            p.selected = 0
        default:
            return []
        }
        state.overlay = .picker(p)
        return []
    }

    static func editPrompt(_ state: inout AppState, _ kind: PromptKind, _ text: String, _ key: Key) -> [Effect] {
        if kind == .confirm { return answerConfirmation(&state, key) }
        switch key {
        case .escape:
            state.overlay = .none
            return []
        case .enter:
            return submitPrompt(&state, kind, text)
        case .backspace: state.overlay = .prompt(kind, String(text.dropLast()))
        case .ctrl("u"): state.overlay = .prompt(kind, "")
        case .char(let c): state.overlay = .prompt(kind, text + String(c))
        default: return []
        }
        return []
    }

    static func submitPrompt(_ state: inout AppState, _ kind: PromptKind, _ text: String) -> [Effect] {
        if let effects = submitEscalationPrompt(&state, kind, text) { return effects }
        if let effects = submitCallPrompt(&state, kind, text) { return effects }
        guard let detail = state.ticket.detail, let id = detail.ticket.id else { return [] }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let op: TicketOperation
        switch kind {
        case .note:
            guard !trimmed.isEmpty else {
                state.status = StatusMessage(text: "the note is empty: type it, or Esc to cancel", isError: true)
                return []
            }
            op = .note(text)
        case .tag:
            guard !trimmed.isEmpty else { return [] }
            // What the model stores is what the status line says: a tag is one lower-case word.
            let remove = trimmed.hasPrefix("-")
            let tag = Desk.normalisedTag(remove ? String(trimmed.dropFirst()) : trimmed)
            guard !tag.isEmpty else {
                state.status = StatusMessage(text: "a tag is a word of letters, digits, - or _", isError: true)
                return []
            }
            if remove, !detail.ticket.tagList.contains(tag) {
                let now = detail.ticket.tagList.isEmpty ? "it has none" : "it has " + detail.ticket.tagList.joined(separator: ", ")
                state.status = StatusMessage(text: "#\(id) has no tag '\(tag)': \(now)", isError: true)
                return []
            }
            op = remove ? .untag(tag) : .tag(tag)
        case .productArea:
            guard trimmed != (detail.ticket.productArea ?? "") else {
                state.overlay = .none
                return []
            }
            op = .productArea(trimmed)
        case .merge, .link:
            let digits = trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
            guard let other = Int64(digits), other > 0 else {
                state.status = StatusMessage(text: "type a ticket number, e.g. 42", isError: true)
                return []
            }
            op = kind == .merge ? .merge(into: other) : .link(other)
        default:
            return []
        }
        state.overlay = .none
        return [.perform(op, ticket: id, version: state.baseVersion(of: id))]
    }

    /// y (or Enter) performs the pending assignment; n or Esc drops it. Other keys wait.
    static func answerConfirmation(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let pending = state.pendingConfirmation else {
            state.overlay = .none
            return []
        }
        switch key {
        case .char("y"), .char("Y"), .enter:
            state.overlay = .none
            state.pendingConfirmation = nil
            return [.perform(.confirmed(pending.operation), ticket: pending.ticket, version: pending.version)]
        case .char("n"), .char("N"), .escape:
            state.overlay = .none
            state.pendingConfirmation = nil
            state.status = StatusMessage(text: "Not assigned: #\(pending.ticket) stays where it was.", isError: false)
            return []
        default:
            return []
        }
    }

    // MARK: - Outcomes

    static func operationDone(
        _ state: inout AppState, _ op: TicketOperation, ticket: Int64, alsoChanged: [String] = []
    ) -> [Effect] {
        let meanwhile = alsoChanged.isEmpty ? "" : " Meanwhile: " + alsoChanged.joined(separator: "; ") + "."
        state.status = StatusMessage(text: "#\(ticket): \(op.done)" + meanwhile, isError: false)
        if case .escalate = op {
            // Sent: the package lives on in the escalation; the panel shows it.
            state.composer = nil
            state.ticket.showEscalation = true
        }
        switch op {
        case .logCall: state.call = nil
        case .newCall:
            // The new ticket opens where the call was logged from.
            state.call = nil
            state.focus = .ticket
            return reload(&state) + [.loadTicket(id: ticket)]
        default: break
        }
        return reload(&state)
    }

    /// A refusal is shown as it is; a conflict also reloads the ticket and, for a choice from a
    /// picker, reopens the picker on the current value. Typed text is never lost: what could not be
    /// saved goes back into its prompt, to correct or retry.
    static func operationFailed(
        _ state: inout AppState, _ op: TicketOperation, ticket: Int64, message: String, conflict: TicketConflict?
    ) -> [Effect] {
        var text = message
        if let conflict {
            text = "Not done: " + conflict.changes.suffix(2).map(\.sentence).joined(separator: "; ")
            if let picker = op.picker {
                state.reopenOnLoad = picker
                text += " — here is the current value; choose again or Esc."
            } else {
                text += " — the ticket is reloaded."
            }
        }
        state.status = StatusMessage(text: text, isError: true)
        if case .escalate = op, conflict != nil { state.composer?.rebase = true }
        var newCall = false
        if case .newCall = op { newCall = true }
        if let typed = op.typed, newCall || state.ticket.detail?.ticket.id == ticket {
            state.overlay = .prompt(typed.kind, typed.text)
        }
        return conflict != nil ? reload(&state) : []
    }

    /// After a refused choice the ticket reloads; then its picker opens again on what is current.
    static func reopenAfterConflict(_ state: inout AppState, _ detail: TicketDetail) -> [Effect] {
        guard let command = state.reopenOnLoad else { return [] }
        state.reopenOnLoad = nil
        guard state.overlay == .none, state.focus == .ticket, state.ticket.detail?.ticket.id == detail.ticket.id else {
            return []
        }
        let said = state.status
        let effects = performTicketCommand(&state, command)
        state.status = said
        return effects
    }

    // MARK: - Presence

    /// After a load: a ticket already announced only has its presence re-read; a newly opened one
    /// is announced in idle time (`presenceAnnouncement`), keeping the database write off the key press.
    static func presenceAfterLoad(_ state: inout AppState, ticket id: Int64) -> [Effect] {
        state.presenceTicket == id ? [.loadPresence(ticket: id)] : []
    }

    /// "Writing" is a note prompt with text in it (the reply editor joins in its own issue).
    static func isWriting(_ state: AppState) -> Bool {
        if case .prompt(.note, let text) = state.overlay { return !text.isEmpty }
        if let r = state.reply, r.focused, r.isMessage, r.ticketId == state.ticket.detail?.ticket.id {
            return !r.editor.isEmpty
        }
        return false
    }

    /// The heartbeat that would bring presence in line with the pane (another ticket open, or
    /// starting/stopping to write); nil when it already says what the pane shows.
    static func presenceAnnouncement(_ state: AppState) -> Effect? {
        let id = state.ticket.detail?.ticket.id
        let writing = isWriting(state)
        guard id != state.presenceTicket || writing != state.presenceWriting else { return nil }
        return .heartbeat(ticket: id, writing: writing, leaving: state.presenceTicket == id ? nil : state.presenceTicket)
    }
}
