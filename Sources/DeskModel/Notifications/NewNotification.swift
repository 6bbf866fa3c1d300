import Foundation

/// A notification about to be stored: for whom, about which ticket, what caused it.
/// The write path makes these from its events; `bounced` is for the mail side.
public struct NewNotification: Sendable, Equatable {
    public var kind: NotificationKind
    public var agentId: Int64
    public var ticketId: Int64
    /// The event that caused it, when there is one.
    public var eventId: Int64?
    /// The agent whose action caused it (nil: a customer, routing, the clock, the mail system).
    public var actorId: Int64?
    public var text: String
    /// SLA at risk only: the target and its deadline (what makes it a notification once).
    public var slaTarget: SLAKind?
    public var slaDueAt: Int64?
    /// Stored already read: the agent caused or is looking at what it says.
    public var read = false

    public init(
        kind: NotificationKind, agentId: Int64, ticketId: Int64, eventId: Int64? = nil, actorId: Int64? = nil, text: String
    ) {
        self.kind = kind; self.agentId = agentId; self.ticketId = ticketId; self.eventId = eventId
        self.actorId = actorId; self.text = text
    }

    /// "Your reply bounced": for the agent who wrote the reply a delivery report says never
    /// arrived. `event`: the event recording the failure, `reason` the remote server's words.
    public static func bounced(ticket: Int64, agent: Int64, event: Int64?, reason: String) -> NewNotification {
        let why = Excerpt.line(reason)
        return NewNotification(
            kind: .replyBounced, agentId: agent, ticketId: ticket, eventId: event,
            text: why.isEmpty ? "Your reply bounced" : "Your reply bounced: \(why)")
    }
}

/// The first line of a text, cut to a length a list can show.
enum Excerpt {
    static func line(_ text: String, limit: Int = 120) -> String {
        let first = text.split(whereSeparator: \.isNewline).lazy.map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty } ?? ""
        return first.count > limit ? String(first.prefix(limit - 1)) + "…" : first
    }
}
