import DeskModel

/// The escalation panel, the composer and the lead's escalation view.
extension Reducer {
    // MARK: - Ticket pane and panel

    static func performEscalationCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        guard let detail = state.ticket.detail, let id = detail.ticket.id else { return [] }
        let current = detail.escalation.current
        func needsOpen(_ states: [EscalationState], _ verb: String) -> Int64? {
            guard let e = current, states.contains(e.state) else {
                state.status = StatusMessage(
                    text: "#\(id) has no \(states.map(\.rawValue).joined(separator: " or ")) escalation to \(verb)", isError: true
                )
                return nil
            }
            return e.id
        }
        switch command {
        case .escalationPanel:
            state.ticket.showEscalation.toggle()
        case .compose:
            if var c = state.composer, c.draft.ticketId == id {
                c.open = true
                state.composer = c
                return []
            }
            state.status = StatusMessage(text: "preparing the handoff package…", isError: false)
            return [.loadDraft(ticket: id)]
        case .reproNote:
            state.overlay = .prompt(.reproNote, "")
        case .acceptEscalation:
            guard let e = needsOpen([.requested], "accept") else { return [] }
            return [.perform(.acceptEscalation(e), ticket: id, version: state.baseVersion(of: id))]
        case .returnEscalation:
            guard needsOpen([.requested, .accepted], "return") != nil else { return [] }
            state.overlay = .prompt(.returnReason, "")
        case .withdrawEscalation:
            guard let e = needsOpen([.requested], "withdraw") else { return [] }
            return [.perform(.withdrawEscalation(e), ticket: id, version: state.baseVersion(of: id))]
        case .resolveEscalation:
            guard let e = needsOpen([.accepted], "resolve") else { return [] }
            return [.perform(.resolveEscalation(e), ticket: id, version: state.baseVersion(of: id))]
        case .deescalate:
            return [.perform(.deescalate, ticket: id, version: state.baseVersion(of: id))]
        default:
            break
        }
        return []
    }

    static func draftLoaded(_ state: inout AppState, _ draft: EscalationDraft) -> [Effect] {
        guard state.ticket.detail?.ticket.id == draft.ticketId else { return [] }
        state.status = nil
        if draft.targets.isEmpty {
            state.status = StatusMessage(
                text: "#\(draft.ticketId)'s branch has no escalation path in the policy: move it, or ask a lead", isError: true)
            return []
        }
        state.composer = ComposerState(draft: draft)
        return []
    }

    /// A prompt typed for the panel or the composer; nil when `kind` is not one of theirs.
    static func submitEscalationPrompt(_ state: inout AppState, _ kind: PromptKind, _ text: String) -> [Effect]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .reproNote, .returnReason:
            guard let detail = state.ticket.detail, let id = detail.ticket.id else { return [] }
            guard !trimmed.isEmpty else {
                state.status = StatusMessage(
                    text: kind == .returnReason ? "a reason is required: say why it goes back" : "the note is empty",
                    isError: true)
                return []
            }
            state.overlay = .none
            if kind == .reproNote { return [.perform(.reproNote(text), ticket: id, version: state.baseVersion(of: id))] }
            guard let e = detail.escalation.current?.id else { return [] }
            return [.perform(.returnEscalation(e, reason: trimmed), ticket: id, version: state.baseVersion(of: id))]
        case .nextAction, .severityReason, .workaroundText:
            guard var c = state.composer else { return [] }
            if kind == .severityReason && trimmed.isEmpty {
                state.status = StatusMessage(text: "a severity set by hand needs a reason", isError: true)
                return []
            }
            state.overlay = .none
            edit(&c, state) { p in
                switch kind {
                case .nextAction: p.nextAction = trimmed
                case .workaroundText: p.workaroundText = trimmed.isEmpty ? nil : trimmed
                default: p.severityOverride = trimmed
                }
            }
            state.composer = c
            return []
        default:
            return nil
        }
    }

    // MARK: - Composer

    static func composerKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var c = state.composer else { return [] }
        guard let command = Keymap.command(for: key, in: .composer) else { return [] }
        let rows = c.rows
        switch command {
        case .moveDown: c.selected = min(rows.count - 1, c.selected + 1)
        case .moveUp: c.selected = max(0, c.selected - 1)
        case .pageDown, .bottom: c.selected = rows.count - 1
        case .pageUp, .top: c.selected = 0
        case .back: c.open = false
        case .composerEdit: return composerEdit(&state, &c)
        case .composerToggle:
            if case .missing(let i) = c.selectedRow { edit(&c, state) { $0.missing[i].acknowledged.toggle() } }
            if c.selectedRow == .send { edit(&c, state) { $0.sendUpdate.toggle() } }
        case .composerSend: edit(&c, state) { $0.sendUpdate.toggle() }
        case .composerAdd:
            let field: EscalationField
            switch c.selectedRow {
            case .repro, .addRepro: field = .repro
            case .nextAction, .addNextAction: field = .nextActions
            default: field = .summary
            }
            return openComposerField(&state, &c, field, line: nil)
        case .composerDelete:
            switch c.selectedRow {
            case .summary(let i): edit(&c, state) { $0.summary.remove(at: i) }
            case .repro(let i): edit(&c, state) { $0.repro.remove(at: i) }
            case .nextAction(let i): edit(&c, state) { $0.nextActions.remove(at: i) }
            default: break
            }
            c.selected = min(c.selected, c.rows.count - 1)
        case .composerSubmit:
            c.failures = c.draft.failures
            if c.failures.isEmpty {
                state.composer = c
                state.status = StatusMessage(text: "escalating…", isError: false)
                return [.perform(.escalate(c.package), ticket: c.draft.ticketId, version: c.draft.version)]
            }
            c.showFirstFailure()
            state.status = StatusMessage(
                text: "not ready: \(c.failures.count) problem\(c.failures.count == 1 ? "" : "s"), listed below", isError: true)
        case .help, .quit:
            state.composer = c
            return perform(&state, command)
        default: break
        }
        state.composer = c
        return []
    }

    /// Enter on a row: cycle a choice, or open a prompt with the row's text.
    static func composerEdit(_ state: inout AppState, _ c: inout ComposerState) -> [Effect] {
        let p = c.package
        switch c.selectedRow {
        case .owner:
            let targets = c.draft.targets
            let i = targets.firstIndex(of: p.toBranch).map { ($0 + 1) % targets.count } ?? 0
            edit(&c, state) {
                $0.toBranch = targets[i]; $0.toAgent = nil
            }
        case .agent:
            let agents = c.draft.agents[p.toBranch] ?? []
            edit(&c, state) { $0.toAgent = next(in: agents, after: p.toAgent) }
        case .impact:
            edit(&c, state) { $0.impact = next(in: Impact.allCases, after: p.impact) }
        case .workaround:
            edit(&c, state) { $0.workaround = next(in: Workaround.allCases, after: p.workaround) }
        case .severity:
            // rubric → sev1 … sev4 → rubric; a level by hand asks why.
            let manual = p.severityOverride != nil
            let level: Severity? = manual ? next(in: Severity.allCases, after: p.severity.severity) : .sev1
            edit(&c, state) { pkg in
                if let level {
                    pkg.severity = SeverityAssessment(severity: level, rule: "override", rationale: pkg.severityOverride ?? "")
                    pkg.severityOverride = pkg.severityOverride ?? ""
                } else {
                    pkg.severityOverride = nil
                }
            }
            if level != nil && (c.package.severityOverride ?? "").isEmpty {
                state.composer = c
                state.overlay = .prompt(.severityReason, "")
            }
        case .summary(let i): return openComposerField(&state, &c, .summary, line: i)
        case .addSummary: return openComposerField(&state, &c, .summary, line: nil)
        case .repro(let i): return openComposerField(&state, &c, .repro, line: i)
        case .addRepro: return openComposerField(&state, &c, .repro, line: nil)
        case .nextAction(let i): return openComposerField(&state, &c, .nextActions, line: i)
        case .addNextAction: return openComposerField(&state, &c, .nextActions, line: nil)
        case .workaroundText: state.overlay = .prompt(.workaroundText, p.workaroundText ?? "")
        case .missing(let i): edit(&c, state) { $0.missing[i].acknowledged.toggle() }
        case .update: return openComposerField(&state, &c, .customerUpdate, line: nil)
        case .send: edit(&c, state) { $0.sendUpdate.toggle() }
        }
        state.composer = c
        return []
    }

    /// The summary, the steps or the customer update in the editor, over the ticket's history: the
    /// cursor on `line` (nil: a new line at the end). The composer steps aside until Esc or Ctrl-S.
    static func openComposerField(
        _ state: inout AppState, _ c: inout ComposerState, _ field: EscalationField, line: Int?
    ) -> [Effect] {
        let effects = saveDraft(&state)  // a reply draft is kept; the package part takes the editor
        let before = state.layout
        let p = c.package
        var lines: [String]
        switch field {
        case .summary: lines = p.summary.map { "- " + $0.line }
        case .repro: lines = p.repro.enumerated().map { "\($0.offset + 1). " + $0.element.line }
        case .nextActions: lines = p.nextActions.map { "- " + $0.line }
        case .customerUpdate: lines = [p.customerUpdate]
        }
        if line == nil, field != .customerUpdate {
            lines.append(field == .repro ? "\(lines.count + 1). " : "- ")
        }
        var r = ReplyState(ticketId: c.draft.ticketId, mode: .reply, text: lines.joined(separator: "\n"))
        r.purpose = .escalation(field)
        if let line { r.editor.placeCursor(atEndOfLine: line) }
        c.open = false
        state.composer = c
        state.reply = r
        state.focus = .ticket
        fitEditor(&state, from: before)
        return effects
    }

    /// Esc or Ctrl-S in a package part: the text goes into the package and the composer comes back.
    static func applyComposerField(_ state: inout AppState) {
        guard let r = state.reply, case .escalation(let field) = r.purpose else { return }
        let before = state.layout
        state.reply = nil
        state.replyLoadPending = r.ticketId
        fitEditor(&state, from: before)
        guard var c = state.composer, c.draft.ticketId == r.ticketId else { return }
        let text = r.editor.text
        let owners = c.draft.owners
        edit(&c, state) { p in
            switch field {
            case .summary: p.summary = Claim.parseLines(ListPrefix.strip(text))
            case .repro: p.repro = Claim.parseLines(ListPrefix.strip(text))
            case .nextActions:
                p.nextActions = NextAction.parseLines(
                    ListPrefix.strip(text), owners: owners, defaultOwner: p.toBranch)
            case .customerUpdate: p.customerUpdate = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        c.open = true
        let row: ComposerRow =
            switch field {
            case .summary: .addSummary
            case .repro: .addRepro
            case .nextActions: .addNextAction
            case .customerUpdate: .update
            }
        c.selected = c.rows.firstIndex(of: row) ?? min(c.selected, c.rows.count - 1)
        state.composer = c
        let said =
            switch field {
            case .summary: "Summary: \(c.package.summary.count) claim\(c.package.summary.count == 1 ? "" : "s")"
            case .repro: "Reproduction: \(c.package.repro.count) step\(c.package.repro.count == 1 ? "" : "s")"
            case .nextActions:
                "Next actions: \(c.package.nextActions.count) for \(Set(c.package.nextActions.map { $0.owner.lowercased() }).count) owner\(Set(c.package.nextActions.map { $0.owner.lowercased() }).count == 1 ? "" : "s")"
            case .customerUpdate: "Customer update: \(c.package.customerUpdate.count) characters"
            }
        state.status = StatusMessage(text: said + " (kept in the package; S submits).", isError: false)
    }

    /// Changes the package, then keeps what follows from it in step: the rubric's severity (unless
    /// set by hand), the missing-information list, the templated update (owner, repro, workaround).
    static func edit(_ c: inout ComposerState, _ state: AppState, _ change: (inout EscalationPackage) -> Void) {
        let before = c.package
        change(&c.package)
        c.failures = []
        // A new next owner takes over the old one's step.
        if before.toBranch != c.package.toBranch {
            for i in c.package.nextActions.indices where c.package.nextActions[i].owner == before.toBranch {
                c.package.nextActions[i].owner = c.package.toBranch
            }
        }
        if c.package.severityOverride == nil, let d = state.ticket.detail {
            c.package.severity = state.escalation.assess(
                SeverityFacts(
                    impact: c.package.impact, urgency: Urgency(d.ticket.priority), workaround: c.package.workaround ?? .unknown,
                    tier: d.customer.tier))
        }
        if let d = state.ticket.detail {
            c.package.refreshMissing(
                accountOwner: d.accountOwner != nil, productArea: d.ticket.productArea != nil,
                toEngineering: c.draft.engineering.contains(c.package.toBranch))
            // The templated update follows what it says (owner, repro, workaround) until edited by hand.
            if before.customerUpdate == c.draft.renderedUpdate, c.package.customerUpdate == before.customerUpdate,
                let text = c.draft.renderUpdate(for: c.package),
                text != c.draft.renderedUpdate
            {
                c.package.customerUpdate = text
                c.draft.renderedUpdate = text
            }
        }
    }

    // MARK: - Lead's view

    static func toggleBoardMode(_ state: inout AppState) -> [Effect] {
        guard var board = state.board else { return [] }
        board.mode = board.mode == .sla ? .escalations : .sla
        return reloadBoard(&state, board)
    }

    static func escalationsLoaded(_ state: inout AppState, _ overview: EscalationOverview) -> [Effect] {
        guard var board = state.board, board.mode == .escalations else { return [] }
        let selectedId = board.selectedTicketId
        board.escalations = overview
        if let selectedId, let i = overview.rows.firstIndex(where: { $0.ticketId == selectedId }) { board.selected = i }
        board.selected = min(board.selected, max(0, overview.rows.count - 1))
        state.board = board
        return []
    }

    /// What refreshes the board in its mode.
    static func boardEffects(_ board: BoardState) -> [Effect] {
        board.mode == .escalations ? [.loadEscalations] : [.loadBoard(board.filter)]
    }
}
