import DeskModel

/// Everything that can happen to the console: input, time, and results of effects.
public enum Action: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    case tick(now: Int64)
    /// Another process committed to the database.
    case databaseChanged
    /// No input is waiting: time to prefetch what the next key will probably need.
    case idle
    /// `total` is nil when the page was loaded without counting (scrolling within a known queue).
    case queueLoaded(query: QueueQuery, total: Int?, offset: Int, rows: [QueueRow])
    case ticketLoaded(TicketDetail)
    /// The ticket under the queue cursor, loaded ahead of Enter.
    case ticketPreloaded(TicketDetail)
    case failed(String)
    /// The console's heartbeat is due (every 10 s): say I am still here, see who else is.
    case heartbeatDue
    case presenceLoaded(ticket: Int64, [PresenceEntry])
    /// `openPicker`: the agent pressed assign before it was loaded; open the picker now.
    case directoryLoaded(Directory, openPicker: Bool)
    /// A ticket operation went through.
    case operationDone(TicketOperation, ticket: Int64)
    /// It was refused; `conflict` when the ticket changed underneath (it is reloaded).
    case operationFailed(TicketOperation, ticket: Int64, message: String, conflict: Bool)
    case boardLoaded(SLABoard)
    case escalationsLoaded(EscalationOverview)
    case draftLoaded(EscalationDraft)
}

/// Work for the outside world, described as data; the effect runner performs it.
public enum Effect: Sendable, Equatable {
    /// `count`: also count the whole queue (only when the query is new or the data changed).
    /// `anchor`: a loaded row the page starts after or ends before; `total`: the known count.
    case loadQueue(QueueQuery, offset: Int, limit: Int, count: Bool, anchor: QueueAnchor? = nil, total: Int? = nil)
    case loadTicket(id: Int64)
    case preloadTicket(id: Int64)
    /// Performs an operation on a ticket as loaded at `version` (a stale version is refused).
    case perform(TicketOperation, ticket: Int64, version: Int)
    /// Writes this console's presence (nil ticket: none), leaving `leaving`; reads the others'.
    case heartbeat(ticket: Int64?, writing: Bool, leaving: Int64?)
    /// Reads who else has the ticket open, without writing.
    case loadPresence(ticket: Int64)
    case loadDirectory(openPicker: Bool)
    case loadBoard(SLABoardFilter)
    case loadEscalations
    /// The composer's starting package for a ticket.
    case loadDraft(ticket: Int64)
}
