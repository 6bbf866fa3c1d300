import Foundation
import GRDB

/// Severity and escalation triggers inside the one write path, and the periodic sweep that
/// catches what only time changes (an SLA running low).
extension Desk {
    /// The rubric's verdict for the ticket (unless the agent set it by hand); returns the
    /// `ticket.severity` event to record when it changed.
    func applySeverity(_ db: Database, _ ticket: inout Ticket, tier: CustomerTier, now: Date, actorId: Int64?) -> TicketEvent? {
        guard ticket.severityOverride == nil else { return nil }
        let facts = SeverityFacts(
            impact: ticket.impact, urgency: Urgency(ticket.priority), workaround: ticket.workaround ?? .unknown, tier: tier)
        let verdict = policy.escalation.assess(facts)
        guard verdict.severity != ticket.severity || verdict.rule != ticket.severityRule else { return nil }
        let before = ticket.severity?.rawValue ?? ""
        ticket.severity = verdict.severity
        ticket.severityRule = verdict.rule
        guard before != verdict.severity.rawValue else { return nil }
        return TicketEvent(
            ticketId: ticket.id, actorId: actorId, kind: "ticket.severity",
            data: ["before": before, "after": verdict.severity.rawValue, "rule": verdict.rule], createdAt: now)
    }

    /// The escalation of a ticket that is waiting or accepted: where it went, and that branch's tier.
    struct OpenEscalation {
        var branch: String
        var tier: String
    }

    static let openEscalationSQL = """
        SELECT e.ticketId, b.name, b.tier FROM escalations e JOIN branches b ON b.id = e.toBranchId
        WHERE e.state IN ('requested','accepted') AND e.ticketId >= ? AND e.ticketId < ?
        """

