import GRDB

extension Schema {
    /// v14: when each ticket next needs the trigger sweep. `checkAt` is the first instant its SLA
    /// can change with nothing written (`SLAClock.nextChange`), set by every write and by the sweep
    /// itself; NULL when only a write can change anything. New rows default to 0 (due at once), so
    /// a ticket written without the write path (the seeder, the demo) is swept. Existing unsolved
    /// tickets are due once; solved ones only if they still hold triggers. `maintenance_marks` keeps
    /// what `desk maintain` last did: the policy fingerprint it last re-evaluated SLA under.
    static func scheduledChecks(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE tickets ADD COLUMN checkAt INTEGER DEFAULT 0;
                UPDATE tickets SET checkAt = NULL
                WHERE status IN ('solved','closed')
                  AND NOT EXISTS (SELECT 1 FROM ticket_triggers g WHERE g.ticketId = tickets.id AND g.clearedAt IS NULL);
                CREATE INDEX tickets_check ON tickets(checkAt) WHERE checkAt IS NOT NULL;
                CREATE TABLE maintenance_marks (
                    name TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
    }
}
