/// A write a stress worker makes, as an agent would: each is one call into `Desk`.
public enum StressOp: String, Codable, Sendable, CaseIterable {
    case reply, note
    /// A public reply through the send path, setting the ticket pending in the same write.
    case send
    case assign, status, priority
    case escalate, accept, returnEscalation = "return", resolve, deescalate

    /// The kind of the event the write path records for it (the one that bumps the version).
    public var eventKind: String {
        switch self {
        case .reply, .send: "message.reply"
        case .note: "message.note"
        case .assign: "ticket.assigned"
        case .status: "ticket.status"
        case .priority: "ticket.priority"
        case .escalate: "escalation.requested"
        case .accept: "escalation.accepted"
        case .returnEscalation: "escalation.returned"
        case .resolve: "escalation.resolved"
        case .deescalate: "ticket.deescalated"
        }
    }

    /// Writes whose body carries the attempt's token.
    public var carriesToken: Bool { self == .reply || self == .note || self == .send }
}