    /// What the triggers read about a ticket. `open` and `incidents` are given by the sweep (read
    /// once per chunk); the write path leaves them nil and they are read here.
    func triggerFacts(
        _ db: Database, _ ticket: Ticket, tier: CustomerTier, branch: String?, sla: [SLATargetStatus], facts: SLAFacts,
        open: OpenEscalation?? = nil, openIncidents: [Incident]? = nil
    ) throws -> TriggerFacts {
        let id = ticket.id ?? 0
        let escalation: OpenEscalation? = try open ?? openEscalation(db, ticket: id)
        var unclear: String?
        if let escalation, escalation.tier == BranchTier.engineering.rawValue {
            let hasRepro =
                try Bool.fetchOne(
                    db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM messages WHERE ticketId = ? AND repro = 1)"),
                    arguments: [id]) ?? false
            if !hasRepro { unclear = escalation.branch }
        }
        var incidents: [(tag: String, title: String)] = []
        let tags = ticket.tagList
        if !tags.isEmpty {
            let known =
                try openIncidents
                ?? Incident.fetchAll(db.cachedStatement(sql: "SELECT * FROM incidents WHERE closedAt IS NULL"))
            incidents = known.filter { tags.contains($0.tag) }.map { ($0.tag, $0.title) }
        }
        return TriggerFacts(
            active: ticket.status.isActive,
            canEscalate: escalation == nil && !policy.escalation.targets(from: branch).isEmpty,
            severity: ticket.severity, severityRule: ticket.severityRule, severityOverride: ticket.severityOverride,
            tier: tier, slaPolicy: ticket.slaPolicy, sla: sla,
            repeatOf: policy.escalation.triggers.repeatedTicket
                ? try TicketDetail.repeatOf(db, ticket, repeatWindowDays: policy.lifecycle.repeatWindowDays) : nil,
            productArea: ticket.productArea, customerMessagesUnresolved: facts.customerMessagesSinceSolved,
            engineeringWithoutRepro: unclear, incidents: incidents)
    }

    /// The escalation of the ticket still requested or accepted, if any.
    func openEscalation(_ db: Database, ticket id: Int64) throws -> OpenEscalation? {
        try Row.fetchOne(db.cachedStatement(sql: Self.openEscalationSQL), arguments: [id, id + 1]).map {
            OpenEscalation(branch: $0[1], tier: $0[2])
        }
    }

    /// Brings the ticket's stored triggers in line with what holds now: new ones fire, gone ones
    /// clear (each an event), a changed reason is updated in place. Returns how many changed and
    /// the triggers active afterwards.
    @discardableResult
    func syncTriggers(
        _ db: Database, ticket id: Int64, _ fired: [FiredTrigger], now: Int64, stored known: [TriggerRecord]? = nil
    ) throws -> (changed: Int, active: [TriggerRecord]) {
        let stored =
            try known
            ?? TriggerRecord.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM ticket_triggers WHERE ticketId = ? AND clearedAt IS NULL"), arguments: [id]
            )
        var changed = 0
        var active: [TriggerRecord] = []
        for t in stored where !fired.contains(where: { $0.kind == t.kind }) {
            try db.cachedStatement(sql: "UPDATE ticket_triggers SET clearedAt = ? WHERE id = ?").execute(arguments: [now, t.id])
            var e = Self.triggerEvent(id, "trigger.cleared", t.kind, t.reason, now)
            try e.insertRow(db)
            changed += 1
        }
        for f in fired {
            if var t = stored.first(where: { $0.kind == f.kind }) {
                if t.reason != f.reason || t.source != f.source {
                    try db.cachedStatement(sql: "UPDATE ticket_triggers SET reason = ?, source = ? WHERE id = ?")
                        .execute(arguments: [f.reason, f.source, t.id])
                    t.reason = f.reason
                    t.source = f.source
                }
                active.append(t)
                continue
            }
            try db.cachedStatement(
                sql: "INSERT INTO ticket_triggers(ticketId, kind, reason, source, firedAt) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [id, f.kind.rawValue, f.reason, f.source, now])
            active.append(
                TriggerRecord(
                    id: db.lastInsertedRowID, ticketId: id, kind: f.kind, reason: f.reason, source: f.source, firedAt: now))
            var e = Self.triggerEvent(id, "trigger.fired", f.kind, f.reason, now)
            try e.insertRow(db)
            changed += 1
        }
        return (changed, active)
    }

    static func triggerEvent(_ id: Int64, _ kind: String, _ trigger: TriggerKind, _ reason: String, _ now: Int64) -> TicketEvent {
        TicketEvent(
            ticketId: id, actorId: nil, kind: kind, data: ["trigger": trigger.rawValue, "reason": reason],
            createdAt: Date(timeIntervalSince1970: TimeInterval(now)))
    }

    /// Evaluates the triggers of every ticket whose next check has come (`tickets.checkAt`, see
    /// `SLAClock.nextChange`), a few thousand per transaction, and schedules each one's next check;
    /// returns how many triggers fired or cleared. Run by `desk maintain` (cron) and `desk
    /// escalation overview`: an SLA running low changes nothing in the database, so only a sweep
    /// notices it. With nothing due it reads one index range and writes nothing.
    @discardableResult
    public func sweepTriggers(chunk: Int = 5_000) throws -> Int {
        try sweepDueTriggers(chunk: chunk).changed
    }

    /// What a sweep did: tickets evaluated, triggers fired or cleared.
    struct Sweep: Equatable {
        var examined = 0
        var changed = 0
    }

    func sweepDueTriggers(chunk: Int = 5_000) throws -> Sweep {
        let now = clock.now
        var sweep = Sweep()
        let dueSQL = "SELECT id FROM tickets INDEXED BY tickets_check WHERE checkAt <= ? ORDER BY checkAt, id LIMIT ?"
        // Nothing due: read, and leave without a write transaction.
        guard try db.read({ try Int64.fetchOne($0.cachedStatement(sql: dueSQL), arguments: [now.dbSeconds, 1]) }) != nil
        else { return sweep }
        while true {
            // Each pass reschedules what it read past `now` (or unschedules it), so the next
            // pass starts at the next due ticket.
            let (examined, changed) = try write { db -> (Int, Int) in
                let due = try Int64.fetchAll(db.cachedStatement(sql: dueSQL), arguments: [now.dbSeconds, chunk])
                guard !due.isEmpty else { return (0, 0) }
                return (due.count, try sweepTriggers(db, due: due.sorted(), now: now))
            }
            sweep.examined += examined
            sweep.changed += changed
            if examined < chunk { return sweep }
        }
    }

    /// Makes every unsolved ticket due: after a policy change, when anything may hold differently.
    func scheduleEveryOpenTicket() throws {
        let now = clock.now.dbSeconds
        try write { db in
            try db.execute(
                sql: "UPDATE tickets SET checkAt = ? WHERE status NOT IN ('solved','closed') AND (checkAt IS NULL OR checkAt > ?)",
                arguments: [now, now])
        }
    }

    private func sweepTriggers(_ db: Database, due ids: [Int64], now: Date) throws -> Int {
        let set = TicketSet(ids)
        // Read once per chunk what would otherwise be a query per ticket.
        let incidents = try Incident.fetchAll(db, sql: "SELECT * FROM incidents WHERE closedAt IS NULL")
        let tickets = try Ticket.fetchAll(
            db, sql: "SELECT * FROM tickets WHERE \(set.condition("id"))", arguments: set.arguments)
        var byId: [Int64: Ticket] = [:]
        for t in tickets { byId[t.id!] = t }
        var open: [Int64: OpenEscalation] = [:]
        for r in try Row.fetchAll(
            db,
            sql: """
                SELECT e.ticketId, b.name, b.tier FROM escalations e JOIN branches b ON b.id = e.toBranchId
                WHERE e.state IN ('requested','accepted') AND \(set.condition("e.ticketId"))
                """, arguments: set.arguments)
        {
            open[r[0]] = OpenEscalation(branch: r[1], tier: r[2])
        }
        var stored: [Int64: [TriggerRecord]] = [:]
        for t in try TriggerRecord.fetchAll(
            db, sql: "SELECT * FROM ticket_triggers WHERE clearedAt IS NULL AND \(set.condition("ticketId"))",
            arguments: set.arguments)
        {
            stored[t.ticketId, default: []].append(t)
        }
        var rated: [(Int64, SeverityAssessment)] = []
        var fired: [(Int64, [FiredTrigger])] = []
        // Solved and closed tickets have nothing to wait for; their stale triggers clear below.
        var next: [Int64: Int64] = [:]
        try SLAFacts.forEachOpenTicket(db, set) { s, facts in
            guard var t = byId[s.id] else { return }
            // Tickets written in bulk (the demo, the seeder, imports) get their rubric severity here.
            if t.severityOverride == nil {
                let verdict = policy.escalation.assess(
                    SeverityFacts(
                        impact: t.impact, urgency: Urgency(t.priority), workaround: t.workaround ?? .unknown, tier: s.tier))
                if verdict.severity != t.severity || verdict.rule != t.severityRule {
                    rated.append((s.id, verdict))
                    t.severity = verdict.severity
                    t.severityRule = verdict.rule
                }
            }
            let clock = slaClock(priority: t.priority, channel: t.channel, tier: s.tier, branch: s.branch)
            let statuses = clock?.evaluate(facts, now: now.dbSeconds) ?? []
            next[s.id] = clock?.nextChange(
                statuses, facts: facts, now: now.dbSeconds, riskPercent: policy.escalation.triggers.slaAtRiskPercent)
            try notifySLAAtRisk(db, t, statuses, now: now)  // a table none of the open cursors reads
            let f = try triggerFacts(
                db, t, tier: s.tier, branch: s.branch, sla: statuses, facts: facts, open: .some(open[s.id]),
                openIncidents: incidents)
            let list = policy.escalation.triggers.evaluate(f)
            // Most tickets: the same triggers with the same reasons as stored; nothing to write.
            let have = stored[s.id] ?? []
            if !Self.same(list, have) { fired.append((s.id, list)) }
        }
        for (id, v) in rated {
            try db.execute(
                sql: "UPDATE tickets SET severity = ?, severityRule = ? WHERE id = ?",
                arguments: [v.severity.rawValue, v.rule, id])
        }
        var changed = 0
        for (id, list) in fired {
            changed += try syncTriggers(db, ticket: id, list, now: now.dbSeconds, stored: stored[id] ?? []).changed
        }
        // Triggers of tickets solved or closed since they fired stop holding.
        for t in tickets where !t.status.isActive && !(stored[t.id!] ?? []).isEmpty {
            changed += try syncTriggers(db, ticket: t.id!, [], now: now.dbSeconds, stored: stored[t.id!]).changed
        }
        let schedule = try db.cachedStatement(sql: "UPDATE tickets SET checkAt = ? WHERE id = ?")
        for id in ids { try schedule.execute(arguments: [next[id], id]) }
        return changed
    }

    /// After a write: when the ticket next needs the sweep (nil: only another write can change
    /// its triggers). `repeatsOf`: the ticket as it is, and was, when it is new or moved to
    /// another customer or product area; the other unsolved tickets of those customers in the
    /// repeat window may have become (or stopped being) repeats of it, so they are due now.
    func scheduleCheck(_ db: Database, _ ticket: Ticket, _ d: Derived, now: Date, repeatsOf: [Ticket] = []) throws {
        let next =
            ticket.status.isActive
            ? slaClock(ticket, tier: d.tier, branch: d.branch)?.nextChange(
                d.sla, facts: d.facts, now: now.dbSeconds, riskPercent: policy.escalation.triggers.slaAtRiskPercent) : nil
        try db.cachedStatement(sql: "UPDATE tickets SET checkAt = ? WHERE id = ?").execute(arguments: [next, ticket.id])
        guard policy.escalation.triggers.repeatedTicket else { return }
        let window = Int64(policy.lifecycle.repeatWindowDays) * 86_400
        for t in repeatsOf where !(t.productArea ?? "").isEmpty {
            let created = t.createdAt.dbSeconds
            try db.cachedStatement(
                sql: """
                    UPDATE tickets SET checkAt = ?1
                    WHERE customerId = ?2 AND id <> ?3 AND productArea = ?4 AND createdAt BETWEEN ?5 AND ?6
                      AND status NOT IN ('solved','closed') AND (checkAt IS NULL OR checkAt > ?1)
                    """
            ).execute(arguments: [now.dbSeconds, t.customerId, ticket.id, t.productArea, created - window, created + window])
        }
    }

    /// The same kinds with the same reasons and sources.
    static func same(_ fired: [FiredTrigger], _ stored: [TriggerRecord]) -> Bool {
        fired.count == stored.count
            && fired.allSatisfy { f in stored.contains { $0.kind == f.kind && $0.reason == f.reason && $0.source == f.source } }
    }
}
