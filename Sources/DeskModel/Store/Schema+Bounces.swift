import GRDB

extension Schema {
    /// Bounces: an outbound message that a delivery report says failed is `bounced`, a state of
    /// its own so that `desk outbox retry` (which retries queued and failed mail) never sends it
    /// again unasked; and a report finds the message it names by Message-ID through an index.
    /// SQLite cannot change a CHECK in place, so the table is rebuilt (it holds one row per
    /// reply mailed). Its CHECK is written as `=`/OR terms, as v9 left every other list.
    static func bounces(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE outbound_new (
                    id INTEGER PRIMARY KEY,
                    ticketId INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    messageId INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    state TEXT NOT NULL CHECK ((state = 'queued' OR state = 'failed' OR state = 'sent' OR state = 'bounced')),
                    recipient TEXT NOT NULL,
                    messageIdHeader TEXT NOT NULL,
                    raw TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    lastError TEXT,
                    createdAt INTEGER NOT NULL,
                    updatedAt INTEGER NOT NULL,
                    sentAt INTEGER
                );
                INSERT INTO outbound_new (id, ticketId, messageId, state, recipient, messageIdHeader, raw, attempts,
                                          lastError, createdAt, updatedAt, sentAt)
                    SELECT id, ticketId, messageId, state, recipient, messageIdHeader, raw, attempts,
                           lastError, createdAt, updatedAt, sentAt FROM outbound;
                DROP TABLE outbound;
                ALTER TABLE outbound_new RENAME TO outbound;
                CREATE INDEX outbound_pending ON outbound(state, id) WHERE state <> 'sent';
                CREATE INDEX outbound_ticket ON outbound(ticketId);
                CREATE INDEX outbound_message_id ON outbound(messageIdHeader);
                """)
    }
}
