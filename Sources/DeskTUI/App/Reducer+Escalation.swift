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
            return [.perform(.acceptEscalation(e), ticket: id, version: detail.ticket.version)]
        case .returnEscalation:
            guard needsOpen([.requested, .accepted], "return") != nil else { return [] }
            state.overlay = .prompt(.returnReason, "")
        case .withdrawEscalation:
            guard let e = needsOpen([.requested], "withdraw") else { return [] }
            return [.perform(.withdrawEscalation(e), ticket: id, version: detail.ticket.version)]
        case .resolveEscalation:
            guard let e = needsOpen([.accepted], "resolve") else { return [] }
            return [.perform(.resolveEscalation(e), ticket: id, version: detail.ticket.version)]
        case .deescalate:
            return [.perform(.deescalate, ticket: id, version: detail.ticket.version)]
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
            if kind == .reproNote { return [.perform(.reproNote(text), ticket: id, version: detail.ticket.version)] }
            guard let e = detail.escalation.current?.id else { return [] }
            return [.perform(.returnEscalation(e, reason: trimmed), ticket: id, version: detail.ticket.version)]
        case .summaryLine, .reproLine, .nextAction, .customerUpdate, .severityReason:
            guard var c = state.composer else { return [] }
            if kind == .severityReason && trimmed.isEmpty {
                state.status = StatusMessage(text: "a severity set by hand needs a reason", isError: true)
                return []
            }
            state.overlay = .none
            let row = c.selectedRow
            edit(&c, state) { p in
                switch (kind, row) {
                case (.summaryLine, .summary(let i)): p.summary[i] = Claim.parse(trimmed)
                case (.summaryLine, _): p.summary.append(Claim.parse(trimmed))
                case (.reproLine, .repro(let i)): p.repro[i] = Claim.parse(trimmed)
                case (.reproLine, _): p.repro.append(Claim.parse(trimmed))
                case (.nextAction, _): p.nextAction = trimmed
                case (.customerUpdate, _): p.customerUpdate = text
                case (.severityReason, _): p.severityOverride = trimmed
                default: break
                }
            }
            // Empty lines are dropped, not kept as claims without text.
            c.package.summary.removeAll { $0.text.isEmpty && $0.sources.isEmpty }
            c.package.repro.removeAll { $0.text.isEmpty && $0.sources.isEmpty }
            c.selected = min(c.selected, c.rows.count - 1)
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
            let repro: Bool
            switch c.selectedRow {
            case .repro, .addRepro: repro = true
            default: repro = false
            }
            c.selected = rows.firstIndex(of: repro ? .addRepro : .addSummary) ?? c.selected
            state.overlay = .prompt(repro ? .reproLine : .summaryLine, "")
        case .composerDelete:
            switch c.selectedRow {
            case .summary(let i): edit(&c, state) { $0.summary.remove(at: i) }
            case .repro(let i): edit(&c, state) { $0.repro.remove(at: i) }
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
        case .summary(let i): state.overlay = .prompt(.summaryLine, p.summary[i].line)
        case .addSummary: state.overlay = .prompt(.summaryLine, "")
        case .repro(let i): state.overlay = .prompt(.reproLine, p.repro[i].line)
        case .addRepro: state.overlay = .prompt(.reproLine, "")
        case .nextAction: state.overlay = .prompt(.nextAction, p.nextAction)
        case .missing(let i): edit(&c, state) { $0.missing[i].acknowledged.toggle() }
        case .update: state.overlay = .prompt(.customerUpdate, p.customerUpdate.replacingOccurrences(of: "\n", with: " "))
        case .send: edit(&c, state) { $0.sendUpdate.toggle() }
        }
        state.composer = c
        return []
    }

    /// Changes the package, then keeps what follows from it in step: the rubric's severity (unless
    /// set by hand), the missing-information list, the templated update for a new owner.
    static func edit(_ c: inout ComposerState, _ state: AppState, _ change: (inout EscalationPackage) -> Void) {
        let before = c.package
        change(&c.package)
        c.failures = []
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
            if before.toBranch != c.package.toBranch, before.customerUpdate == c.draft.renderedUpdate,
                let text = try? CustomerUpdate.render(
                    state.escalation.customerUpdate, customerName: d.customer.name, ticketId: d.ticket.id ?? 0,
                    subject: d.ticket.subject, team: c.package.toBranch, agentName: state.agent.name)
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
