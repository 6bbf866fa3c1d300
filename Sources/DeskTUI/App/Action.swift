import DeskModel

/// Everything that can happen to the console: input, time, and results of effects.
public enum Action: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    case tick(now: Int64)
    /// Another process committed to the database.
    case databaseChanged
    /// A commit changed no ticket and no notification (`ChangeMark`): only presence may have moved.
    case presenceMayHaveChanged
    /// The console drew its first frame: what it shows besides the queue (the unread count) loads.
    case started
    /// No input is waiting: time to prefetch what the next key will probably need.
    case idle
    /// `total` is nil when the page was loaded without counting (scrolling within a known queue).
    case queueLoaded(query: QueueQuery, total: Int?, offset: Int, rows: [QueueRow])
    /// Where a ticket opened by number stands in the queue (nil: the view does not list it).
    case queuePositionFound(query: QueueQuery, ticket: Int64, position: Int?)
    case ticketLoaded(TicketDetail)
    /// The ticket under the queue cursor, loaded ahead of Enter.
    case ticketPreloaded(TicketDetail)
    case failed(String)
    /// A screen's load failed (`EffectRunner.failure`): the screen never stays on "Loading…".
    case loadFailed(Effect, message: String)
    /// The console's heartbeat is due (every 10 s): say I am still here, see who else is.
    case heartbeatDue
    case presenceLoaded(ticket: Int64, [PresenceEntry])
    /// `openPicker`: the agent pressed assign before it was loaded; open the picker now.
    case directoryLoaded(Directory, openPicker: Bool)
    /// A ticket operation went through; `alsoChanged`: what others changed meanwhile that did not
    /// clash with it ("ben added a note 20 s ago").
    case operationDone(TicketOperation, ticket: Int64, alsoChanged: [String] = [])
    /// It was refused; `conflict` when the ticket changed underneath in the same way (it is reloaded).
    case operationFailed(TicketOperation, ticket: Int64, message: String, conflict: TicketConflict? = nil)
    /// It gives the ticket outside its branch or tier (`reason`) and the policy says ask: ask the agent.
    case operationNeedsConfirmation(TicketOperation, ticket: Int64, version: Int, reason: String)
    case boardLoaded(SLABoard)
    case escalationsLoaded(EscalationOverview)
    case draftLoaded(EscalationDraft)
    /// Text pasted into the terminal (bracketed paste): inserted as text, never read as keys.
    case paste(String)
    /// The agent's saved reply draft for a ticket (nil: none), and the ticket's template suggestions.
    case replyDraftLoaded(ticket: Int64, ReplyDraft?)
    case suggestionsLoaded(ticket: Int64, [TemplateSuggestion])
    /// A template filled for the ticket, to insert at the cursor or to replace the draft.
    case templateReady(TemplateInsertion, replace: Bool)
    case templatesLoaded([Template])
    /// The external editor ($VISUAL / $EDITOR) returned this text (nil: it failed, with why).
    case externalEditDone(String?, error: String?)
    /// A reply or note is stored; `outbound`: its email, queued for delivery.
    case sent(ticket: Int64, status: TicketStatus?, outbound: Int64?)
    /// What happened to a reply's email: handed over, or not (with why).
    case delivered(ticket: Int64, text: String, failed: Bool)
    /// Not sent; `conflict`: a public reply or customer message came in since the draft began
    /// (or the field a macro sets changed), shown in the editor.
    case sendFailed(ticket: Int64, message: String, conflict: TicketConflict? = nil)
    /// The model found internal-only text the editor did not (a line of a note): ask the agent.
    case sendNeedsConfirmation(ticket: Int64, marker: String)
    case templateSaved(Template)
    /// This agent's unread notifications, counted.
    case unreadCountLoaded(Int)
    case notificationsLoaded([AgentNotification], unreadOnly: Bool)
}

/// Work for the outside world, described as data; the effect runner performs it.
public enum Effect: Sendable, Equatable {
    /// `count`: also count the whole queue (only when the query is new or the data changed).
    /// `anchor`: a loaded row the page starts after or ends before; `total`: the known count.
    case loadQueue(QueueQuery, offset: Int, limit: Int, count: Bool, anchor: QueueAnchor? = nil, total: Int? = nil)
    case loadTicket(id: Int64)
    /// Finds where a ticket stands in the queue, to put the cursor on it (`:open N`).
    case locateInQueue(QueueQuery, ticket: Int64)
    case preloadTicket(id: Int64)
    /// Performs an operation on a ticket, judged on `version`: the one the agent began from
    /// (the picker or prompt opening). A clashing change since then refuses it.
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
    case loadReplyDraft(ticket: Int64)
    case saveReplyDraft(ReplyDraft)
    case loadSuggestions(ticket: Int64)
    /// Fills a template for the ticket; `how` is recorded with the insertion (key 1–3, picker, macro).
    case insertTemplate(id: Int64, ticket: Int64, replace: Bool, how: String)
    case loadTemplates
    /// Suspends the console and edits the text in $VISUAL / $EDITOR (the console performs this one).
    case externalEdit(String)
    /// Sends the editor's text, judged on `version`: the one its draft began from.
    case send(ticket: Int64, version: Int, SendRequest)
    case loadUnreadCount
    case loadNotifications(unreadOnly: Bool, limit: Int)
    /// Marks read what the notifications said about a ticket (it was opened from the list).
    case markNotificationsRead(ticket: Int64)
    case markAllNotificationsRead
    /// Hands queued email to the mail system (its own lane: a slow or hung command holds up nothing).
    case deliver(ticket: Int64, outbound: [Int64])
    case saveTemplate(id: Int64, body: String)
}
