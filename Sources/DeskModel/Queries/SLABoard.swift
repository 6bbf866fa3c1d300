import Foundation
import GRDB

/// What the lead's SLA board shows (on screen and by `desk sla board`): unsolved tickets by time
/// to breach, and per-branch and per-agent counts. Read from the derived SLA columns, never by
/// evaluating SLA per ticket, so it can refresh every second on a large corpus.
public struct SLABoard: Sendable, Equatable, Codable {
    public var now: Int64
    public var filter: SLABoardFilter
    /// The most urgent unsolved tickets, nearest deadline first (tickets with none last).
    public var tickets: [SLABoardTicket]
    public var branches: [SLALoad]
    /// Per agent; the one with no name is the unassigned tickets.
    public var agents: [SLALoad]
    /// All branches together.
    public var totals: SLALoad
    /// How many unsolved tickets match the filter (the list holds at most `SLABoardFilter.limit`).
    public var total: Int { totals.open }
    /// Every branch, for choosing a filter.
    public var branchNames: [String]

    public init(
        now: Int64, filter: SLABoardFilter, tickets: [SLABoardTicket], branches: [SLALoad],
        agents: [SLALoad], totals: SLALoad, branchNames: [String]
    ) {
        self.now = now; self.filter = filter; self.tickets = tickets
        self.branches = branches; self.agents = agents; self.totals = totals; self.branchNames = branchNames
    }
}

/// Which tickets the board covers.
public struct SLABoardFilter: Sendable, Equatable, Codable {
    public var branch: String?
    public var tier: CustomerTier?
    public var limit: Int

    public init(branch: String? = nil, tier: CustomerTier? = nil, limit: Int = 200) {
        self.branch = branch; self.tier = tier; self.limit = limit
    }
}

/// One unsolved ticket on the board.
public struct SLABoardTicket: Sendable, Equatable, Codable {
    public var id: Int64
    public var subject: String
    public var status: TicketStatus
    public var priority: TicketPriority
    public var customerName: String
    public var customerTier: CustomerTier
    public var branch: String?
    public var assignee: String?
    public var sla: StoredSLA

    public init(
        id: Int64, subject: String, status: TicketStatus, priority: TicketPriority, customerName: String,
        customerTier: CustomerTier, branch: String?, assignee: String?, sla: StoredSLA
    ) {
        self.id = id; self.subject = subject; self.status = status; self.priority = priority
        self.customerName = customerName; self.customerTier = customerTier; self.branch = branch
        self.assignee = assignee; self.sla = sla
    }
}

/// Open tickets of a branch or an agent, and how many are breached, at risk or paused.
public struct SLALoad: Sendable, Equatable, Codable {
    /// Branch name or agent handle; nil: no branch (or unassigned).
    public var name: String?
    public var open: Int
    public var breached: Int
    public var atRisk: Int
    public var paused: Int

    public init(name: String?, open: Int = 0, breached: Int = 0, atRisk: Int = 0, paused: Int = 0) {
        self.name = name; self.open = open; self.breached = breached; self.atRisk = atRisk; self.paused = paused
    }

    public mutating func add(_ other: SLALoad) {
        open += other.open; breached += other.breached; atRisk += other.atRisk; paused += other.paused
    }
}

