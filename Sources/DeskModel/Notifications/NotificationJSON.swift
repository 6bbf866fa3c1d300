/// The stable `--json` shape of one notification (`desk notifications`, docs/cli.md).
public struct NotificationJSON: Codable, Sendable, Equatable {
    public var id: Int64
    /// A `NotificationKind` raw value: assigned, escalated-to-branch, … (docs/notifications.md).
    public var kind: String
    public var ticket: Int64
    public var subject: String
    /// An agent's handle or the customer's name; absent when the desk itself caused it.
    public var causedBy: String?
    public var text: String
    public var createdAt: String
    public var read: Bool
    public var readAt: String?
    /// SLA at risk only: first_reply, next_reply, periodic_update or resolution, and its deadline.
    public var slaTarget: String?
    public var slaDue: String?

    public init(_ n: AgentNotification) {
        id = n.id; kind = n.kind.rawValue; ticket = n.ticketId; subject = n.subject; causedBy = n.causedBy
        text = n.text; createdAt = JSONTime.format(n.createdAt); read = n.isRead; readAt = n.readAt.map(JSONTime.format)
        slaTarget = n.slaTarget?.rawValue; slaDue = n.slaDueAt.map(JSONTime.format)
    }
}
