import DeskModel
import Foundation
import GRDB
import XCTest

/// The SLA board's counts against counting the tickets by hand, through writes that move
/// tickets between branches, owners and statuses (the trigger-kept counts must follow).
final class SLABoardTests: XCTestCase {
    static let now = FixedClock.parse("2026-11-20T15:30:00Z")!

    /// Per branch and per agent: open, breached, at risk, paused, counted from the rows.
    func handCount(
        _ desk: Desk, tier: CustomerTier? = nil, branch: String? = nil, at now: Int64
    ) throws
        -> (branches: [String: [Int]], agents: [String: [Int]])
    {
        let rows = try desk.db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT b.name, a.handle, t.slaDueAt, t.slaWarnAt, t.slaPaused, c.tier FROM tickets t
                    JOIN customers c ON c.id = t.customerId LEFT JOIN branches b ON b.id = t.branchId
                    LEFT JOIN agents a ON a.id = t.assigneeId WHERE t.status NOT IN ('solved','closed')
                    """)
        }
        var branches: [String: [Int]] = [:]
        var agents: [String: [Int]] = [:]
        for r in rows {
            if let tier, (r[5] as String) != tier.rawValue { continue }
            let b: String = r[0] ?? "-"
            if let branch, b.lowercased() != branch.lowercased() { continue }
            let due: Int64? = r[2]
            let warn: Int64? = r[3]
            let breached = due.map { $0 <= now } ?? false
            let risk = !breached && (warn.map { $0 <= now } ?? false)
            let counts = [1, breached ? 1 : 0, risk ? 1 : 0, r[4] as Int]
            branches[b, default: [0, 0, 0, 0]] = zip(branches[b] ?? [0, 0, 0, 0], counts).map(+)
            let a: String = r[1] ?? "-"
            agents[a, default: [0, 0, 0, 0]] = zip(agents[a] ?? [0, 0, 0, 0], counts).map(+)
        }
        return (branches, agents)
    }

    func assertBoardMatches(
        _ desk: Desk, _ filter: SLABoardFilter, file: StaticString = #filePath, line: UInt = #line
    )
        throws
    {
        let now = desk.clock.now.dbSeconds
        let board = try desk.slaBoard(filter)
        let expected = try handCount(desk, tier: filter.tier, branch: filter.branch, at: now)
        func table(_ loads: [SLALoad]) -> [String: [Int]] {
            Dictionary(uniqueKeysWithValues: loads.map { ($0.name ?? "-", [$0.open, $0.breached, $0.atRisk, $0.paused]) })
        }
        XCTAssertEqual(table(board.branches), expected.branches, "branches, \(filter)", file: file, line: line)
        XCTAssertEqual(table(board.agents), expected.agents, "agents, \(filter)", file: file, line: line)
        XCTAssertEqual(board.total, expected.branches.values.map { $0[0] }.reduce(0, +), file: file, line: line)
        // The list: nearest deadline first, tickets with none last.
        let dues = board.tickets.map { $0.sla.dueAt ?? Int64.max }
        XCTAssertEqual(dues, dues.sorted(), file: file, line: line)
    }

    func testCountsMatchTheTicketsThroughWrites() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(Self.now))
        try DemoBuilder(desk: desk).build()
        let filters = [
            SLABoardFilter(), SLABoardFilter(branch: "Billing L1"), SLABoardFilter(tier: .vip),
            SLABoardFilter(branch: "technical l1", tier: .standard),
        ]
        for f in filters { try assertBoardMatches(desk, f) }
        let board = try desk.slaBoard(SLABoardFilter())
        XCTAssertGreaterThan(board.totals.breached, 0)
        XCTAssertGreaterThan(board.totals.paused, 0)
        // Move tickets around: solve, reassign, move branch, pend; the kept counts follow.
        let lead = try desk.agent(handle: "ada")
        let open = board.tickets.filter { $0.status == .open }.map(\.id)
        try desk.setStatus(ticket: open[0], to: .solved, by: lead)
        try desk.assign(ticket: open[1], to: "ben", by: lead)
        try desk.move(ticket: open[2], toBranch: "Billing L2", by: lead)
        try desk.setStatus(ticket: open[3], to: .pending, by: lead)
        for f in filters { try assertBoardMatches(desk, f) }
        // Later, more deadlines have passed: breached grows, nothing else is recounted.
        let later = Desk(db: desk.db, clock: FixedClock(Self.now.addingTimeInterval(3 * 86_400)))
        try assertBoardMatches(later, SLABoardFilter())
        XCTAssertGreaterThan(try later.slaBoard(SLABoardFilter()).totals.breached, board.totals.breached)
    }

    /// The breached and at-risk counts are kept as of one instant and moved to `now` by what
    /// crossed in between (schema v15). Against a count from scratch: at instants before and
    /// after the kept one, after `desk maintain` moves it, and through writes made after it moved.
    func testKeptCountsStayExactAsTheyAreBroughtUpToDate() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(Self.now))
        try DemoBuilder(desk: desk).build()
        func at(_ hours: Double) -> Desk {
            Desk(db: desk.db, clock: FixedClock(Self.now.addingTimeInterval(hours * 3600)), policy: desk.policy)
        }
        // Count as of 30 hours ago, as the migration counts as of its own instant.
        try desk.db.write { db in
            try db.execute(sql: "UPDATE sla_counted_until SET at = ?", arguments: [Self.now.dbSeconds - 30 * 3600])
            try db.execute(sql: "DELETE FROM sla_clock_counts")
            try db.execute(
                sql: """
                    INSERT INTO sla_clock_counts
                        SELECT COALESCE(t.branchId, 0), COALESCE(t.assigneeId, 0), sum(IFNULL(t.slaDueAt <= w.at, 0)),
                               sum(IFNULL(t.slaWarnAt <= w.at AND t.slaDueAt IS NOT NULL, 0)),
                               sum(IFNULL(max(t.slaWarnAt, t.slaDueAt) <= w.at, 0))
                        FROM tickets t, sla_counted_until w WHERE t.status NOT IN ('solved','closed') GROUP BY 1, 2
                    """)
        }
        let hours: [Double] = [-48, -31, -30, -12, -1, 0, 0.5, 2, 9, 30, 80]
        for h in hours { try assertBoardMatches(at(h), SLABoardFilter()) }
        try assertBoardMatches(at(1), SLABoardFilter(branch: "Billing L1"))
        // `desk maintain` brings the counts to its now; an earlier now is still counted exactly.
        _ = try at(1).advanceSLABoardCounts()
        for h in hours { try assertBoardMatches(at(h), SLABoardFilter()) }
        // Writes after the move: solve, reassign, move branch, pend, reply (a new deadline).
        let lead = try desk.agent(handle: "ada")
        let board = try at(1).slaBoard(SLABoardFilter())
        let open = board.tickets.filter { $0.status == .open }.map(\.id)
        try at(1.1).setStatus(ticket: open[0], to: .solved, by: lead)
        try at(1.2).assign(ticket: open[1], to: "ben", by: lead)
        try at(1.3).move(ticket: open[2], toBranch: "Billing L2", by: lead)
        try at(1.4).setStatus(ticket: open[3], to: .pending, by: lead)
        try at(1.5).reply(ticket: open[4], body: "We are on it.", by: lead)
        for h in hours { try assertBoardMatches(at(h), SLABoardFilter()) }
        _ = try at(40).advanceSLABoardCounts()
        _ = try at(20).advanceSLABoardCounts()  // never backwards
        for h in hours + [45, 200] { try assertBoardMatches(at(h), SLABoardFilter()) }
        try assertBoardMatches(at(50), SLABoardFilter(branch: "billing l2"))
    }

    func testAnUnknownBranchIsRefusedWithTheKnownOnes() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(Self.now))
        try DemoBuilder(desk: desk).build()
        XCTAssertThrowsError(try desk.slaBoard(SLABoardFilter(branch: "Nowhere"))) { error in
            XCTAssertEqual(
                "\(error)",
                "no branch named 'Nowhere' (known branches: Billing L1, Billing L2, Engineering, Technical L1, Technical L2).")
        }
    }
}
