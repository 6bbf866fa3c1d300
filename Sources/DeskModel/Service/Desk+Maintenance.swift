import Foundation
import GRDB

/// What `desk maintain` (cron, every few minutes) does beyond closing solved tickets: re-evaluate
/// SLA when the policy changed, sweep the tickets whose next check has come, and bring the SLA
/// board's kept counts up to now. Each costs what changed, not the size of the corpus.
extension Desk {
    /// What one maintenance run did.
    public struct Maintenance: Sendable, Equatable {
        /// Solved tickets closed after the policy's days.
        public var closed = 0
        /// Nil: the policy is the one SLA was last evaluated under, nothing re-evaluated.
        public var slaUpdated: Int?
        /// Tickets whose next check had come, and triggers fired or cleared among them.
        public var examined = 0
        public var triggersChanged = 0
    }

    /// Closes expired tickets, re-evaluates every open ticket's SLA only if the policy changed
    /// since the last run (then every open ticket is due for the sweep too), sweeps the due
    /// tickets, and advances the SLA board's counts.
    public func runMaintenance() throws -> Maintenance {
        var run = Maintenance()
        run.closed = try maintain()
        run.slaUpdated = try recomputeSLAIfPolicyChanged()
        let sweep = try sweepDueTriggers()
        run.examined = sweep.examined
        run.triggersChanged = sweep.changed
        try advanceSLABoardCounts()
        return run
    }

    /// Re-evaluates every open ticket's SLA and makes each due for the sweep when the policy's
    /// SLA, escalation or lifecycle settings differ from the ones stored by the last run (or none
    /// was stored); returns how many tickets changed, or nil when the policy is unchanged.
    @discardableResult
    public func recomputeSLAIfPolicyChanged() throws -> Int? {
        let fingerprint = policy.maintenanceFingerprint
        let stored = try db.read {
            try String.fetchOne($0, sql: "SELECT value FROM maintenance_marks WHERE name = 'policy'")
        }
        guard stored != fingerprint else { return nil }
        let changed = try recomputeSLA()
        try scheduleEveryOpenTicket()
        try write { db in
            try db.execute(
                sql: "INSERT INTO maintenance_marks(name, value) VALUES ('policy', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                arguments: [fingerprint])
        }
        return changed
    }

    /// Moves the SLA board's kept breached and at-risk counts up to now (schema v15): the board
    /// then reads only what crossed since. Writes nothing when they are already there.
    public func advanceSLABoardCounts() throws {
        let now = clock.now.dbSeconds
        let behind = try db.read { db in
            (try Int64.fetchOne(db, sql: "SELECT at FROM sla_counted_until") ?? 0) < now
        }
        guard behind else { return }
        try write { db in try SLABoard.advanceCounts(db, to: now) }
    }
}

extension Policy {
    /// A digest of everything SLA and triggers read (calendars, SLA policies, escalation,
    /// lifecycle), without line numbers: editing a comment in the file changes nothing.
    var maintenanceFingerprint: String {
        let calendars = sla.calendars.map { c in
            "\(c.name) \(c.zone.identifier) \(c.periods.map { "\($0.weekday) \($0.start)-\($0.end)" }) "
                + "\(c.holidays.map { "\($0.year ?? 0)-\($0.month)-\($0.day)" })"
        }
        let text = "\(calendars)|\(String(reflecting: sla.policies))|\(String(reflecting: escalation))|\(String(reflecting: lifecycle))"
            .replacingOccurrences(of: #"line: \d+"#, with: "", options: .regularExpression)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across processes, unlike Hasher
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