extension SLABoard {
    /// The board at `now`: counts from the trigger-kept `sla_load` plus a range count per group
    /// (a scan of the unsolved tickets' index when filtered by tier, which `sla_load` does not
    /// know), and one walk of the SLA queue index for the list.
    public static func load(_ db: Database, filter: SLABoardFilter, now: Int64) throws -> SLABoard {
        let branchNames = try Dictionary(
            uniqueKeysWithValues: Row.fetchAll(db.cachedStatement(sql: "SELECT id, name FROM branches")).map {
                ($0[0] as Int64, $0[1] as String)
            })
        if let branch = filter.branch, !branchNames.values.contains(where: { $0.lowercased() == branch.lowercased() }) {
            throw DeskError.unknownBranch(branch, known: branchNames.values.sorted())
        }
        var clause = "t.status NOT IN ('solved','closed')"
        var args = StatementArguments()
        if let branch = filter.branch {
            clause += " AND t.branchId = (SELECT id FROM branches WHERE name = ? COLLATE NOCASE)"
            args += [branch]
        }
        if let tier = filter.tier {
            clause += " AND t.customerId IN (SELECT id FROM customers WHERE tier = ?)"
            args += [tier.rawValue]
        }
        let groups =
            try filter.tier == nil
            ? loadGroups(db, branch: filter.branch, now: now)
            : try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT t.branchId, t.assigneeId, count(*), sum(t.slaDueAt <= ?),
                               sum(t.slaWarnAt <= ? AND t.slaDueAt > ?), sum(t.slaPaused)
                        FROM tickets t INDEXED BY tickets_sla_open WHERE \(clause)
                        GROUP BY t.branchId, t.assigneeId
                        """), arguments: [now, now, now] + args)
        let agentHandles = try Dictionary(
            uniqueKeysWithValues: Row.fetchAll(db.cachedStatement(sql: "SELECT id, handle FROM agents")).map {
                ($0[0] as Int64, $0[1] as String)
            })
        var byBranch: [Int64?: SLALoad] = [:]
        var byAgent: [Int64?: SLALoad] = [:]
        var totals = SLALoad(name: nil)
        for g in groups {
            let branchId: Int64? = g[0]
            let agentId: Int64? = g[1]
            let load = SLALoad(name: nil, open: g[2], breached: g[3] ?? 0, atRisk: g[4] ?? 0, paused: g[5] ?? 0)
            byBranch[branchId, default: SLALoad(name: branchId.flatMap { branchNames[$0] })].add(load)
            byAgent[agentId, default: SLALoad(name: agentId.flatMap { agentHandles[$0] })].add(load)
            totals.add(load)
        }
        let tickets = try SLABoardTicket.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT t.id, t.subject, t.status, t.priority, c.name, c.tier, b.name, a.handle,
                           t.slaPolicy, t.slaDueAt, t.slaWarnAt, t.slaPaused, t.slaDueTarget
                    FROM (SELECT t.id FROM tickets t INDEXED BY tickets_sla_queue WHERE \(clause)
                          ORDER BY t.slaRank, t.id LIMIT ?) page
                    JOIN tickets t ON t.id = page.id
                    JOIN customers c ON c.id = t.customerId
                    LEFT JOIN branches b ON b.id = t.branchId
                    LEFT JOIN agents a ON a.id = t.assigneeId
                    ORDER BY t.slaRank, t.id
                    """), arguments: args + [filter.limit])
        // The most pressing first: breached, then at risk, then by name.
        func urgency(_ a: SLALoad, _ b: SLALoad) -> Bool {
            (a.breached, a.atRisk, a.open, b.name ?? "~") > (b.breached, b.atRisk, b.open, a.name ?? "~")
        }
        return SLABoard(
            now: now, filter: filter, tickets: tickets,
            branches: byBranch.values.sorted(by: urgency), agents: byAgent.values.sorted(by: urgency), totals: totals,
            branchNames: branchNames.values.sorted())
    }
}

