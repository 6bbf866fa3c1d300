import Foundation
import GRDB

/// A customer's case: the row the queue lists and every write is checked against.
public struct Ticket: Codable, Sendable, Equatable, EpochDatedRecord {
    public var id: Int64?
    public var subject: String
    public var status: TicketStatus
    public var priority: TicketPriority
    public var channel: Channel
    public var productArea: String?
    public var tags: String
    public var branchId: Int64?
    public var assigneeId: Int64?
    public var customerId: Int64
    /// Bumped by every write; a write made against an older version is refused.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var solvedAt: Date?
    public var closedAt: Date?
    /// The routing rule that placed the ticket in its branch (`default` when none matched).
    public var routedBy: String?
    /// The address the ticket was sent to, and its language tag: facts routing rules read.
    public var recipient: String?
    public var language: String?
    /// Set on a merged duplicate: the ticket its history moved to.
    public var mergedIntoId: Int64?
    /// The SLA policy that applies, and what the write path derives from it (docs/sla.md):
    /// the earliest pending deadline, when it turns at risk, and whether the nearest target is paused.
    public var slaPolicy: String?
    public var slaDueAt: Date?
    public var slaWarnAt: Date?
    public var slaPaused: Bool = false
    /// The target `slaDueAt` belongs to.
    public var slaDueTarget: SLAKind?
    /// What the severity rubric reads (nil: not known yet), and the severity with the rubric row
    /// behind it; `severityOverride` is the agent's reason when set by hand.
    public var impact: Impact?
    public var workaround: Workaround?
    public var severity: Severity?
    public var severityRule: String?
    public var severityOverride: String?
    /// Values of the policy's custom fields, as a JSON object of texts.
    public var fields: String = "{}"

    public static let databaseTableName = "tickets"

    /// The ticket as reading its row back gives it: dates in whole seconds.
    var asStored: Ticket {
        func whole(_ d: Date) -> Date { Date(dbSeconds: d.dbSeconds) }
        var t = self
        t.createdAt = whole(createdAt)
        t.updatedAt = whole(updatedAt)
        t.solvedAt = solvedAt.map(whole)
        t.closedAt = closedAt.map(whole)
        t.slaDueAt = slaDueAt.map(whole)
        t.slaWarnAt = slaWarnAt.map(whole)
        return t
    }

    public init(
        id: Int64? = nil, subject: String, status: TicketStatus = .new, priority: TicketPriority = .normal,
        channel: Channel, productArea: String? = nil, tags: [String] = [], branchId: Int64? = nil,
        assigneeId: Int64? = nil, customerId: Int64, version: Int = 1, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.subject = subject
        self.status = status
        self.priority = priority
        self.channel = channel
        self.productArea = productArea
        self.tags = tags.joined(separator: ",")
        self.branchId = branchId
        self.assigneeId = assigneeId
        self.customerId = customerId
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    public var tagList: [String] { tags.split(separator: ",").map(String.init) }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One entry of a ticket's conversation: a customer message, a public reply or an internal note.
public struct Message: Codable, Sendable, Equatable, EpochDatedRecord {
    public var id: Int64?
    public var ticketId: Int64
    public var authorKind: AuthorKind
    public var agentId: Int64?
    public var customerId: Int64?
    public var visibility: Visibility
    public var channel: Channel
    public var body: String
    /// Email threading headers, kept verbatim.
    public var messageIdHeader: String?
    public var inReplyTo: String?
    public var references: String?
    public var createdAt: Date
    /// An internal note the agent marked as reproduction steps.
    public var repro: Bool = false
    /// The quoted history under a mail's new text (folded on screen).
    public var quoted: String?
    /// Sent by a machine: recorded on the ticket, never reopens it or counts for SLA.
    public var auto: AutoKind?
    /// SHA-256 of the raw mail (deduplicates mail without a Message-ID).
    public var contentHash: String?
    /// JSON: the sender, a call's duration and outcome, a channel's metadata.
    public var meta: String = "{}"

    public static let databaseTableName = "messages"

    public init(
        id: Int64? = nil, ticketId: Int64, authorKind: AuthorKind, agentId: Int64? = nil, customerId: Int64? = nil,
        visibility: Visibility, channel: Channel, body: String, messageIdHeader: String? = nil,
        inReplyTo: String? = nil, references: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.ticketId = ticketId
        self.authorKind = authorKind
        self.agentId = agentId
        self.customerId = customerId
        self.visibility = visibility
        self.channel = channel
        self.body = body
        self.messageIdHeader = messageIdHeader
        self.inReplyTo = inReplyTo
        self.references = references
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The audit trail and the only source of metrics: one row per change, with before and after.
public struct TicketEvent: Codable, Sendable, Equatable, EpochDatedRecord {
    public var id: Int64?
    public var ticketId: Int64?
    public var actorId: Int64?
    public var kind: String
    /// JSON object: at least `before`/`after` where something changed.
    public var data: String
    public var createdAt: Date

    public static let databaseTableName = "events"

    public init(id: Int64? = nil, ticketId: Int64?, actorId: Int64?, kind: String, data: [String: String], createdAt: Date) {
        self.id = id
        self.ticketId = ticketId
        self.actorId = actorId
        self.kind = kind
        self.data = TicketEvent.encode(data)
        self.createdAt = createdAt
    }

    /// The ticket's version this event was written at (nil for events older than migration v11,
    /// and for events a change writes on another ticket).
    public var ticketVersion: Int?

    public var fields: [String: String] { Self.decode(data) }

    static func decode(_ data: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(data.utf8))) ?? [:]
    }

    static func encode(_ data: [String: String]) -> String {
        JSONObjectText.encode(data)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
