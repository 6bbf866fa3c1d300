import DeskModel
import Foundation

/// Which pane has the keyboard.
public enum Pane: Sendable, Equatable { case queue, ticket }

/// What is layered over the panes, if anything.
public enum Overlay: Sendable, Equatable {
    case none
    /// The `/` prompt: typing filters the queue live.
    case filter(String)
    /// The `:` prompt.
    case command(String)
    /// The `?` overlay, scrolled by this many lines.
    case help(scroll: Int)
    /// Choosing an assignee, status or priority.
    case picker(Picker)
    /// One line of text for a note, a tag or a ticket number.
    case prompt(PromptKind, String)
}

/// The queue pane: its query, the loaded window of rows, selection and scroll (all absolute positions).
public struct QueueState: Sendable, Equatable {
    public var query: QueueQuery
    public var total = 0
    /// The filtered count reached its cap: there are more than `total` matches.
    public var totalIsLowerBound = false
    public var windowStart = 0
    public var rows: [QueueRow] = []
    public var selected = 0
    public var scrollTop = 0
    public var loaded = false
    /// The scroll position idle prefetch last widened the window for, so it asks once per position.
    public var prefetchedAt: Int?

    public init(query: QueueQuery) { self.query = query }

    public func row(at index: Int) -> QueueRow? {
        let i = index - windowStart
        return i >= 0 && i < rows.count ? rows[i] : nil
    }

    public var selectedRow: QueueRow? { row(at: selected) }
}

/// The ticket pane: the open ticket and how far its history is scrolled.
public struct TicketPaneState: Sendable, Equatable {
    public var detail: TicketDetail?
    public var scroll = 0
    /// The history laid out for the pane's width, from timeline entry `laidFrom` to the end. Derived
    /// from `detail`, the width and the zone, and kept because wrapping a long thread on every key
    /// and frame is the costliest part of a frame. Opening lays out the newest screens only; idle
    /// time and scrolling up lay out the rest (`TicketPaneLayout.swift`).
    public var lines: [StyledLine] = []
    /// The first timeline entry in `lines`; 0 once the whole history is laid out.
    public var laidFrom = 0
    /// Line numbers in `lines` where each laid-out entry starts (entry `laidFrom + i` at `entryStarts[i]`).
    public var entryStarts: [Int] = []
    /// Line numbers in `lines` where each customer message starts, for the jump keys.
    public var customerStarts: [Int] = []
    /// Long quoted text is folded unless the agent expanded it (`x`).
    public var quotesExpanded = false
    /// Other agents with this ticket open (from heartbeats).
    public var presence: [PresenceEntry] = []
    /// The escalation panel (`E`) is shown instead of the history.
    public var showEscalation = false
    /// How far the escalation panel is scrolled (its lines are laid out per frame: a few dozen).
    public var escalationScroll = 0
    /// The cited message number selected in the package (`]` / `[`), which Enter follows.
    public var citation: Int?
    /// The message a followed citation landed on: its header is marked in the history.
    public var markedMessage: Int?
    /// Lines the wrapped header needs beyond the layout's base, beside the queue and while writing
    /// (the pane is wider then): `Reducer.fitTicketHeader`.
    public var headerExtra = 0
    public var headerExtraWriting = 0
    public init() {}
}

/// The lead's SLA board: what it covers, what was last loaded, and the selected ticket.
public struct BoardState: Sendable, Equatable {
    public var filter = SLABoardFilter()
    public var data: SLABoard?
    public var mode = BoardMode.sla
    public var escalations: EscalationOverview?
    public var selected = 0
    public var scrollTop = 0
    /// Which part of the SLA board j/k move in (Tab): the tickets, or a table scrolled by its row.
    public var part = BoardPart.tickets
    public var branches = TableScroll()
    public var agents = TableScroll()
    public init() {}

    /// The ticket Enter opens, in either mode.
    public var selectedTicketId: Int64? {
        if mode == .escalations {
            let rows = escalations?.rows ?? []
            return selected < rows.count ? rows[selected].ticketId : nil
        }
        return selectedTicket?.id
    }

    /// Rows the selection moves over.
    public var rowCount: Int { mode == .escalations ? escalations?.rows.count ?? 0 : data?.tickets.count ?? 0 }

    public var selectedTicket: SLABoardTicket? {
        guard let data, selected < data.tickets.count else { return nil }
        return data.tickets[selected]
    }

    /// Scrolls just enough that the selected row is among the `page` rows shown.
    mutating func keepSelectionVisible(page: Int) {
        scrollTop = min(max(scrollTop, selected - page + 1), selected)
    }
}

/// The parts of the SLA board Tab moves between.
public enum BoardPart: Sendable, Equatable, CaseIterable {
    case tickets, branches, agents

