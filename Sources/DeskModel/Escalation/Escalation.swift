import Foundation
import GRDB

/// Where an escalation is: asked for, taken by the receiving side, sent back, done, or called off.
public enum EscalationState: String, Codable, CaseIterable, Sendable {
    case requested, accepted, returned, resolved, withdrawn
    /// Waiting for or held by the receiving side.
    public var isOpen: Bool { self == .requested || self == .accepted }
}

/// One handoff of a ticket from a branch (and agent) to a higher one, with its package.
public struct Escalation: Codable, Sendable, Equatable, EpochDatedRecord {
    public var id: Int64?
    public var ticketId: Int64
    public var fromBranchId: Int64?
    public var fromAgentId: Int64?
    public var toBranchId: Int64
    public var toAgentId: Int64?
    public var state: EscalationState
    /// JSON list of the `TriggerRecord`s that were active when it was requested.
    public var triggers: String
    /// JSON of the `EscalationPackage`.
    public var package: String
    /// When it was requested.
    public var createdAt: Date
    public var updatedAt: Date
    public var acceptedAt: Date?
    public var acceptedById: Int64?
    public var returnedAt: Date?
    public var resolvedAt: Date?
    public var withdrawnAt: Date?
    /// Why it was returned, resolved or withdrawn.
    public var reason: String?
    /// A trigger had been waiting longer than the policy's window when it was requested.
    public var late: Bool

    public static let databaseTableName = "escalations"

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var decodedPackage: EscalationPackage? {
        try? JSONDecoder().decode(EscalationPackage.self, from: Data(package.utf8))
    }

    public var decodedTriggers: [TriggerRecord] {
        (try? JSONDecoder().decode([TriggerRecord].self, from: Data(triggers.utf8))) ?? []
    }
}

/// A trigger as stored on the ticket: when it fired, when someone acted (escalated), when it stopped holding.
public struct TriggerRecord: Codable, Sendable, Equatable, FetchableRecord {
    public var id: Int64?
    public var ticketId: Int64
    public var kind: TriggerKind
    public var reason: String
    public var source: String
    public var firedAt: Int64
    public var actedAt: Int64?
    public var clearedAt: Int64?

    public static let databaseTableName = "ticket_triggers"

    public var text: String { "\(kind.label): \(reason)" }

    /// Not acted on within `window` seconds of firing (by `now`, or by when it was acted on).
    public func isLate(now: Int64, window: Int64) -> Bool {
        (actedAt ?? clearedAt ?? now) - firedAt > window
    }
}

/// An incident the team is working on; tickets carrying its tag want a customer-facing update.
public struct Incident: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var id: Int64?
    public var tag: String
    public var title: String
    public var openedAt: Int64
    public var closedAt: Int64?
    public static let databaseTableName = "incidents"
}
