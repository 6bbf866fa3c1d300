import GRDB

extension Schema {
    /// v12: what concerns an agent, stored per agent in the transaction of the write that caused
    /// it (docs/notifications.md), and each agent's unread count kept exact by triggers so the
    /// console's status line reads one row on every database change.
    static func notifications(_ db: Database) throws {
        // Written as IN lists for reading; stored as the OR form v9 gives every CHECK (no b-tree per insert).
        try db.execute(
            sql: checkListsRewritten(
                """
                CREATE TABLE notifications (
                    id INTEGER PRIMARY KEY,
                    agentId INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
                    ticketId INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    -- The event that caused it; none for what time alone brings (an SLA running low).
                    eventId INTEGER REFERENCES events(id) ON DELETE SET NULL,
                    -- The agent whose action caused it; none for customers, routing, the clock, mail.
                    actorId INTEGER REFERENCES agents(id) ON DELETE SET NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('assigned','escalated-to-branch','escalated-to-you','escalation-returned','escalation-accepted','customer-replied','mentioned','sla-at-risk','reply-bounced')),
                    text TEXT NOT NULL,
                    -- SLA at risk only: which target and the deadline it was at risk of missing.
                    slaTarget TEXT CHECK (slaTarget IN ('first_reply','next_reply','periodic_update','resolution')),
                    slaDueAt INTEGER,
                    createdAt INTEGER NOT NULL,
                    readAt INTEGER,
                    CHECK ((kind = 'sla-at-risk') = (slaTarget IS NOT NULL AND slaDueAt IS NOT NULL)),
                    -- Nobody is notified of what they did themselves.
                    CHECK (actorId IS NULL OR actorId <> agentId)
                );
                -- The list and the unread list: an agent's notifications, newest first.
                CREATE INDEX notifications_agent ON notifications(agentId, createdAt DESC, id DESC);
                CREATE INDEX notifications_unread ON notifications(agentId, createdAt DESC, id DESC) WHERE readAt IS NULL;
                -- Opening a ticket marks its notifications read (and a deleted ticket takes them along).
                CREATE INDEX notifications_ticket ON notifications(ticketId, agentId);
                -- A target at risk is told once per agent, ticket, target and deadline.
                CREATE UNIQUE INDEX notifications_sla_once ON notifications(agentId, ticketId, slaTarget, slaDueAt)
                    WHERE kind = 'sla-at-risk';
                CREATE TABLE notification_counts (
                    agentId INTEGER PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
                    unread INTEGER NOT NULL CHECK (unread >= 0)
                );
                CREATE TRIGGER notification_counts_insert AFTER INSERT ON notifications WHEN new.readAt IS NULL BEGIN
                    INSERT INTO notification_counts(agentId, unread) VALUES (new.agentId, 1)
                    ON CONFLICT(agentId) DO UPDATE SET unread = unread + 1;
                END;
                CREATE TRIGGER notification_counts_read AFTER UPDATE OF readAt ON notifications
                WHEN (old.readAt IS NULL) <> (new.readAt IS NULL) BEGIN
                    UPDATE notification_counts SET unread = unread + (CASE WHEN new.readAt IS NULL THEN 1 ELSE -1 END)
                    WHERE agentId = new.agentId;
                END;
                CREATE TRIGGER notification_counts_delete AFTER DELETE ON notifications WHEN old.readAt IS NULL BEGIN
                    UPDATE notification_counts SET unread = unread - 1 WHERE agentId = old.agentId;
                END;
                """))
    }
}
