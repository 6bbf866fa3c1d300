import Foundation
import GRDB

/// Builds large synthetic corpora for benchmarks (`desk seed`): N tickets with M messages each,
/// 20,000 customers, 50 agents, 300 templates. Prepared statements in one transaction, so
/// 100,000 tickets with 1,000,000 messages take well under a few minutes.
public struct CorpusSeeder {
    public var tickets: Int
    public var messagesPerTicket: Int
    public var seed: UInt64
    public var customers = 20_000
    public var agents = 50
    public var templates = 300
    let desk: Desk

    public init(desk: Desk, tickets: Int, messagesPerTicket: Int, seed: UInt64) {
        self.desk = desk; self.tickets = tickets; self.messagesPerTicket = messagesPerTicket; self.seed = seed
    }

    /// Called every 10,000 tickets with the count so far.
    public func run(progress: (Int) -> Void = { _ in }) throws {
        var rng = SeededRandom(seed: seed)
        let now = desk.clock.now.dbSeconds
        let scenarios = DemoScenarios.all
        // A large page cache keeps the randomly ordered queue indexes in memory while seeding.
        try desk.db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -262144") }
        try desk.write { db in
            for (name, tier) in DemoPeople.branches {
                try db.execute(sql: "INSERT INTO branches(name, tier) VALUES (?, ?)", arguments: [name, tier.rawValue])
            }
            let branchCount = DemoPeople.branches.count
            for i in 0..<agents {
                let tier = i % 5 == 4 ? 2 : 1
                try db.execute(
                    sql: "INSERT INTO agents(handle, name, role, tier, branchId) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        "agent\(i)", "Agent \(DemoPeople.firstNames[i % 30]) \(i)",
                        i == 0 ? "lead" : "agent", tier, 1 + i % branchCount,
                    ])
            }
            for (name, domain, _) in DemoPeople.organizations {
                try db.execute(sql: "INSERT INTO organizations(name, domain) VALUES (?, ?)", arguments: [name, domain])
            }
            let tiers = CustomerTier.allCases.map(\.rawValue)
            let insertCustomer = try db.makeStatement(
                sql: "INSERT INTO customers(email, name, tier, organizationId, timeZone) VALUES (?, ?, ?, ?, 'UTC')")
            for i in 0..<customers {
                let first = DemoPeople.firstNames[i % 30], last = DemoPeople.lastNames[(i / 30) % 30]
                try insertCustomer.execute(arguments: [
                    "customer\(i)@example.com", "\(first) \(last)", tiers[i % 4],
                    i % 3 == 0 ? nil : 1 + i % DemoPeople.organizations.count,
                ])
            }
            for i in 0..<templates {
                let base = DemoTemplates.all[i % DemoTemplates.all.count]
                try db.execute(
                    sql: "INSERT INTO templates(name, body, tags, productArea) VALUES (?, ?, ?, ?)",
                    arguments: ["\(base.0)-\(i)", base.3, base.2.joined(separator: ","), base.1])
            }
        }
        // Tickets go in chunks of one transaction each: one huge transaction would keep
        // every page in the WAL (no checkpoint can run) and slow SQLite down many times over.
        let statuses = TicketStatus.allCases.map(\.rawValue)
        let priorities = TicketPriority.allCases.map(\.rawValue)
        let channels = Channel.allCases.map(\.rawValue)
        let branchCount = DemoPeople.branches.count
        let chunk = 5_000
        var next = 1
        while next <= tickets {
            let last = min(tickets, next + chunk - 1)
            try desk.write { db in
                let insertTicket = try db.cachedStatement(
                    sql: """
                        INSERT INTO tickets(id, subject, status, priority, channel, productArea, tags, branchId, assigneeId,
                                            customerId, version, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                        """)
                let insertMessage = try db.cachedStatement(
                    sql: """
                        INSERT INTO messages(ticketId, authorKind, agentId, customerId, visibility, channel, body, createdAt)
                        VALUES (?,?,?,?,?,?,?,?)
                        """)
                let insertEvent = try db.cachedStatement(
                    sql: "INSERT INTO events(ticketId, actorId, kind, data, createdAt) VALUES (?, ?, 'ticket.created', '{}', ?)")
                for n in next...last {
                    let s = scenarios[rng.int(0..<scenarios.count)]
                    let created = now - Int64(rng.int(60...(180 * 86_400)))
                    let updated = min(now, created + Int64(rng.int(0...(10 * 86_400))))
                    let customer = rng.int(1...customers)
                    let assignee: Int64? = rng.chance(0.8) ? Int64(rng.int(1...agents)) : nil
                    let channel = channels[rng.int(0..<channels.count)]
                    try insertTicket.execute(arguments: [
                        n, "\(rng.pick(s.subjects)) (\(n))", statuses[rng.int(0..<statuses.count)],
                        priorities[rng.int(0..<priorities.count)], channel, s.productArea, s.tags.joined(separator: ","),
                        1 + rng.int(0..<branchCount), assignee, customer, 1, created, updated,
                    ])
                    try insertEvent.execute(arguments: [n, nil, created])
                    let step = max(1, (updated - created) / Int64(max(1, messagesPerTicket)))
                    for m in 0..<messagesPerTicket {
                        let fromCustomer = m % 2 == 0
                        let note = !fromCustomer && rng.chance(0.2)
                        let body =
                            fromCustomer
                            ? (m == 0 ? rng.pick(s.openings) : rng.pick(s.followUps))
                            : (note && !s.notes.isEmpty ? rng.pick(s.notes) : rng.pick(s.replies))
                        try insertMessage.execute(arguments: [
                            n, fromCustomer ? "customer" : "agent", fromCustomer ? nil : (assignee ?? 1),
                            fromCustomer ? customer : nil, note ? "internal" : "public", channel, body,
                            created + Int64(m) * step,
                        ])
                    }
                    if n % 10_000 == 0 { progress(n) }
                }
            }
            next = last + 1
        }
        // The history went in as rows; SLA is derived from it as after any write.
        try desk.recomputeSLA()
        try desk.sweepTriggers()
        try desk.write { db in try db.execute(sql: "ANALYZE") }
    }
}
