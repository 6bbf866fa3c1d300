import Foundation

/// A change someone else made to a ticket after the version an agent began from.
public struct ConcurrentChange: Sendable, Equatable, Codable {
    public var eventId: Int64
    /// The event's kind (`ticket.priority`, `message.customer`, …).
    public var kind: String
    public var aspects: Set<ChangeAspect>
    /// The agent's handle; nil for the customer or the system.
    public var actor: String?
    /// Who wrote it, for a message (an agent's or customer's name).
    public var author: String?
    public var before: String?
    public var after: String?
    public var at: Int64
    /// Seconds between this change and the refused write.
    public var age: Int64
    /// The message's text, for a reply or customer message (shown where the agent was writing).
    public var text: String?

    public init(
        eventId: Int64, kind: String, aspects: Set<ChangeAspect>, actor: String?, author: String?, before: String?,
        after: String?, at: Int64, age: Int64, text: String?
    ) {
        self.eventId = eventId; self.kind = kind; self.aspects = aspects; self.actor = actor; self.author = author
        self.before = before; self.after = after; self.at = at; self.age = age; self.text = text
    }

    /// A change a person would want to hear of (not the SLA or severity bookkeeping a write derives).
    public var isNoteworthy: Bool {
        aspects != [.other] || ["message.note", "message.call", "ticket.linked"].contains(kind)
    }

    /// "ada set priority to urgent 20 s ago".
    public var sentence: String { "\(what) \(Self.ago(age))" }

    /// "ada set priority to urgent".
    public var what: String {
        let who = actor ?? author ?? "desk"
        let to = after ?? ""
        switch kind {
        case "ticket.status": return "\(who) set status to \(to)"
        case "ticket.priority": return "\(who) set priority to \(to)"
        case "ticket.assigned": return to.isEmpty ? "\(who) unassigned it" : "\(who) assigned it to \(to)"
        case "ticket.moved", "ticket.routed": return "\(who) moved it to \(to)"
        case "ticket.tagged": return "\(who) tagged it \(after ?? "")"
        case "ticket.untagged": return "\(who) removed tag \(after ?? "")"
        case "ticket.area": return to.isEmpty ? "\(who) cleared the product area" : "\(who) set product area to \(to)"
        case "ticket.field": return "\(who) set a custom field"
        case "ticket.merged": return "\(who) merged it"
        case "message.reply":
            // A message is signed with its author's name, as the history shows it.
            let writer = author ?? who
            let moved = after.map { " (status → \($0))" } ?? ""
            return (aspects.contains(.publicReply) ? "\(writer) replied to the customer" : "\(writer) added a note") + moved
        case "message.note": return "\(who) added a note"
        case "message.customer": return "\(author ?? "the customer") wrote"
        case "message.call": return "\(who) logged a call"
        default:
            if kind.hasPrefix("escalation.") { return "\(who) \(kind.dropFirst("escalation.".count)) the escalation" }
            return "\(who): \(kind)"
        }
    }

    public static func ago(_ seconds: Int64) -> String {
        switch seconds {
        case ..<1: "just now"
        case ..<60: "\(seconds) s ago"
        case ..<3_600: "\(seconds / 60) min ago"
        case ..<86_400: "\(seconds / 3_600) h ago"
        default: "\(seconds / 86_400) d ago"
        }
    }
}

/// A write refused because the ticket changed since the version the agent began from, in the
/// way the write touches (`ChangeAspect`): what changed, by whom, when.
public struct TicketConflict: Sendable, Equatable, Codable {
    public var ticket: Int64
    /// The version the agent began from, and the ticket's version now.
    public var base: Int
    public var current: Int
    /// The changes since `base` that touch what the write touches (all of them when the log
    /// cannot tell: events written before versions were recorded).
    public var changes: [ConcurrentChange]

    public init(ticket: Int64, base: Int, current: Int, changes: [ConcurrentChange]) {
        self.ticket = ticket; self.base = base; self.current = current; self.changes = changes
    }

    /// New public replies and customer messages among the changes (what a reply must not ignore).
    public var newMessages: [ConcurrentChange] {
        changes.filter { !$0.aspects.isDisjoint(with: [.publicReply, .customerMessage]) }
    }

    public var sentence: String {
        let what = changes.isEmpty ? "it was changed" : changes.suffix(3).map(\.sentence).joined(separator: "; ")
        return "ticket #\(ticket) changed since you began (version \(base) → \(current)): \(what)."
    }
}
