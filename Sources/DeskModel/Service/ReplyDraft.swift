import Foundation
import GRDB

/// An agent's unsent reply or note on a ticket, saved as they type and restored after any exit.
public struct ReplyDraft: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var ticketId: Int64
    public var agentId: Int64
    /// "reply" or "note".
    public var mode: String
    public var body: String
    public var updatedAt: Int64
    /// Templates inserted into the draft, comma-separated ids (recorded as used when it is sent).
    public var templateIds: String
    /// A macro's staged actions (MacroActions JSON).
    public var actions: String
    /// The ticket version the draft began from: the send is judged on it (nil: drafts saved before v11).
    public var baseVersion: Int?
    public static let databaseTableName = "drafts"

    public init(
        ticketId: Int64, agentId: Int64, mode: String, body: String, updatedAt: Int64, templateIds: [Int64] = [],
        actions: MacroActions = MacroActions(), baseVersion: Int? = nil
    ) {
        self.ticketId = ticketId; self.agentId = agentId; self.mode = mode; self.body = body; self.updatedAt = updatedAt
        self.templateIds = templateIds.map(String.init).joined(separator: ",")
        self.actions = actions.json
        self.baseVersion = baseVersion
    }

    public var templates: [Int64] { templateIds.split(separator: ",").compactMap { Int64($0) } }
    public var macro: MacroActions { MacroActions(json: actions) }
}

/// A reply or note to send, with what the agent chose to happen with it.
public struct SendRequest: Sendable, Equatable {
    public var body: String
    public var visibility: Visibility
    /// Send and set pending, send and solve (nil: send only; a macro's status applies).
    public var then: TicketStatus?
    public var templateIds: [Int64]
    public var actions: MacroActions
    /// The agent confirmed a public reply that contains internal-only markers.
    public var confirmedInternal: Bool

    public init(
        body: String, visibility: Visibility = .public, then: TicketStatus? = nil, templateIds: [Int64] = [],
        actions: MacroActions = MacroActions(), confirmedInternal: Bool = false
    ) {
        self.body = body; self.visibility = visibility; self.then = then; self.templateIds = templateIds
        self.actions = actions; self.confirmedInternal = confirmedInternal
    }
}
