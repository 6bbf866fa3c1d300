import Foundation
import GRDB

/// Routing to branches and assignment within them, by the policy.
extension Desk {
    /// Makes the database's branches match the policy's (adds missing ones, updates tiers).
    /// Run when a process starts with a valid policy; tickets keep pointing at their branches.
    public func syncBranches() throws {
        let current = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT name, tier FROM branches").map { ($0["name"] as String, $0["tier"] as String) }
        }
        // Nothing to do is the usual case: do not write (other consoles would reload for nothing).
        let missing = policy.branches.filter { b in !current.contains { $0.0 == b.name && $0.1 == b.tier.rawValue } }
        guard !missing.isEmpty else { return }
        try write { db in
            for b in policy.branches {
                try db.execute(
                    sql: """
                        INSERT INTO branches(name, tier) VALUES (?, ?)
                        ON CONFLICT(name) DO UPDATE SET tier = excluded.tier WHERE tier <> excluded.tier
                        """, arguments: [b.name, b.tier.rawValue])
            }
        }
    }

    /// The facts routing reads, for a stored ticket. `customer`: its row when the caller has it
    /// (an import just read it); without an organisation nothing more is read.
    static func routingInput(_ db: Database, _ ticket: Ticket, body: String?, customer: Customer? = nil) throws -> RoutingInput {
        if let customer, customer.id == ticket.customerId, customer.organizationId == nil, let body {
            return RoutingInput(
                channel: ticket.channel, recipient: ticket.recipient, customerTier: customer.tier, organization: nil,
                productArea: ticket.productArea, subject: ticket.subject, body: body, language: ticket.language)
        }
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT c.tier, o.name AS org FROM customers c LEFT JOIN organizations o ON o.id = c.organizationId
                    WHERE c.id = ?
                    """), arguments: [ticket.customerId])
        let first =
            try body
            ?? String.fetchOne(
                db, sql: "SELECT body FROM messages WHERE ticketId = ? ORDER BY createdAt, id LIMIT 1",
                arguments: [ticket.id]) ?? ""
        return RoutingInput(
            channel: ticket.channel, recipient: ticket.recipient,
            customerTier: CustomerTier(rawValue: row?["tier"] ?? "") ?? .standard, organization: row?["org"],
            productArea: ticket.productArea, subject: ticket.subject, body: first, language: ticket.language)
    }

    static func branchId(_ db: Database, named name: String) throws -> Int64 {
        if let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM branches WHERE name = ? COLLATE NOCASE"), arguments: [name])
        {
            return id
        }
        throw DeskError.unknownBranch(name, known: try branchNames(db))
    }

    static func branchName(_ db: Database, id: Int64?) throws -> String? {
        guard let id else { return nil }
        return try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM branches WHERE id = ?"), arguments: [id])
    }

    static func branchNames(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM branches ORDER BY name")
    }

    /// Puts the ticket in the branch the policy picks and records the rule; returns the event data.
    /// `keywords`, `customer` and `memo` spare an import work it did before or elsewhere.
    func applyRouting(
        _ db: Database, _ ticket: inout Ticket, body: String?, keywords: KeywordFindings? = nil, customer: Customer? = nil,
        memo: ImportMemo? = nil, now: Date
    ) throws -> [String: String] {
        var input = try Self.routingInput(db, ticket, body: body, customer: customer)
        input.keywords = keywords
        let decision = Router.route(input, policy: policy)
        var branchId = memo?.branchIds[decision.branch] ?? (try? Self.branchId(db, named: decision.branch))
        if branchId == nil, let b = policy.branch(named: decision.branch) {
            try db.execute(sql: "INSERT INTO branches(name, tier) VALUES (?, ?)", arguments: [b.name, b.tier.rawValue])
            branchId = db.lastInsertedRowID
        }
        let before = try Self.branchName(db, id: ticket.branchId)
        ticket.branchId = try branchId ?? Self.branchId(db, named: decision.branch)
        memo?.branchIds[decision.branch] = ticket.branchId
        ticket.routedBy = decision.reason
        return ["before": before ?? "", "after": decision.branch, "rule": decision.reason]
    }

    /// Picks an owner by the branch's assignment mode; nil when manual or nobody has room.
    /// `branch` is the branch's name when the caller knows it (spares reading it).
    /// `memo`: an import remembers branches where no agent is available.
    func autoAssign(
        _ db: Database, _ ticket: inout Ticket, branch known: String? = nil, memo: ImportMemo? = nil
    ) throws -> String? {
        guard let branchId = ticket.branchId, memo?.branchesWithoutAgents.contains(branchId) != true,
            let name = try known ?? Self.branchName(db, id: branchId),
            let branch = policy.branch(named: name), branch.assignment != .manual
        else { return nil }
        // Available agents of the branch with their open-ticket counts, in a stable order.
        // The counts come from queue_counts (kept by triggers): counting each agent's tickets
        // grew with the database and was the slowest part of opening a ticket.
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT a.id, a.handle,
                           (SELECT COALESCE(SUM(q.tickets), 0) FROM queue_counts q WHERE q.assignee = a.id
                              AND q.status NOT IN ('solved','closed')) AS open
                    FROM agents a WHERE a.branchId = ? AND a.available = 1 ORDER BY a.id
                    """), arguments: [branchId])
        if rows.isEmpty { memo?.branchesWithoutAgents.insert(branchId) }
        let candidates = rows.filter { row in branch.capacity.map { cap in (row["open"] as Int) < cap } ?? true }
        guard !candidates.isEmpty else { return nil }
        let chosen: Row
        switch branch.assignment {
        case .leastOpen:
            chosen = candidates.min { ($0["open"] as Int, $0["id"] as Int64) < ($1["open"] as Int, $1["id"] as Int64) }!
        case .roundRobin:
            let last = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT lastAgentId FROM branch_rotation WHERE branchId = ?"), arguments: [branchId])
            chosen = candidates.first { (($0["id"] as Int64)) > (last ?? 0) } ?? candidates[0]
        case .manual:
            return nil
        }
        let agentId: Int64 = chosen["id"]
        try db.cachedStatement(
            sql: """
                INSERT INTO branch_rotation(branchId, lastAgentId) VALUES (?, ?)
                ON CONFLICT(branchId) DO UPDATE SET lastAgentId = excluded.lastAgentId
                """
        ).execute(arguments: [branchId, agentId])
        ticket.assigneeId = agentId
        return chosen["handle"]
    }

    /// How the policy would route this ticket now, with every rule tried (`route --explain`).
    public func explainRoute(ticket id: Int64) throws -> RoutingDecision {
        try db.read { db in
            guard let t = try Ticket.fetchOne(db, key: id) else { throw DeskError.unknownTicket(id) }
            return Router.route(try Self.routingInput(db, t, body: nil), policy: policy)
        }
    }

    /// Routes the ticket again by the current policy (after its facts or the rules changed).
    @discardableResult
    public func route(ticket id: Int64, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        try change(ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.routed", permission: .route) {
            db, ticket, now in
            let oldBranch = ticket.branchId
            var data = try applyRouting(db, &ticket, body: nil, now: now)
            if ticket.branchId != oldBranch {
                ticket.assigneeId = nil
                if let who = try autoAssign(db, &ticket) { data["assignee"] = who }
            }
            return data
        }
    }

    /// Moves the ticket to a branch by hand (no rule); the branch's assignment mode picks an owner.
    @discardableResult
    public func move(ticket id: Int64, toBranch name: String, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        try change(ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.moved", permission: .assign) {
            db, ticket, _ in
            guard let data = try moveToBranch(db, &ticket, named: name) else {
                throw DeskError.invalidRequest("ticket #\(id) is already in \(name).")
            }
            return data
        }
    }

    /// Puts the ticket in another branch by hand, unassigned unless the branch assigns it; the
    /// `ticket.moved` event's data, or nil when it is already there.
    func moveToBranch(_ db: Database, _ ticket: inout Ticket, named name: String) throws -> [String: String]? {
        let target = try Self.branchId(db, named: name)
        guard ticket.branchId != target else { return nil }
        let before = try Self.branchName(db, id: ticket.branchId)
        let canonical = try Self.branchName(db, id: target) ?? name
        ticket.branchId = target
        ticket.routedBy = "moved by hand"
        ticket.assigneeId = nil
        var data = ["before": before ?? "", "after": canonical]
        if let who = try autoAssign(db, &ticket) { data["assignee"] = who }
        return data
    }
}
