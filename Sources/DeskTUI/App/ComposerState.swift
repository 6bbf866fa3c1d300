import DeskModel

/// One selectable row of the escalation composer.
public enum ComposerRow: Sendable, Equatable {
    case owner, agent, impact, workaround, workaroundText, severity
    case summary(Int), addSummary
    case repro(Int), addRepro
    case nextAction(Int), addNextAction
    case missing(Int)
    case update, send

    /// The package part a review failure on this row is about.
    public var field: PackageField {
        switch self {
        case .owner, .agent: .owner
        case .impact, .workaround, .workaroundText: .missing
        case .severity: .severity
        case .summary, .addSummary: .summary
        case .repro, .addRepro: .repro
        case .nextAction, .addNextAction: .nextAction
        case .missing: .missing
        case .update, .send: .customerUpdate
        }
    }
}

/// The escalation composer (`e`): the package being written for the open ticket, the row the
/// agent is on, and the review's last verdict. Kept when closed, so nothing typed is lost.
public struct ComposerState: Sendable, Equatable {
    public var draft: EscalationDraft
    public var selected = 0
    /// From the last submit that the review refused; cleared as soon as the package changes.
    public var failures: [ReviewFailure] = []
    public var open = true
    /// The ticket changed under a submit: the next load of it gives the version to submit against.
    public var rebase = false

    public init(draft: EscalationDraft) { self.draft = draft }

    public var package: EscalationPackage {
        get { draft.package }
        set { draft.package = newValue }
    }

    public var rows: [ComposerRow] {
        var r: [ComposerRow] = [.owner, .agent, .impact, .workaround]
        if package.workaround == .yes { r.append(.workaroundText) }
        r.append(.severity)
        r += package.summary.indices.map(ComposerRow.summary) + [.addSummary]
        r += package.repro.indices.map(ComposerRow.repro) + [.addRepro]
        r += package.nextActions.indices.map(ComposerRow.nextAction) + [.addNextAction]
        r += package.missing.indices.map(ComposerRow.missing)
        r += [.update, .send]
        return r
    }

    public var selectedRow: ComposerRow { rows[min(selected, rows.count - 1)] }

    /// Moves to the first row of the first failing part.
    mutating func showFirstFailure() {
        guard let first = failures.first else { return }
        if let i = rows.firstIndex(where: { $0.field == first.field }) { selected = i }
    }
}

/// What the lead's board shows: SLA risk, or escalations.
public enum BoardMode: Sendable, Equatable { case sla, escalations }

/// One line of the lead's escalation view that Enter can open.
public struct EscalationBoardRow: Sendable, Equatable {
    public enum Section: String, Sendable { case waiting, bounced, late, lateEscalation }
    public var section: Section
    public var ticketId: Int64
}

extension EscalationOverview {
    /// Every listed line in screen order, for selection.
    public var rows: [EscalationBoardRow] {
        waiting.map { EscalationBoardRow(section: .waiting, ticketId: $0.ticketId) }
            + bounced.map { EscalationBoardRow(section: .bounced, ticketId: $0.ticketId) }
            + lateTriggers.map { EscalationBoardRow(section: .late, ticketId: $0.ticketId) }
            + lateEscalations.map { EscalationBoardRow(section: .lateEscalation, ticketId: $0.ticketId) }
    }
}
