import Foundation
import GRDB

/// One entry of a ticket's timeline: a message or an event, in time order.
public struct TimelineEntry: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case customerMessage, publicReply, internalNote, systemMessage, event }
    public var kind: Kind
    public var author: String
    public var channel: Channel?
    public var body: String
    public var createdAt: Int64
    /// Message id, or event id for events.
    public var sourceId: Int64
    /// The history a mail client quoted under the new text (folded on screen).
    public var quoted: String?
    /// Sent by a machine (an auto-reply, bulk mail, a bounce).
    public var auto: AutoKind?

    public init(
        kind: Kind, author: String, channel: Channel?, body: String, createdAt: Int64, sourceId: Int64, quoted: String? = nil,
        auto: AutoKind? = nil
    ) {
        self.kind = kind; self.author = author; self.channel = channel; self.body = body
        self.createdAt = createdAt; self.sourceId = sourceId; self.quoted = quoted; self.auto = auto
    }
}

extension TicketDetail {
    /// The number citations use for the message at timeline index `i` (from 1, oldest first, over
    /// every message of the ticket, as the escalation package counts them); nil for an event.
    public func messageNumber(atTimelineIndex i: Int) -> Int? {
        guard timeline.indices.contains(i), timeline[i].kind != .event else { return nil }
        return earlierMessages + timeline[..<i].reduce(0) { $1.kind == .event ? $0 : $0 + 1 } + 1
    }

    /// The timeline index of message number `n`; nil when it is older than the loaded window.
    public func timelineIndex(ofMessage n: Int) -> Int? {
        var number = earlierMessages
        for (i, e) in timeline.enumerated() where e.kind != .event {
            number += 1
            if number == n { return i }
        }
        return nil
    }
}

/// Another ticket shown beside this one: linked, merged, a follow-up, or the same customer's.
public struct RelatedTicket: Sendable, Equatable, Codable {
    public var id: Int64
    public var subject: String
    public var status: TicketStatus
    public var productArea: String?
    public var createdAt: Int64
    /// "related", "follow-up of", "followed up by", "merged into", "merged from"; nil for the customer's list.
    public var relation: String?
    /// Same product area, opened within the policy's repeat window of this ticket.
    public var repeated: Bool

    public init(
        id: Int64, subject: String, status: TicketStatus, productArea: String?, createdAt: Int64,
        relation: String? = nil, repeated: Bool = false
    ) {
        self.id = id; self.subject = subject; self.status = status; self.productArea = productArea
        self.createdAt = createdAt; self.relation = relation; self.repeated = repeated
    }
}

/// Everything the ticket pane shows about one ticket, loaded in one read.
public struct TicketDetail: Sendable, Equatable {
    public var ticket: Ticket
    public var customer: Customer
    public var organization: Organization?
    public var accountOwner: Agent?
    public var branch: Branch?
    public var assignee: Agent?
    public var timeline: [TimelineEntry]
    /// Messages older than the loaded window, not in `timeline`.
    public var earlierMessages: Int
    /// Linked, merged and follow-up tickets.
    public var links: [RelatedTicket]
    /// The customer's other tickets: open ones and those of the last 90 days, newest first.
    public var customerTickets: [RelatedTicket]
    /// How many such tickets exist (the list holds at most `customerTicketLimit`).
    public var customerTicketCount: Int
    /// The customer's other ticket in the same product area opened within the policy's repeat
    /// window of this one (the nearest in time), whether or not it is in the list above.
    public var repeatOf: Int64?
    /// The ticket's SLA evaluated when it was loaded (nil: no policy covers it).
    public var sla: SLAReport?
    /// Triggers, the open escalation and the history of escalations and returns.
    public var escalation = EscalationPanel(triggers: [], history: [], window: 0)
    /// Replies mailed from this ticket that did not go out: each one's error (they wait in the outbox).
    public var undeliveredMail: [String] = []

    public init(
        ticket: Ticket, customer: Customer, organization: Organization?, accountOwner: Agent?,
        branch: Branch?, assignee: Agent?, timeline: [TimelineEntry], earlierMessages: Int,
        links: [RelatedTicket] = [], customerTickets: [RelatedTicket] = [], customerTicketCount: Int = 0,
        repeatOf: Int64? = nil
    ) {
        self.ticket = ticket; self.customer = customer; self.organization = organization
        self.accountOwner = accountOwner; self.branch = branch; self.assignee = assignee
        self.timeline = timeline; self.earlierMessages = earlierMessages
        self.links = links; self.customerTickets = customerTickets; self.customerTicketCount = customerTicketCount
        self.repeatOf = repeatOf
    }

