import GRDB

extension Schema {
    /// Ticket counts per status and owner (0 = unassigned), kept exact by triggers, so the queue's
    /// total is a sum over a few hundred rows instead of a scan of every ticket. Part of v1 for
    /// databases created since they were added; `IF NOT EXISTS` so v10 can add them to older ones.
    static let queueCountsSQL = """
        CREATE TABLE IF NOT EXISTS queue_counts (
            status TEXT NOT NULL,
            assignee INTEGER NOT NULL,
            tickets INTEGER NOT NULL CHECK (tickets >= 0),
            PRIMARY KEY (status, assignee)
        ) WITHOUT ROWID;
        CREATE TRIGGER IF NOT EXISTS queue_counts_insert AFTER INSERT ON tickets BEGIN
            INSERT INTO queue_counts(status, assignee, tickets) VALUES (new.status, COALESCE(new.assigneeId, 0), 1)
            ON CONFLICT(status, assignee) DO UPDATE SET tickets = tickets + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS queue_counts_delete AFTER DELETE ON tickets BEGIN
            UPDATE queue_counts SET tickets = tickets - 1 WHERE status = old.status AND assignee = COALESCE(old.assigneeId, 0);
        END;
        CREATE TRIGGER IF NOT EXISTS queue_counts_update AFTER UPDATE OF status, assigneeId ON tickets
        WHEN old.status IS NOT new.status OR old.assigneeId IS NOT new.assigneeId BEGIN
            UPDATE queue_counts SET tickets = tickets - 1 WHERE status = old.status AND assignee = COALESCE(old.assigneeId, 0);
            INSERT INTO queue_counts(status, assignee, tickets) VALUES (new.status, COALESCE(new.assigneeId, 0), 1)
            ON CONFLICT(status, assignee) DO UPDATE SET tickets = tickets + 1;
        END;
        """

    /// v10: the counts were added to the v1 migration after databases had been created with it
    /// (a migration must never change once shipped); those databases missed them and failed with
    /// "no such table: queue_counts" on the first ticket. Created and filled here when missing.
    static func queueCountsForEarlyDatabases(_ db: Database) throws {
        guard try !db.tableExists("queue_counts") else { return }
        try db.execute(sql: queueCountsSQL)
        try db.execute(
            sql: "INSERT INTO queue_counts SELECT status, COALESCE(assigneeId, 0), count(*) FROM tickets GROUP BY 1, 2")
    }
}
