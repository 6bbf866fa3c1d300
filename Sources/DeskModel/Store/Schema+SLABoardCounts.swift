import GRDB

extension Schema {
    /// v15: the SLA board's breached and at-risk counts without walking every breached ticket.
    /// Per branch and owner (0 = none), `sla_clock_counts` keeps how many unsolved tickets were
    /// past the instants the board reads, as of one shared instant `sla_counted_until.at`:
    /// `pastDue` (breached: slaDueAt <= at), `pastWarn` (slaWarnAt <= at, with a deadline) and
    /// `pastBoth` (both). Triggers keep them exact as tickets change; what crossed an instant
    /// between `at` and now is a range count of one index each (`SLABoard.loadGroups`), and
    /// `desk maintain` moves `at` up to now (`Desk.advanceSLABoardCounts`), so the board reads
    /// only the tickets that changed state since. At risk = pastWarn − pastBoth.
    static func slaBoardCounts(_ db: Database) throws {
        let open = "status NOT IN ('solved','closed')"
        /// Adds (`sign` 1) or takes away (-1) a ticket row's part in its group's counts.
        func count(_ r: String, _ sign: Int) -> String {
            """
            INSERT INTO sla_clock_counts(branch, assignee, pastDue, pastWarn, pastBoth)
                    SELECT COALESCE(\(r).branchId, 0), COALESCE(\(r).assigneeId, 0),
                           \(sign) * IFNULL(\(r).slaDueAt <= w.at, 0),
                           \(sign) * IFNULL(\(r).slaWarnAt <= w.at AND \(r).slaDueAt IS NOT NULL, 0),
                           \(sign) * IFNULL(max(\(r).slaWarnAt, \(r).slaDueAt) <= w.at, 0)
                    FROM sla_counted_until w WHERE \(r).\(open)
                ON CONFLICT(branch, assignee) DO UPDATE SET
                    pastDue = pastDue + excluded.pastDue, pastWarn = pastWarn + excluded.pastWarn,
                    pastBoth = pastBoth + excluded.pastBoth;
            """
        }
        try db.execute(
            sql: """
                CREATE TABLE sla_counted_until (at INTEGER NOT NULL);
                INSERT INTO sla_counted_until VALUES (CAST(strftime('%s','now') AS INTEGER));
                CREATE TABLE sla_clock_counts (
                    branch INTEGER NOT NULL,
                    assignee INTEGER NOT NULL,
                    pastDue INTEGER NOT NULL,
                    pastWarn INTEGER NOT NULL,
                    pastBoth INTEGER NOT NULL,
                    PRIMARY KEY (branch, assignee)
                ) WITHOUT ROWID;
                INSERT INTO sla_clock_counts
                    SELECT COALESCE(t.branchId, 0), COALESCE(t.assigneeId, 0),
                           sum(IFNULL(t.slaDueAt <= w.at, 0)),
                           sum(IFNULL(t.slaWarnAt <= w.at AND t.slaDueAt IS NOT NULL, 0)),
                           sum(IFNULL(max(t.slaWarnAt, t.slaDueAt) <= w.at, 0))
                    FROM tickets t, sla_counted_until w WHERE t.\(open) GROUP BY 1, 2;
                CREATE INDEX tickets_sla_warned ON tickets(branchId, assigneeId, slaWarnAt)
                    WHERE \(open) AND slaDueAt IS NOT NULL;
                CREATE INDEX tickets_sla_both ON tickets(branchId, assigneeId, max(slaWarnAt, slaDueAt))
                    WHERE \(open);
                CREATE TRIGGER sla_clock_counts_insert AFTER INSERT ON tickets BEGIN
                    \(count("new", 1))
                END;
                CREATE TRIGGER sla_clock_counts_delete AFTER DELETE ON tickets BEGIN
                    \(count("old", -1))
                END;
                CREATE TRIGGER sla_clock_counts_update AFTER UPDATE OF status, branchId, assigneeId, slaDueAt, slaWarnAt ON tickets
                WHEN old.status IS NOT new.status OR old.branchId IS NOT new.branchId OR old.assigneeId IS NOT new.assigneeId
                  OR old.slaDueAt IS NOT new.slaDueAt OR old.slaWarnAt IS NOT new.slaWarnAt
                BEGIN
                    \(count("old", -1))
                    \(count("new", 1))
                END;
                """)
    }
}
