import DeskModel

/// A change the agent asks for on the open ticket; the effect runner performs it through `Desk`.
public enum TicketOperation: Sendable, Equatable {
    case take
    case assign(handle: String)
    case move(branch: String)
    case status(TicketStatus)
    case priority(TicketPriority)
    case tag(String)
    case untag(String)
    /// Empty clears it.
    case productArea(String)
    case note(String)
    case merge(into: Int64)
    case link(Int64)
    /// An internal note marked as reproduction steps.
    case reproNote(String)
    case escalate(EscalationPackage)
    case acceptEscalation(Int64)
    case returnEscalation(Int64, reason: String)
    case withdrawEscalation(Int64)
    case resolveEscalation(Int64)
    case deescalate
    /// A phone call logged on the ticket.
    case logCall(PhoneCall)
    /// A phone call that opens a new ticket for the caller (the operation's ticket is ignored).
    case newCall(email: String, subject: String, PhoneCall)
    /// An assignment the agent confirmed although it crosses a branch or tier (`Desk.assignmentMismatch`).
    indirect case confirmed(TicketOperation)

    /// What the status line says once it is done.
    public var done: String {
        switch self {
        case .take: "You took this ticket."
        case .assign(let h): "Assigned to \(h)."
        case .move(let b): "Moved to \(b)."
        case .status(let s): "Status is now \(s.rawValue)."
        case .priority(let p): "Priority is now \(p.rawValue)."
        case .tag(let t): "Tagged \(t)."
        case .untag(let t): "Removed tag \(t)."
        case .productArea(let a): a.isEmpty ? "Product area cleared." : "Product area is now \(a)."
        case .note: "Internal note saved."
        case .merge(let id): "Merged into #\(id)."
        case .link(let id): "Linked to #\(id)."
        case .reproNote: "Repro note saved: the escalation package cites it."
        case .escalate(let p):
            "Escalated to \(p.toBranch)\(p.toAgent.map { " (\($0))" } ?? "")\(p.sendUpdate ? "; the customer update was sent" : "")."
        case .acceptEscalation(let id): "Accepted escalation #\(id): the ticket is yours."
        case .returnEscalation(let id, _): "Returned escalation #\(id)."
        case .withdrawEscalation(let id): "Withdrew escalation #\(id)."
        case .resolveEscalation(let id): "Resolved escalation #\(id)."
        case .deescalate: "Handed back to tier 1."
        case .logCall(let c), .newCall(_, _, let c): "Call logged (\(c.minutes) min, \(c.outcome.label))."
        case .confirmed(let op): op.done
        }
    }
}

extension TicketOperation {
    /// Whom this operation gives the ticket to (`actor` for take), for the mismatch question.
    func assignee(actor: String) -> String? {
        switch self {
        case .take: actor
        case .assign(let h): h
        default: nil
        }
    }

    /// The picker this operation was chosen from, reopened on the current value after a conflict.
    public var picker: Command? {
        switch self {
        case .priority: .changePriority
        case .status: .changeStatus
        case .assign, .move: .assign
        default: nil
        }
    }

    /// The prompt and text this operation was typed into, so a refusal can give it back.
    public var typed: (kind: PromptKind, text: String)? {
        switch self {
        case .note(let t): (.note, t)
        case .tag(let t): (.tag, t)
        case .untag(let t): (.tag, "-" + t)
        case .productArea(let a): (.productArea, a)
        case .merge(let id): (.merge, "\(id)")
        case .link(let id): (.link, "\(id)")
        case .reproNote(let t): (.reproNote, t)
        case .returnEscalation(_, let reason): (.returnReason, reason)
        case .logCall(let c), .newCall(_, _, let c): (.callSummary, c.summary)
        default: nil
        }
    }
}

/// What choosing a picker item does: a change to the open ticket, or a template for the editor.
public enum PickerChoice: Sendable, Equatable {
    case operation(TicketOperation)
    case template(Int64)
    /// How the call being logged ended (`Reducer+Calls`).
    case callOutcome(CallOutcome)
}

