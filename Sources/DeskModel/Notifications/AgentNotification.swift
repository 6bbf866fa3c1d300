import GRDB

/// One notification as an agent's list shows it.
public struct AgentNotification: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var kind: NotificationKind
    public var ticketId: Int64
    public var subject: String
    /// Who caused it: an agent's handle, the customer's name for a customer's message, nil for
    /// the desk itself (routing, the SLA clock, the mail system).
    public var causedBy: String?
    public var text: String
    public var createdAt: Int64
    /// Nil while unread.
    public var readAt: Int64?
    /// SLA at risk only: the target and its deadline.
    public var slaTarget: SLAKind?
    public var slaDueAt: Int64?
    /// The event that caused it, when there is one.
    public var eventId: Int64?

    public var isRead: Bool { readAt != nil }

    public init(
        id: Int64, kind: NotificationKind, ticketId: Int64, subject: String, causedBy: String?, text: String,
        createdAt: Int64, readAt: Int64? = nil, slaTarget: SLAKind? = nil, slaDueAt: Int64? = nil, eventId: Int64? = nil
    ) {
        self.id = id; self.kind = kind; self.ticketId = ticketId; self.subject = subject; self.causedBy = causedBy
        self.text = text; self.createdAt = createdAt; self.readAt = readAt; self.slaTarget = slaTarget
        self.slaDueAt = slaDueAt; self.eventId = eventId
    }

    /// Columns as `selectSQL` lists them.
    init(row: Row) throws {
        self.init(
            id: row[0], kind: try row.value("kind"), ticketId: row[2], subject: row[3], causedBy: row[4], text: row[5],
            createdAt: row[6], readAt: row[7], slaTarget: row[8], slaDueAt: row[9], eventId: row[10])
    }

    /// An agent's notifications with their tickets' subjects and who caused them; `WHERE` follows.
    static let selectSQL = """
        SELECT n.id, n.kind, n.ticketId, t.subject,
               CASE WHEN n.actorId IS NOT NULL THEN a.handle WHEN n.kind = 'customer-replied' THEN c.name END,
               n.text, n.createdAt, n.readAt, n.slaTarget, n.slaDueAt, n.eventId
        FROM notifications n
        JOIN tickets t ON t.id = n.ticketId
        LEFT JOIN agents a ON a.id = n.actorId
        LEFT JOIN customers c ON c.id = t.customerId AND n.kind = 'customer-replied'
        """
}

extension NotificationKind: DatabaseValueConvertible {}