    /// Another ticket of the customer in the same product area was opened within the repeat window.
    public var isRepeat: Bool { repeatOf != nil }

    public static let customerTicketLimit = 12
    public static let customerHistoryDays: Int64 = 90

    /// The most recent messages a pane loads; older ones are counted, not fetched.
    public static let timelineWindow = 400

    public static func load(_ db: Database, id: Int64, now: Int64, repeatWindowDays: Int = 7) throws -> TicketDetail {
        // Cached statements: the pane loads a ticket on every open, and building the
        // query-interface SQL each time cost more than running it.
        func one<R: FetchableRecord>(_ type: R.Type, _ table: String, _ key: Int64?) throws -> R? {
            guard let key else { return nil }
            return try R.fetchOne(db.cachedStatement(sql: "SELECT * FROM \(table) WHERE id = ?"), arguments: [key])
        }
        guard let ticket = try one(Ticket.self, "tickets", id) else { throw DeskError.unknownTicket(id) }
        guard let customer = try one(Customer.self, "customers", ticket.customerId) else { throw DeskError.unknownTicket(id) }
        let org = try one(Organization.self, "organizations", customer.organizationId)
        let owner = try one(Agent.self, "agents", customer.accountOwnerId)
        let branch = try one(Branch.self, "branches", ticket.branchId)
        let assignee = try one(Agent.self, "agents", ticket.assigneeId)
        let total =
            try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM messages WHERE ticketId = ?"), arguments: [id]) ?? 0
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT * FROM (
                      SELECT m.id, m.authorKind, m.visibility, m.channel, m.body, m.createdAt, m.quoted, m.auto,
                             COALESCE(a.name, c.name, 'system') AS author
                      FROM messages m
                      LEFT JOIN agents a ON a.id = m.agentId
                      LEFT JOIN customers c ON c.id = m.customerId
                      WHERE m.ticketId = ? ORDER BY m.createdAt DESC, m.id DESC LIMIT ?
                    ) ORDER BY createdAt, id
                    """), arguments: [id, timelineWindow])
        var timeline: [TimelineEntry] = rows.map { r in
            let author: String = r["author"]
            let kind: TimelineEntry.Kind
            switch (r["authorKind"] as String, r["visibility"] as String) {
            case ("customer", _): kind = .customerMessage
            case (_, "internal"): kind = .internalNote
            case ("system", _): kind = .systemMessage
            default: kind = .publicReply
            }
            return TimelineEntry(
                kind: kind, author: author, channel: Channel(rawValue: r["channel"]),
                body: r["body"], createdAt: r["createdAt"], sourceId: r["id"], quoted: r["quoted"],
                auto: (r["auto"] as String?).flatMap(AutoKind.init))
        }
        let since = timeline.first?.createdAt ?? 0
        let events = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT e.id, e.kind, e.data, e.createdAt, COALESCE(a.name, 'desk') AS actor
                    FROM events e LEFT JOIN agents a ON a.id = e.actorId
                    WHERE e.ticketId = ? AND e.createdAt >= ?
                      AND (e.kind NOT LIKE 'message.%' OR (e.kind = 'message.customer' AND e.data LIKE '%"after"%'))
                      AND e.kind NOT LIKE 'trigger.%'
                    ORDER BY e.id DESC LIMIT ?
                    """), arguments: [id, total > timelineWindow ? since : 0, timelineWindow])
        for e in events {
            let data = (try? JSONDecoder().decode([String: String].self, from: Data((e["data"] as String).utf8))) ?? [:]
            timeline.append(
                TimelineEntry(
                    kind: .event, author: e["actor"], channel: nil,
                    body: EventText.describe(kind: e["kind"], data: data),
                    createdAt: e["createdAt"], sourceId: e["id"]))
        }
        // At the same second, the event (opened, assigned) comes before the message it led to.
        timeline.sort {
            ($0.createdAt, $0.kind == .event ? 0 : 1, $0.sourceId) < ($1.createdAt, $1.kind == .event ? 0 : 1, $1.sourceId)
        }
        let (others, otherCount) = try customerTickets(db, ticket, now: now, repeatWindowDays: repeatWindowDays)
        return TicketDetail(
            ticket: ticket, customer: customer, organization: org, accountOwner: owner,
            branch: branch, assignee: assignee, timeline: timeline,
            earlierMessages: max(0, total - timelineWindow), links: try links(db, id),
            customerTickets: others, customerTicketCount: otherCount,
            repeatOf: try repeatOf(db, ticket, repeatWindowDays: repeatWindowDays))
    }

    /// The nearest same-area ticket of the customer within the repeat window, from the customer
    /// index (customerId, createdAt, …, productArea): a range scan, however many tickets they have.
    static func repeatOf(_ db: Database, _ ticket: Ticket, repeatWindowDays: Int) throws -> Int64? {
        guard let area = ticket.productArea, !area.isEmpty else { return nil }
        let created = ticket.createdAt.dbSeconds
        let window = Int64(repeatWindowDays) * 86_400
        return try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id FROM tickets
                    WHERE customerId = ? AND id <> ? AND createdAt BETWEEN ? AND ? AND productArea = ?
                    ORDER BY abs(createdAt - ?) LIMIT 1
                    """),
            arguments: [ticket.customerId, ticket.id, created - window, created + window, area, created])
    }

    static func links(_ db: Database, _ id: Int64) throws -> [RelatedTicket] {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT t.id, t.subject, t.status, t.productArea, t.createdAt,
                           CASE l.kind WHEN 'related' THEN 'related' WHEN 'merged' THEN 'merged into'
                                       ELSE 'follow-up of' END AS relation
                    FROM ticket_links l JOIN tickets t ON t.id = l.otherId WHERE l.ticketId = ?
                    UNION ALL
                    SELECT t.id, t.subject, t.status, t.productArea, t.createdAt,
                           CASE l.kind WHEN 'related' THEN 'related' WHEN 'merged' THEN 'merged from'
                                       ELSE 'followed up by' END
                    FROM ticket_links l JOIN tickets t ON t.id = l.ticketId WHERE l.otherId = ?
                    ORDER BY 1 LIMIT 50
                    """), arguments: [id, id])
        return rows.map {
            RelatedTicket(
                id: $0["id"], subject: $0["subject"], status: TicketStatus(rawValue: $0["status"]) ?? .open,
                productArea: $0["productArea"], createdAt: $0["createdAt"], relation: $0["relation"])
        }
    }

    /// The customer's open tickets and those opened in the last 90 days, from the customer index;
    /// a customer with hundreds of tickets costs a bounded scan, not a sort of them all.
    static func customerTickets(
        _ db: Database, _ ticket: Ticket, now: Int64, repeatWindowDays: Int
    ) throws -> ([RelatedTicket], Int) {
        let since = now - customerHistoryDays * 86_400
        let window = Int64(repeatWindowDays) * 86_400
        let created = ticket.createdAt.dbSeconds
        let filter = """
            FROM tickets WHERE customerId = ? AND id <> ?
              AND (createdAt >= ? OR status NOT IN ('solved','closed'))
            """
        let count =
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) " + filter), arguments: [ticket.customerId, ticket.id, since]) ?? 0
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT id, subject, status, productArea, createdAt " + filter + " ORDER BY createdAt DESC LIMIT ?"),
            arguments: [ticket.customerId, ticket.id, since, customerTicketLimit])
        let list = rows.map { r -> RelatedTicket in
            let area: String? = r["productArea"]
            let at: Int64 = r["createdAt"]
            let repeated = area != nil && area == ticket.productArea && abs(at - created) <= window
            return RelatedTicket(
                id: r["id"], subject: r["subject"], status: TicketStatus(rawValue: r["status"]) ?? .open,
                productArea: area, createdAt: at, repeated: repeated)
        }
        return (list, count)
    }
}