/// One choice in a picker.
public struct PickerItem: Sendable, Equatable {
    public var label: String
    /// Shown dimmed after the label (a branch's tier, an agent's branch).
    public var detail: String
    public var choice: PickerChoice
    public init(label: String, detail: String = "", operation: TicketOperation) {
        self.label = label; self.detail = detail; self.choice = .operation(operation)
    }
    public init(label: String, detail: String = "", template: Int64) {
        self.label = label; self.detail = detail; self.choice = .template(template)
    }
    public init(label: String, detail: String = "", choice: PickerChoice) {
        self.label = label; self.detail = detail; self.choice = choice
    }
}

/// A list to choose from with type-to-filter: assignees and branches, statuses, priorities.
public struct Picker: Sendable, Equatable {
    public var title: String
    public var items: [PickerItem]
    public var filter = ""
    public var selected = 0
    /// The keys, on the bottom border (a picker with keys of its own names them here, not in the title).
    public var keys = "↑↓ choose · Enter · Esc"

    public init(title: String, items: [PickerItem], keys: String? = nil) {
        self.title = title; self.items = items
        if let keys { self.keys = keys }
    }

    /// Items whose label or detail contains every typed word (any case).
    public var visible: [PickerItem] {
        let words = filter.lowercased().split(separator: " ")
        guard !words.isEmpty else { return items }
        return items.filter { item in
            let hay = (item.label + " " + item.detail).lowercased()
            return words.allSatisfy { hay.contains($0) }
        }
    }
}

/// What a one-line prompt is for.
public enum PromptKind: String, Sendable, Equatable {
    case note, tag, productArea, merge, link
    case reproNote, returnReason
    /// Composer fields short enough for one line (the longer ones open the editor).
    case nextAction, severityReason, workaroundText
    /// Logging a phone call, step by step.
    case callCaller, callSubject, callMinutes, callSummary
    /// A yes/no question about the pending operation (`AppState.pendingConfirmation`).
    case confirm

    public var label: String {
        switch self {
        case .note: "Internal note (agents only)"
        case .tag: "Tag (-tag removes one)"
        case .productArea: "Product area (empty clears it)"
        case .merge: "Merge this ticket into #"
        case .link: "Link this ticket to #"
        case .reproNote: "Repro steps (internal note)"
        case .returnReason: "Why does it go back? (required)"
        case .nextAction: "Next action for the next owner"
        case .severityReason: "Why this severity? (required)"
        case .workaroundText: "How does the customer get round it? (the update states it)"
        case .callCaller: "New phone ticket · caller's email"
        case .callSubject: "New phone ticket · subject"
        case .callMinutes: "Call length (minutes, or 1h05)"
        case .callSummary: "What was said (summary; Enter to choose the outcome)"
        case .confirm: "Assign anyway? (y/n)"
        }
    }
}

/// The agents and branches pickers offer, loaded once per session.
public struct Directory: Sendable, Equatable {
    public struct Person: Sendable, Equatable {
        public var handle: String
        public var name: String
        public var branch: String?
        public init(handle: String, name: String, branch: String?) {
            self.handle = handle; self.name = name; self.branch = branch
        }
    }
    public struct Team: Sendable, Equatable {
        public var name: String
        public var tier: BranchTier
        public init(name: String, tier: BranchTier) { self.name = name; self.tier = tier }
    }
    public var agents: [Person]
    public var branches: [Team]
    public init(agents: [Person], branches: [Team]) { self.agents = agents; self.branches = branches }
}

/// An operation waiting for the agent's yes: it gives the ticket to someone outside its branch or tier.
public struct PendingConfirmation: Sendable, Equatable {
    public var operation: TicketOperation
    public var ticket: Int64
    public var version: Int
    /// Why it is asked: "ben is in Technical L1, the ticket in Billing L1".
    public var reason: String
    public init(operation: TicketOperation, ticket: Int64, version: Int, reason: String) {
        self.operation = operation; self.ticket = ticket; self.version = version; self.reason = reason
    }
}
