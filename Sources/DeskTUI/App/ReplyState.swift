import DeskModel

/// Public reply or internal note: the editor's frame says which, in its label and colour.
public enum ReplyMode: String, Sendable, Equatable {
    case reply, note
    public var label: String { self == .reply ? "Reply to customer — public" : "Internal note — agents only" }
}

/// What the editor asks before a send goes out, one question at a time.
public enum SendStep: Sendable, Equatable {
    /// A value for a placeholder the ticket has no value for (`{{ticket.summary}}`).
    case placeholder(raw: String, value: String)
    /// The public reply contains internal-only text: y sends anyway.
    case confirmInternal(marker: String)
    /// Send, send and set pending, send and solve.
    case choose
    /// Waiting for the database.
    case sending
    /// Since the draft began someone replied or the customer wrote: shown in the editor with
    /// y send anyway · e edit · d discard.
    case conflict(TicketConflict)
}

/// A template being edited in the console (knowledge managers).
public struct TemplateRef: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public init(id: Int64, name: String) { self.id = id; self.name = name }
}

/// A part of the escalation package long enough to want the editor.
public enum EscalationField: String, Sendable, Equatable {
    case summary, repro, nextActions, customerUpdate

    public var label: String {
        switch self {
        case .summary: "Summary"
        case .repro: "Reproduction steps"
        case .nextActions: "Next actions"
        case .customerUpdate: "Customer-safe update"
        }
    }

    /// How the text becomes the package part.
    public var guide: String {
        switch self {
        case .summary, .repro: "a line each, sources as [#N] [field F] [rule R]"
        case .nextActions: "a line each: OWNER: what they do (no owner: the next owner)"
        case .customerUpdate: "what the customer will read"
        }
    }
}

/// What the editor's text is for: a message on the ticket, a template body, or a part of the
/// escalation package. Only a message is a draft that is saved and sent.
public enum EditorPurpose: Sendable, Equatable {
    case message
    case template(TemplateRef)
    case escalation(EscalationField)
}

/// The reply editor of the open ticket: the text, what it carries to the send, and its save state.
public struct ReplyState: Sendable, Equatable {
    public var ticketId: Int64
    public var mode: ReplyMode
    public var editor: EditorState
    /// The editor has the keyboard (the layout then gives the ticket the whole width).
    public var focused: Bool
    /// Templates inserted (recorded as used when the reply is sent) and a macro's staged actions.
    public var templateIds: [Int64] = []
    public var actions = MacroActions()
    /// Changed since the last save, and when that save was (`AppState.now`).
    public var dirty = false
    public var savedAt: Int64 = 0
    public var step: SendStep?
    /// The agent said yes to sending internal-only text in this send.
    public var confirmedInternal = false
    public var purpose = EditorPurpose.message
    /// The ticket version the draft began from: the send is judged on it, and a reload while
    /// writing never moves it (nil: not known, the version on screen is used).
    public var base: Int?

    public init(ticketId: Int64, mode: ReplyMode, text: String = "", focused: Bool = true) {
        self.ticketId = ticketId
        self.mode = mode
        editor = EditorState(text: text)
        self.focused = focused
    }

    /// A reply or note to this ticket (not a template or package part).
    public var isMessage: Bool { purpose == .message }

    /// The template being edited, if that is what the editor holds.
    public var template: TemplateRef? {
        if case .template(let t) = purpose { return t }
        return nil
    }

    /// The draft as stored (templates and staged actions with it).
    func draft(agent: Int64, now: Int64) -> ReplyDraft {
        ReplyDraft(
            ticketId: ticketId, agentId: agent, mode: mode.rawValue, body: editor.text, updatedAt: now, templateIds: templateIds,
            actions: actions, baseVersion: base)
    }

    /// Words in the draft, for the frame and the pane's draft line.
    public var wordCount: Int { editor.wordCount }
}