extension SLABoard {
    /// Rows of branchId, assigneeId, open, breached, at risk, paused: open and paused as the
    /// triggers keep them; breached and at risk from the counts kept as of `sla_counted_until`
    /// (schema v15), moved to `now` by range counts of the tickets whose deadline or warning
    /// instant lies between the two. The cost is the tickets that changed state since the counts
    /// were last brought up to date (`desk maintain`), not the tickets breached.
    static func loadGroups(_ db: Database, branch: String?, now: Int64) throws -> [Row] {
        let counted = try Int64.fetchOne(db.cachedStatement(sql: "SELECT at FROM sla_counted_until")) ?? 0
        // Counts as of `counted`, plus what crossed since (or less what had not yet, for a `now`
        // before it: `--now` in the past).
        let (lo, hi, sign) = now >= counted ? (counted, now, 1) : (now, counted, -1)
        let group = "t.branchId IS NULLIF(g.branch, 0) AND t.assigneeId IS NULLIF(g.assignee, 0)"
        let open = "t.status NOT IN ('solved','closed')"
        let sql = """
            SELECT NULLIF(g.branch, 0), NULLIF(g.assignee, 0), g.open,
                   IFNULL(c.pastDue, 0) + ?3 * (SELECT count(*) FROM tickets t INDEXED BY tickets_sla_open
                        WHERE \(group) AND \(open) AND t.slaDueAt > ?1 AND t.slaDueAt <= ?2),
                   IFNULL(c.pastWarn, 0) + ?3 * (SELECT count(*) FROM tickets t INDEXED BY tickets_sla_warned
                        WHERE \(group) AND \(open) AND t.slaDueAt IS NOT NULL AND t.slaWarnAt > ?1 AND t.slaWarnAt <= ?2)
                   - IFNULL(c.pastBoth, 0) - ?3 * (SELECT count(*) FROM tickets t INDEXED BY tickets_sla_both
                        WHERE \(group) AND \(open)
                          AND max(t.slaWarnAt, t.slaDueAt) > ?1 AND max(t.slaWarnAt, t.slaDueAt) <= ?2),
                   g.paused
            FROM sla_load g LEFT JOIN sla_clock_counts c ON c.branch = g.branch AND c.assignee = g.assignee
            WHERE g.open > 0 \(branch == nil ? "" : "AND g.branch = (SELECT id FROM branches WHERE name = ?4 COLLATE NOCASE)")
            """
        var args: StatementArguments = [lo, hi, sign]
        if let branch { args += [branch] }
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: args)
    }

    /// Brings the kept counts up to `now` (no earlier instant): adds what crossed since, per group.
    static func advanceCounts(_ db: Database, to now: Int64) throws {
        let counted = try Int64.fetchOne(db.cachedStatement(sql: "SELECT at FROM sla_counted_until")) ?? 0
        guard now > counted else { return }
        let c = "sla_clock_counts"
        let group = "t.branchId IS NULLIF(\(c).branch, 0) AND t.assigneeId IS NULLIF(\(c).assignee, 0)"
        let open = "t.status NOT IN ('solved','closed')"
        try db.execute(
            sql: """
                UPDATE sla_clock_counts SET
                    pastDue = pastDue + (SELECT count(*) FROM tickets t INDEXED BY tickets_sla_open
                        WHERE \(group) AND \(open) AND t.slaDueAt > ?1 AND t.slaDueAt <= ?2),
                    pastWarn = pastWarn + (SELECT count(*) FROM tickets t INDEXED BY tickets_sla_warned
                        WHERE \(group) AND \(open) AND t.slaDueAt IS NOT NULL AND t.slaWarnAt > ?1 AND t.slaWarnAt <= ?2),
                    pastBoth = pastBoth + (SELECT count(*) FROM tickets t INDEXED BY tickets_sla_both
                        WHERE \(group) AND \(open)
                          AND max(t.slaWarnAt, t.slaDueAt) > ?1 AND max(t.slaWarnAt, t.slaDueAt) <= ?2)
                """, arguments: [counted, now])
        try db.execute(sql: "UPDATE sla_counted_until SET at = ?", arguments: [now])
    }
}

extension SLABoardTicket: FetchableRecord {
    /// By position, in the column order of `SLABoard.load`'s list query.
    public init(row: Row) throws {
        id = row[0]; subject = row[1]
        status = TicketStatus(rawValue: row[2]) ?? .open
        priority = TicketPriority(rawValue: row[3]) ?? .normal
        customerName = row[4]
        customerTier = CustomerTier(rawValue: row[5]) ?? .standard
        branch = row[6]; assignee = row[7]
        sla = StoredSLA(row: row, from: 8)
    }
}
