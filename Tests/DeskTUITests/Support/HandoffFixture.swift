import DeskModel
import DeskTUI
import Foundation
import GRDB

/// A handoff to read: on the shipped policy, chloé (Technical L1) escalates a VIP customer's export
/// problem to Technical L2 with a full package (claims citing #1, #3 and #5, two repro steps from
/// note #4, a workaround, next actions for the branch and the account owner, an update sent as a
/// public reply #6). Grace (Technical L2) is who reads it.
struct HandoffFixture {
    static let now = FixedClock.parse("2026-11-20T15:30:00Z")!
    let desk: Desk
    let ticketId: Int64
    /// A second ticket of the same customer, not escalated: for the composer.
    let otherTicketId: Int64

    init(escalate: Bool = true) throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(Self.now.addingTimeInterval(-3600)))
        try desk.syncBranches()
        try desk.db.write { db in
            func branch(_ name: String) throws -> Int64? {
                try Int64.fetchOne(db, sql: "SELECT id FROM branches WHERE name = ?", arguments: [name])
            }
            var chloe = Agent(handle: "chloe", name: "Chloé Martin", role: .agent, tier: 1, branchId: try branch("Technical L1"))
            try chloe.insert(db)
            var mia = Agent(handle: "mia", name: "Mia Jensen", role: .lead, tier: 1, branchId: try branch("Technical L1"))
            try mia.insert(db)
            var grace = Agent(
                handle: "grace", name: "Grace Kim", role: .specialist, tier: 2, branchId: try branch("Technical L2"))
            try grace.insert(db)
            var o = Organization(name: "Globex Corporation", domain: "globex.example")
            try o.insert(db)
            var c = Customer(
                email: "hank@globex.example", name: "Hank Scorpio", tier: .vip, organizationId: o.id, accountOwnerId: mia.id,
                timeZone: "America/New_York")
            try c.insert(db)
        }
        let chloe = try desk.agent(handle: "chloe")
        let t = try desk.createTicket(
            by: nil, customerEmail: "hank@globex.example", subject: "Admin exports fail to sync every few runs",
            channel: .email,
            body: "Our admin exports fail to sync intermittently.\nThe finance team cannot close the week without them.",
            priority: .high, productArea: "exports")
        try desk.reply(
            ticket: t.id!, body: "Thanks Hank, we are looking into it. How many records does the workspace hold?", by: chloe)
        try desk.customerReply(ticket: t.id!, body: "About 52,000 records. Smaller workspaces seem fine.")
        try desk.reproNote(
            ticket: t.id!,
            body: "Export a workspace with more than 50k records from Admin → Exports\nEvery third run stops at 'syncing'",
            by: chloe)
        try desk.customerReply(ticket: t.id!, body: "It failed again this morning, twice in a row.")
        try desk.assess(ticket: t.id!, impact: .team, workaround: .yes, by: chloe)
        let other = try desk.createTicket(
            by: nil, customerEmail: "hank@globex.example", subject: "Exports of the audit log time out on large date ranges",
            channel: .email, body: "The audit log export times out when I pick a whole quarter.", priority: .high,
            productArea: "exports")
        self.desk = desk
        ticketId = t.id!
        otherTicketId = other.id!
        guard escalate else { return }
        let draft = try desk.escalationDraft(ticket: t.id!, by: chloe, to: "Technical L2")
        var p = draft.package
        p.summary.append(
            Claim(
                text: "Fails only on workspaces over 50k records; smaller ones export fine", sources: [.message(3), .message(4)]))
        p.workaroundText = "run a manual export from the admin panel (Admin → Exports → Export now)"
        p.nextAction = "Confirm the sync timeout on a 50k-record workspace and hand engineering the trace"
        p.customerUpdate = try XCTUnwrapOrThrow(draft.renderUpdate(for: p))
        p.sendUpdate = true
        for i in p.missing.indices { p.missing[i].acknowledged = true }
        try desk.escalate(ticket: t.id!, package: p, by: chloe)
    }

    /// The console of `handle` on this database, at the fixture's time.
    func console(_ handle: String, width: Int, height: Int) throws -> (Console, MemoryBackend) {
        let backend = MemoryBackend(width: width, height: height)
        let agent = try desk.agent(handle: handle)
        let state = AppState(
            width: width, height: height, agent: AgentRef(id: agent.id!, handle: handle, name: agent.name),
            now: Self.now.dbSeconds, sla: desk.policy.sla, escalation: desk.policy.escalation)
        let console = Console(
            state: state, backend: backend,
            runner: EffectRunner(desk: Desk(db: desk.db, clock: FixedClock(Self.now)), agent: agent),
            clock: FixedClock(Self.now))
        console.start()
        return (console, backend)
    }
}

struct MissingValue: Error {}

func XCTUnwrapOrThrow<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingValue() }
    return value
}