    var next: BoardPart {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// A board table's selected row and first shown row. A table longer than its rows shows a last
/// "+N more" line summing the rest; the selection scrolls through them.
public struct TableScroll: Sendable, Equatable {
    public var selected = 0
    public var top = 0
    public init() {}

    /// Rows of data shown from `top` in `room` lines (one goes to "+N more" when more follow).
    static func shown(count: Int, room: Int, top: Int) -> Int {
        count - top > room ? max(1, room - 1) : max(0, count - top)
    }

    /// Moves the selection by `step` (clamped) and scrolls just enough to keep it shown.
    mutating func move(_ step: Int, count: Int, room: Int) {
        selected = min(max(0, selected + step), max(0, count - 1))
        clamp(count: count, room: room)
    }

    mutating func clamp(count: Int, room: Int) {
        selected = min(selected, max(0, count - 1))
        top = min(top, selected)
        while selected >= top + Self.shown(count: count, room: room, top: top) { top += 1 }
    }
}

/// The ticket version an action in progress began from (its picker or prompt opened on it).
public struct ActionBase: Sendable, Equatable {
    public var ticket: Int64
    public var version: Int
    public init(ticket: Int64, version: Int) { self.ticket = ticket; self.version = version }
}

/// The agent at the keyboard.
public struct AgentRef: Sendable, Equatable {
    public var id: Int64
    public var handle: String
    public var name: String
    public init(id: Int64, handle: String, name: String) { self.id = id; self.handle = handle; self.name = name }
}

/// A line for the status bar.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    public init(text: String, isError: Bool) { self.text = text; self.isError = isError }
}

/// Everything the console shows, as plain data. `reduce` changes it; `render` draws it.
public struct AppState: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var agent: AgentRef
    /// Seconds since 1970 at the last tick, for ages and times; render never reads a clock.
    public var now: Int64
    /// The zone times are shown in (the agent's).
    public var zone: TimeZone
    public var focus: Pane = .queue
    public var queue: QueueState
    public var ticket = TicketPaneState()
    /// The ticket under the queue cursor, loaded and laid out in idle time so Enter only shows it.
    /// Dropped when the data changes; never drawn.
    public var preloaded: TicketPaneState?
    /// The ticket last asked for by preload (even if that failed), so idle time asks once.
    public var preloadedId: Int64?
    public var overlay: Overlay = .none
    /// The version the open picker or prompt began from (`Reducer.trackActionBase`).
    public var actionBase: ActionBase?
    /// After a refused change, the picker to reopen on the current value once the ticket reloads.
    public var reopenOnLoad: Command?
    /// An assignment asked about (the `.confirm` prompt): y performs it, n or Esc drops it.
    public var pendingConfirmation: PendingConfirmation?
    public var status: StatusMessage?
    public var quit = false
    /// Agents and branches for the assign picker; nil until loaded.
    public var directory: Directory?
    /// The ticket this console last announced presence on, and whether it said "writing".
    public var presenceTicket: Int64?
    public var presenceWriting = false
    /// The policy's calendars and SLA policies: the queue counts a stored deadline down in its
    /// target's own time (business or calendar).
    public var sla = SLASettings()
    /// The unread count and, while open, the notifications list (shown instead of the panes).
    public var notifications = NotificationsState()
    /// The lead's SLA board, shown instead of the panes while open.
    public var board: BoardState?
    /// The escalation composer for the open ticket; shown over the panes while `open`.
    public var composer: ComposerState?
    /// A phone call being logged (its prompts and outcome picker).
    public var call: CallDraft?
    /// The policy's escalation rules (the composer re-judges severity as facts change).
    public var escalation = EscalationPolicy()
    /// The reply editor for the open ticket (kept while the agent looks elsewhere in the pane).
    public var reply: ReplyState?
    /// The policy's reply rules (custom fields, internal markers) and whether this agent may edit templates.
    public var replies = ReplyPolicy()
    public var canEditTemplates = false
    /// Templates as last listed (the picker).
    public var templates: [Template] = []
    /// The open ticket's top templates, and which ticket they are for.
    public var suggestions: [TemplateSuggestion] = []
    public var suggestionsFor: Int64?
    /// A ticket just shown whose draft and suggestions idle time loads.
    public var replyLoadPending: Int64?
    /// Which layout applies: writing gives the ticket pane the whole width.
    public var layout: Layout {
        let writing = reply?.focused == true && board == nil
        return Layout(
            width: width, height: height, writing: writing,
            headerExtra: writing ? ticket.headerExtraWriting : ticket.headerExtra)
    }

    public init(
        width: Int, height: Int, agent: AgentRef, now: Int64, zone: TimeZone = TimeZone(identifier: "UTC")!,
        view: QueueView = .open, sla: SLASettings = SLASettings(), escalation: EscalationPolicy = EscalationPolicy()
    ) {
        self.sla = sla
        self.escalation = escalation
        self.width = width
        self.height = height
        self.agent = agent
        self.now = now
        self.zone = zone
        queue = QueueState(query: QueueQuery(view: view, agentId: agent.id))
    }

    /// Below this the console shows how large the window must be.
    public static let minWidth = 80
    public static let minHeight = 24

    public var isTooSmall: Bool { width < Self.minWidth || height < Self.minHeight }

    /// The version an action on ticket `id` is judged on: its picker's or prompt's base, else the
    /// version on screen (a single key like take acts on what is shown).
    public func baseVersion(of id: Int64) -> Int {
        if let b = actionBase, b.ticket == id { return b.version }
        return ticket.detail?.ticket.id == id ? ticket.detail!.ticket.version : 0
    }
}
