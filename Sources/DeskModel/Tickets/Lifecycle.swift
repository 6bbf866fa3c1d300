/// The allowed status transitions, enforced by the service layer; a refused one says why.
///
///     new ─┬─> open ─┬─> pending ──┐
///          │         ├─> on-hold ──┤ (open, pending and on-hold move freely among themselves)
///          └─────────┴─> solved <──┘
///     solved ─> open (reopen) | closed (by hand, or automatically after the policy's days)
///     closed: final — a customer reply opens a linked follow-up ticket instead.
public enum Lifecycle {
    public static let allowed: [TicketStatus: Set<TicketStatus>] = [
        .new: [.open, .pending, .onHold, .solved],
        .open: [.pending, .onHold, .solved],
        .pending: [.open, .onHold, .solved],
        .onHold: [.open, .pending, .solved],
        .solved: [.open, .closed],
        .closed: [],
    ]

    /// Nil when the move is allowed; otherwise the reason it is not.
    public static func refusal(from: TicketStatus, to: TicketStatus) -> String? {
        if allowed[from]?.contains(to) == true { return nil }
        if from == to { return "it is already \(to.rawValue)" }
        if from == .closed {
            return "closed tickets are final; a customer reply opens a linked follow-up ticket instead"
        }
        if to == .new { return "a ticket cannot go back to new (new means nobody has worked on it yet)" }
        if to == .closed { return "only a solved ticket can be closed; solve it first" }
        return "\(from.rawValue) cannot move to \(to.rawValue)"
    }
}
