import Foundation
import GRDB

/// How a phone call ended.
public enum CallOutcome: String, Sendable, Equatable, CaseIterable, Codable {
    case resolved
    case followUp = "follow-up"
    case callback = "callback-scheduled"
    case voicemail
    case noAnswer = "no-answer"

    /// Whether the agent spoke with the customer: only then is the call a reply.
    public var reached: Bool { self != .voicemail && self != .noAnswer }

    public var label: String {
        switch self {
        case .resolved: "resolved on the call"
        case .followUp: "follow-up needed"
        case .callback: "callback scheduled"
        case .voicemail: "left a voicemail"
        case .noAnswer: "no answer"
        }
    }
}

/// A call the agent logs: how long, how it ended, what was said.
public struct PhoneCall: Sendable, Equatable {
    public var minutes: Int
    public var outcome: CallOutcome
    public var summary: String
    public init(minutes: Int, outcome: CallOutcome, summary: String) {
        self.minutes = minutes; self.outcome = outcome; self.summary = summary
    }

    /// The call as the history shows it.
    var body: String {
        "Phone call · \(minutes) min · \(outcome.label)" + (summary.trimmed.isEmpty ? "" : "\n\n" + summary)
    }

    var meta: String { JSONObjectText.encode(["duration": String(minutes * 60), "outcome": outcome.rawValue]) }

    /// "12", "12m", "1h05", "1:05", "90s" (rounded up to a minute); nil when it is none of these.
    public static func minutes(_ text: String) -> Int? {
        let t = text.trimmed.lowercased().replacingOccurrences(of: " ", with: "")
        let parts = t.split(whereSeparator: { $0 == "h" || $0 == ":" }).map(String.init)
        if t.hasSuffix("s"), let s = Int(t.dropLast()), s >= 0 { return (s + 59) / 60 }
        if parts.count == 2, t.contains("h") || t.contains(":"), let h = Int(parts[0]),
            let m = Int(parts[1].hasSuffix("m") ? String(parts[1].dropLast()) : parts[1]), m < 60
        {
            return h * 60 + m
        }
        if t.hasSuffix("h"), let h = Int(t.dropLast()) { return h * 60 }
        if let m = Int(t.hasSuffix("m") ? String(t.dropLast()) : t), m >= 0 { return m }
        return nil
    }
}

extension Desk {
    /// Logs a call on a ticket (channel phone). A call that reached the customer is a public
    /// reply for SLA and takes a new ticket into work; "resolved" also solves the ticket. A
    /// voicemail or no answer is an internal note. Nothing is mailed.
    @discardableResult
    public func logCall(ticket id: Int64, _ call: PhoneCall, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        try Self.check(call)
        return try change(
            ticket: id, by: actor, expectedVersion: expectedVersion, kind: "message.call",
            permission: call.outcome.reached ? .reply : .note
        ) { db, ticket, now in
            if ticket.status == .closed {
                throw DeskError.invalidRequest("ticket #\(id) is closed: log the call on a follow-up ticket.")
            }
            return try recordCall(db, call, on: &ticket, by: actor, now: now)
        }
    }

    /// A new phone ticket for a caller (a customer created on first contact) with the call as
    /// its first message; routed, assigned and timed like any new ticket.
    @discardableResult
    public func logCallTicket(customerEmail: String, subject: String, _ call: PhoneCall, by actor: Agent) throws -> Ticket {
        try Self.check(call)
        try check(actor, may: .reply)
        let email = customerEmail.trimmed
        guard Self.isPlausibleEmail(email) else { throw DeskError.invalidEmail(customerEmail) }
        try StoredText.validate(subject, field: "the subject")
        let subject = Sanitizer.singleLine(subject).trimmed
        guard !subject.isEmpty else { throw DeskError.invalidValue(field: "subject", value: "", allowed: ["any non-empty text"]) }
        let now = clock.now
        return try write { db in
            try closeExpired(db, now: now)
            let customer = try findOrCreateCustomer(db, email: email, name: nil, actor: actor, now: now)
            var first: Message? = nil
            let ticket = try insertTicket(
                db,
                NewTicket(
                    customer: customer, subject: subject, channel: .phone, createdAt: now, createdData: ["via": "phone"]),
                first: &first, by: actor, now: now)
            return try applyChange(db, ticket: ticket.id!, by: actor, expectedVersion: nil, kind: "message.call", now: now) {
                db, t, now in try recordCall(db, call, on: &t, by: actor, now: now)
            }
        }
    }

    func recordCall(
        _ db: Database, _ call: PhoneCall, on ticket: inout Ticket, by actor: Agent, now: Date
    ) throws
        -> [String: String]
    {
        var m = Message(
            ticketId: ticket.id!, authorKind: .agent, agentId: actor.id, visibility: call.outcome.reached ? .public : .internal,
            channel: .phone, body: call.body, createdAt: now)
        m.meta = call.meta
        try m.insertRow(db)
        var data = [
            "message": String(m.id!), "visibility": m.visibility.rawValue, "minutes": String(call.minutes),
            "outcome": call.outcome.rawValue,
        ]
        let target: TicketStatus? =
            call.outcome == .resolved ? .solved : (call.outcome.reached && ticket.status == .new ? .open : nil)
        if let target, target != ticket.status, Lifecycle.allowed[ticket.status]?.contains(target) == true {
            data["before"] = ticket.status.rawValue
            data["after"] = target.rawValue
            Self.apply(target, to: &ticket, now: now)
        }
        return data
    }

    static func check(_ call: PhoneCall) throws {
        try StoredText.validate(call.summary, field: "the call summary")
        guard (0...24 * 60).contains(call.minutes) else {
            throw DeskError.invalidValue(field: "call minutes", value: String(call.minutes), allowed: ["0 to 1440"])
        }
    }
}