/// Human wording for events shown inline in a timeline ("moved this to solved").
public enum EventText {
    public static func describe(kind: String, data: [String: String]) -> String {
        let after = data["after"] ?? "?"
        switch kind {
        case "ticket.created": return "opened this ticket via \(data["channel"] ?? "?")"
        case "ticket.assigned":
            if after.isEmpty { return "unassigned this" }
            return data["how"] == "automatic" ? "assigned this to \(after) (automatic)" : "assigned this to \(after)"
        case "ticket.status":
            if let auto = data["auto"] { return "closed this automatically (\(auto))" }
            return "changed status \(data["before"] ?? "?") → \(after)"
        case "ticket.routed":
            let rule = data["rule"].map { $0 == "default" ? "no rule matched: default branch" : "by rule `\($0)`" } ?? "?"
            let who = data["assignee"].map { ", assigned to \($0)" } ?? ""
            return "routed this to \(after) (\(rule))\(who)"
        case "ticket.moved":
            let who = data["assignee"].map { ", assigned to \($0)" } ?? ""
            return "moved this to \(after)\(who)"
        case "ticket.priority": return "changed priority \(data["before"] ?? "?") → \(after)"
        case "sla.policy":
            let before = data["before"] ?? ""
            if after.isEmpty { return "SLA no longer applies (was \(before))" }
            return before.isEmpty ? "SLA policy \(after) now applies" : "SLA policy changed \(before) → \(after)"
        case "ticket.area":
            if after.isEmpty { return "cleared the product area (was \(data["before"] ?? "?"))" }
            return "set the product area to \(after)"
        case "ticket.tagged": return "tagged this \(data["tag"] ?? "?")"
        case "ticket.untagged": return "removed tag \(data["tag"] ?? "?")"
        case "ticket.merged": return "merged this into #\(data["into"] ?? "?") (\(data["messages"] ?? "0") messages moved)"
        case "ticket.merged-in": return "merged #\(data["from"] ?? "?") into this (\(data["messages"] ?? "0") messages moved)"
        case "ticket.linked": return "linked this to #\(data["other"] ?? "?")"
        case "ticket.follow-up-of": return "opened this as a follow-up of closed #\(data["other"] ?? "?")"
        case "ticket.followed-up": return "customer wrote again: follow-up #\(data["other"] ?? "?")"
        case "escalation.requested":
            let agent = data["toAgent"].flatMap { $0.isEmpty ? nil : " (\($0))" } ?? ""
            let late = data["late"] == "yes" ? ", late" : ""
            return
                "escalated this to \(data["to"] ?? "?")\(agent) · escalation #\(data["escalation"] ?? "?"), \(data["severity"] ?? "?")\(late), update \(data["update"] ?? "not sent")"
        case "escalation.accepted": return "accepted escalation #\(data["escalation"] ?? "?")"
        case "escalation.returned": return "returned escalation #\(data["escalation"] ?? "?"): \(data["reason"] ?? "")"
        case "escalation.resolved", "escalation.withdrawn":
            let verb = kind == "escalation.resolved" ? "resolved" : "withdrew"
            let why = data["reason"].flatMap { $0.isEmpty ? nil : ": \($0)" } ?? ""
            return "\(verb) escalation #\(data["escalation"] ?? "?")\(why)"
        case "ticket.deescalated": return "de-escalated this back to \(data["to"] ?? "?")"
        case "ticket.severity":
            let why = data["reason"].map { " (by hand: \($0))" } ?? data["rule"].map { " (rubric row `\($0)`)" } ?? ""
            return "severity \(data["before"].flatMap { $0.isEmpty ? nil : $0 } ?? "unrated") → \(after)\(why)"
        case "ticket.assessed":
            return "recorded "
                + [data["impact"].map { "impact \($0)" }, data["workaround"].map { "workaround \($0)" }].compactMap { $0 }
                .joined(separator: ", ")
        case "template.inserted": return "inserted template \(data["name"] ?? "?")"
        case "template.sent":
            return "sent a \(data["visibility"] == "internal" ? "note" : "reply") using template \(data["name"] ?? "?")"
        case "mail.sent": return "mailed the reply to \(data["to"] ?? "?")"
        case "mail.failed":
            return
                "could NOT mail the reply to \(data["to"] ?? "?") (attempt \(data["attempt"] ?? "?")): \(data["error"] ?? "?") — desk outbox retry"
        case "mail.bounced":
            return "✉ reply of \(utcStamp(data["replyAt"])) to \(data["to"] ?? "?") bounced: \(data["reason"] ?? "no reason given")"
        case "mail.report":
            return
                "✉ reply of \(utcStamp(data["replyAt"])) to \(data["to"] ?? "?"): delivery \(data["action"] ?? "?") (\(data["reason"] ?? "no reason given"))"
        case "ticket.field":
            let after = data["after"] ?? ""
            return after.isEmpty ? "cleared \(data["field"] ?? "?")" : "set \(data["field"] ?? "?") to \(after)"
        case "message.customer":
            return data["after"] == "open" ? "customer replied: reopened (was \(data["before"] ?? "?"))" : "customer replied"
        default: return kind
        }
    }

    /// "Nov 20 10:42 UTC" for epoch seconds: event text has no viewer's zone, so it says which it uses.
    static func utcStamp(_ epoch: String?) -> String {
        guard let s = epoch.flatMap({ Int64($0) }) else { return "?" }
        let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        let (_, m, d) = CivilDate.civil(Int(days))
        let secs = s - days * 86_400
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(months[m - 1]) \(d) \(two(secs / 3600)):\(two(secs % 3600 / 60)) UTC"
    }
}
