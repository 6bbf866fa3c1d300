import Foundation
import GRDB

/// SLA inside the one write path: which policy applies, and the derived deadline columns.
extension Desk {
    /// The ticket's customer tier and branch name: what SLA policies and triggers match on.
    func tierAndBranch(_ db: Database, _ ticket: Ticket) throws -> (CustomerTier, String?) {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT (SELECT tier FROM customers WHERE id = ?), (SELECT name FROM branches WHERE id = ?)"),
            arguments: [ticket.customerId, ticket.branchId])
        return ((row?[0] as String?).flatMap(CustomerTier.init(rawValue:)) ?? .standard, row?[1])
    }

    /// The policy that covers the ticket now, with its calendar (nil: no SLA applies).
    func slaClock(_ db: Database, _ ticket: Ticket) throws -> SLAClock? {
        let (tier, branch) = try tierAndBranch(db, ticket)
        return slaClock(ticket, tier: tier, branch: branch)
    }

    /// The policy that covers a ticket of this customer tier in this branch, with its calendar.
    func slaClock(_ ticket: Ticket, tier: CustomerTier, branch: String?) -> SLAClock? {
        slaClock(priority: ticket.priority, channel: ticket.channel, tier: tier, branch: branch)
    }

    func slaClock(priority: TicketPriority, channel: Channel, tier: CustomerTier, branch: String?) -> SLAClock? {
        guard
            let matched = policy.sla.policy(priority: priority, tier: tier, channel: channel, branch: branch),
            let calendar = policy.sla.calendar(named: matched.calendar)
        else { return nil }
        return SLAClock(policy: matched, calendar: calendar)
    }

    /// Records the policy that applies and recomputes the derived columns. Called by every write
    /// before the ticket row is saved; returns the event to record after the write's own when the
    /// policy changed from one to another (not when a new ticket gets its first).
    func applySLA(
        _ db: Database, _ ticket: inout Ticket, tier: CustomerTier, branch: String?, facts: SLAFacts, now: Date,
        actorId: Int64?
    ) throws -> (event: TicketEvent?, statuses: [SLATargetStatus]) {
        let clock = slaClock(ticket, tier: tier, branch: branch)
        let name = clock?.policy.name
        var event: TicketEvent?
        if name != ticket.slaPolicy {
            if ticket.slaPolicy != nil || ticket.version > 1 {
                event = Self.policyChange(ticket.id, from: ticket.slaPolicy, to: name, by: actorId, at: now)
            }
            ticket.slaPolicy = name
        }
        guard let clock else {
            Self.derive([], into: &ticket)
            return (event, [])
        }
        let statuses = clock.evaluate(facts, now: now.dbSeconds)
        Self.derive(statuses, into: &ticket)
        return (event, statuses)
    }

    /// "SLA policy changed standard → urgent" (empty for none).
    static func policyChange(_ ticket: Int64?, from: String?, to: String?, by actor: Int64?, at now: Date) -> TicketEvent {
        TicketEvent(
            ticketId: ticket, actorId: actor, kind: "sla.policy", data: ["before": from ?? "", "after": to ?? ""],
            createdAt: now)
    }

    /// The queue's columns from evaluated targets (see `StoredSLA`).
    static func derive(_ statuses: [SLATargetStatus], into ticket: inout Ticket) {
        let c = StoredSLA(policy: ticket.slaPolicy, statuses: statuses)
        ticket.slaDueAt = c.dueAt.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        ticket.slaWarnAt = c.warnAt.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        ticket.slaPaused = c.paused
        ticket.slaDueTarget = c.target
    }

    /// Every target of a ticket, evaluated now, with the policy and calendar (for the pane and `sla explain`).
    public func slaReport(ticket id: Int64, at instant: Date? = nil) throws -> SLAReport? {
        let now = (instant ?? clock.now).dbSeconds
        return try db.read { db in
            guard let ticket = try Ticket.fetchOne(db, key: id) else { throw DeskError.unknownTicket(id) }
            return try slaReport(db, ticket, now: now)
        }
    }

    /// The report for a ticket whose customer tier and branch are known (nil: read them).
    func slaReport(
        _ db: Database, _ ticket: Ticket, now: Int64, tier: CustomerTier? = nil, branch: String?? = nil
    )
        throws -> SLAReport?
    {
        let known = tier.flatMap { t in branch.map { slaClock(ticket, tier: t, branch: $0) } }
        guard let clock = try known ?? slaClock(db, ticket) else { return nil }
        let facts = try SLAFacts.load(db, ticket: ticket)
        return SLAReport(policy: clock.policy, calendar: clock.calendar, now: now, targets: clock.evaluate(facts, now: now))
    }

    /// Re-evaluates every unsolved ticket (after a policy change), a few thousand tickets per
    /// transaction with one pass over their events and messages; returns how many changed. Only
    /// the SLA columns are written: nothing the agent sees as a change of the ticket (no version
    /// bump). Chunks keep memory flat and let other writers in between.
    @discardableResult
    public func recomputeSLA(chunk: Int64 = 5_000) throws -> Int {
        try inChunks(of: chunk) { db, ids, now in try recomputeSLA(db, ids: ids, now: now) }
    }

    /// Runs `body` over ticket ids in ranges of `size`, one write transaction each, all at the
    /// same instant; sums what it returns. Chunks keep memory flat and let other writers in between.
    func inChunks(of size: Int64, _ body: (Database, Range<Int64>, Date) throws -> Int) throws -> Int {
        let now = clock.now
        let last = try db.read { try Int64.fetchOne($0, sql: "SELECT max(id) FROM tickets") } ?? 0
        var total = 0
        for lo in stride(from: Int64(1), through: last, by: Int(size)) {
            total += try write { db in try body(db, lo..<(lo + size), now) }
        }
        return total
    }

    private func recomputeSLA(_ db: Database, ids: Range<Int64>, now: Date) throws -> Int {
        var changed: [(Int64, StoredSLA)] = []
        var events: [TicketEvent] = []
        try SLAFacts.forEachOpenTicket(db, ids: ids) { t, facts in
            let clock = slaClock(priority: t.priority, channel: t.channel, tier: t.tier, branch: t.branch)
            let name = clock?.policy.name
            // A ticket written before SLA existed gets its first policy silently.
            if name != t.columns.policy, let before = t.columns.policy {
                events.append(Self.policyChange(t.id, from: before, to: name, by: nil, at: now))
            }
            let columns = StoredSLA(policy: name, statuses: clock?.evaluate(facts, now: now.dbSeconds) ?? [])
            if columns != t.columns { changed.append((t.id, columns)) }
        }
        // Written after the read pass: updating rows under an open cursor is asking for trouble.
        // A ticket whose deadlines moved is due for the trigger sweep: its next check moved too.
        let update = try db.cachedStatement(
            sql: """
                UPDATE tickets SET slaPolicy = ?1, slaDueAt = ?2, slaWarnAt = ?3, slaPaused = ?4, slaDueTarget = ?5,
                                   checkAt = min(IFNULL(checkAt, ?7), ?7)
                WHERE id = ?6
                """)
        for (id, c) in changed {
            try update.execute(arguments: [c.policy, c.dueAt, c.warnAt, c.paused, c.target?.rawValue, id, now.dbSeconds])
        }
        for var e in events { try e.insertRow(db) }
        return changed.count
    }
}

/// A ticket's SLA, evaluated at one instant.
public struct SLAReport: Sendable, Equatable {
    public var policy: SLAPolicy
    public var calendar: BusinessCalendar
    public var now: Int64
    public var targets: [SLATargetStatus]
    /// Each target's deadline as "15:30 CET" in the calendar's zone, made once here: zone names
    /// need a Foundation formatter, too slow to build on every frame.
    public var calendarDueTimes: [String?]

    public init(policy: SLAPolicy, calendar: BusinessCalendar, now: Int64, targets: [SLATargetStatus]) {
        self.policy = policy; self.calendar = calendar; self.now = now; self.targets = targets
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")  // zone abbreviations such as CET, not GMT+1
        f.timeZone = calendar.zone
        f.dateFormat = "HH:mm zzz"
        calendarDueTimes = targets.map { $0.deadline.map { f.string(from: Date(timeIntervalSince1970: TimeInterval($0))) } }
    }
}
