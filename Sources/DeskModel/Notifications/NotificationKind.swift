/// What a notification tells its agent; the raw value is what the `notifications.kind` column
/// stores (its CHECK lists the same values). When each fires: docs/notifications.md.
public enum NotificationKind: String, Sendable, Equatable, CaseIterable, Codable {
    /// Someone else, or routing, made you the ticket's owner.
    case assigned
    /// An escalation arrived at your branch (no agent named).
    case escalatedToBranch = "escalated-to-branch"
    /// An escalation named you as its receiving agent.
    case escalatedToYou = "escalated-to-you"
    /// The receiving side returned your escalation.
    case escalationReturned = "escalation-returned"
    /// The receiving side accepted your escalation.
    case escalationAccepted = "escalation-accepted"
    /// The customer wrote on a ticket you own.
    case customerReplied = "customer-replied"
    /// An internal note named you with `@handle`.
    case mentioned
    /// An SLA target of a ticket you own crossed its warning threshold.
    case slaAtRisk = "sla-at-risk"
    /// A reply you sent came back undelivered.
    case replyBounced = "reply-bounced"

    /// A short label for lists: "assigned", "escalated to you", "SLA at risk".
    public var label: String {
        switch self {
        case .assigned: "assigned"
        case .escalatedToBranch: "escalated to branch"
        case .escalatedToYou: "escalated to you"
        case .escalationReturned: "escalation returned"
        case .escalationAccepted: "escalation accepted"
        case .customerReplied: "customer replied"
        case .mentioned: "mentioned"
        case .slaAtRisk: "SLA at risk"
        case .replyBounced: "reply bounced"
        }
    }
}
