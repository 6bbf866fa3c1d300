import GRDB

extension Schema {
    /// Full-text rows written once per write transaction instead of once per inserted row.
    ///
    /// FTS5 flushes its pending terms to a new index segment at every statement savepoint, and
    /// inside a transaction nearly every insert opens one (triggers, unique indexes). With the
    /// index written by an insert trigger, a batch of 2,000 mails wrote 2,000 segments and then
    /// merged them. Now the insert triggers only queue the row id; `FullTextQueue.flush`, run by
    /// every Desk write before it commits, indexes the queue in one statement per index.
    /// Deleting or editing a row still queued only touches the queue.
    static func deferredIndex(_ db: Database) throws {
        for (table, index, column) in FullTextQueue.indexes {
            let queue = FullTextQueue.queueTable(index)
            let queued = "EXISTS (SELECT 1 FROM \(queue) WHERE id = old.id)"
            try db.execute(
                sql: """
                    CREATE TABLE \(queue) (id INTEGER PRIMARY KEY);
                    DROP TRIGGER \(table)_fts_insert;
                    DROP TRIGGER \(table)_fts_delete;
                    DROP TRIGGER \(table)_fts_update;
                    CREATE TRIGGER \(table)_fts_insert AFTER INSERT ON \(table) BEGIN
                        INSERT INTO \(queue)(id) VALUES (new.id);
                    END;
                    CREATE TRIGGER \(table)_fts_delete AFTER DELETE ON \(table) BEGIN
                        INSERT INTO \(index)(\(index), rowid, \(column))
                            SELECT 'delete', old.id, old.\(column) WHERE NOT \(queued);
                        DELETE FROM \(queue) WHERE id = old.id;
                    END;
                    CREATE TRIGGER \(table)_fts_update AFTER UPDATE OF \(column) ON \(table) BEGIN
                        INSERT INTO \(index)(\(index), rowid, \(column))
                            SELECT 'delete', old.id, old.\(column) WHERE NOT \(queued);
                        INSERT OR IGNORE INTO \(queue)(id) VALUES (new.id);
                    END;
                    """)
        }
    }
}

/// The rows waiting for their full-text index entries (see `Schema.deferredIndex`).
public enum FullTextQueue {
    /// Each index: the table it covers, its name, the column it holds.
    static var indexes: [(table: String, index: String, column: String)] {
        [("messages", "message_fts", "body"), ("tickets", "ticket_fts", "subject")]
    }

    static func queueTable(_ index: String) -> String { index + "_queue" }

    /// Indexes every queued row and empties the queues; cheap when they are empty. Every Desk
    /// write calls it last, so a committed row is searchable; bulk loaders call it per chunk.
    /// CROSS JOIN keeps the queue the outer loop: with a plain JOIN SQLite scanned the whole
    /// table and probed the queue — every write at 1,000,000 messages read the messages table.
    public static func flush(_ db: Database) throws {
        for (table, index, column) in indexes {
            let queue = queueTable(index)
            try db.cachedStatement(
                sql: """
                    INSERT INTO \(index)(rowid, \(column))
                    SELECT t.id, t.\(column) FROM \(queue) q CROSS JOIN \(table) t ON t.id = q.id
                    """
            ).execute()
            try db.cachedStatement(sql: "DELETE FROM \(queue)").execute()
        }
    }
}
