import Foundation
import GRDB

/// The stable `--json` shape of a ticket (documented in docs/cli.md).
public struct TicketJSON: Codable, Sendable, Equatable {
    public struct CustomerJSON: Codable, Sendable, Equatable {
        public var email: String
        public var name: String
        public var tier: String
        public var organization: String?
    }
    public struct MessageJSON: Codable, Sendable, Equatable {
        public var id: Int64
        public var author: String
        public var authorKind: String
        public var visibility: String
        public var channel: String
        public var body: String
        public var createdAt: String
    }
    public var id: Int64
    public var subject: String
    public var status: String
    public var priority: String
    public var channel: String
    public var productArea: String?
    public var tags: [String]
    public var branch: String?
    public var assignee: String?
    public var customer: CustomerJSON
    public var version: Int
    public var createdAt: String
    public var updatedAt: String
    /// Present for `ticket show`; absent for writes.
    public var messages: [MessageJSON]?

    public init(_ d: TicketDetail, withMessages: Bool) {
        let t = d.ticket
        id = t.id ?? 0; subject = t.subject; status = t.status.rawValue; priority = t.priority.rawValue
        channel = t.channel.rawValue; productArea = t.productArea; tags = t.tagList; branch = d.branch?.name
        assignee = d.assignee?.handle; version = t.version
        customer = CustomerJSON(
            email: d.customer.email, name: d.customer.name, tier: d.customer.tier.rawValue,
            organization: d.organization?.name)
        createdAt = JSONTime.format(t.createdAt.dbSeconds); updatedAt = JSONTime.format(t.updatedAt.dbSeconds)
        messages =
            withMessages
            ? d.timeline.filter { $0.kind != .event }.map { e in
                MessageJSON(
                    id: e.sourceId, author: e.author,
                    authorKind: e.kind == .customerMessage ? "customer" : (e.kind == .systemMessage ? "system" : "agent"),
                    visibility: e.kind == .internalNote ? "internal" : "public",
                    channel: e.channel?.rawValue ?? "", body: e.body, createdAt: JSONTime.format(e.createdAt))
            } : nil
    }
}

/// The `--json` shape of one queue row (`ticket list`).
public struct QueueRowJSON: Codable, Sendable, Equatable {
    public var id: Int64
    public var subject: String
    public var status: String
    public var priority: String
    public var channel: String
    public var customer: String
    public var customerTier: String
    public var assignee: String?
    public var branch: String?
    public var createdAt: String
    public var updatedAt: String
    /// The nearest SLA target, as the text list shows it: which, its state at `now`, its
    /// deadline and the minutes left in its own time (negative once breached).
    public var slaTarget: String?
    public var slaState: String
    public var slaDue: String?
    public var slaLeftMinutes: Int64?

    public init(_ r: QueueRow, branch: String? = nil, now: Int64, settings: SLASettings) {
        id = r.id; subject = r.subject; status = r.status.rawValue; priority = r.priority.rawValue
        channel = r.channel.rawValue; customer = r.customerName; customerTier = r.customerTier.rawValue
        assignee = r.assignee; createdAt = JSONTime.format(r.createdAt); updatedAt = JSONTime.format(r.updatedAt)
        self.branch = branch
        slaTarget = r.sla.target?.rawValue; slaState = r.sla.state(at: now).rawValue
        slaDue = r.sla.dueAt.map(JSONTime.format); slaLeftMinutes = r.sla.left(at: now, settings: settings).map { $0 / 60 }
    }
}

/// Times in JSON are ISO 8601 UTC with seconds.
public enum JSONTime {
    public static func format(_ epoch: Int64) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date(dbSeconds: epoch))
    }

    public static func encode<T: Encodable>(_ value: T) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? enc.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
