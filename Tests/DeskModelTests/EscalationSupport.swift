import DeskModel
import Foundation
import GRDB

/// A two-tier cast for escalation tests: Billing L1 (ada lead, ben) → Billing L2 (farid, gus)
/// → Engineering (jonas); a standard SLA on a round-the-clock calendar; the triggers and rubric
/// of the example policy.
let escalationPolicy = try! Policy.parse(
    yaml: """
        branches:
          - {name: Billing L1, tier: tier1}
          - {name: Billing L2, tier: tier2}
          - {name: Engineering, tier: engineering}
        default_branch: Billing L1
        calendars:
          - name: always
            time_zone: UTC
            hours: {mon-sun: "00:00-24:00"}
        sla:
          - name: standard
            calendar: always
            first_reply: 60
            resolution: 600
        escalation:
          paths:
            - {from: Billing L1, to: [Billing L2, Engineering]}
            - {from: Billing L2, to: [Engineering]}
          act_within_minutes: 30
          triggers:
            severity: sev2
            customer_tier: [vip, strategic]
            sla_at_risk: 25%
            repeated_ticket: true
            customer_messages_without_resolution: 3
            engineering_without_repro: true
            open_incident: true
          severity:
            - name: outage-no-workaround
              when: {impact: organization, workaround: [no, unknown]}
              severity: sev1
              rationale: Everyone is stopped and there is no way round it.
            - name: team-blocked
              when: {impact: team, workaround: no}
              severity: sev2
              rationale: A team is stopped.
            - name: default
              severity: sev4
              rationale: Nothing recorded makes it more severe.
        """, file: "escalation.yaml")

struct EscalationCast {
    let desk: Desk
    let ada: Agent, ben: Agent, farid: Agent, gus: Agent, jonas: Agent

    init(at time: String = "2026-11-20T09:00:00Z") throws {
        let db = try DeskDatabase.temporary()
        let desk = Desk(db: db, clock: FixedClock(FixedClock.parse(time)!), policy: escalationPolicy)
        try desk.syncBranches()
        func agent(_ db: Database, _ h: String, _ n: String, _ r: AgentRole, _ b: String) throws -> Agent {
            let bid = try Int64.fetchOne(db, sql: "SELECT id FROM branches WHERE name = ?", arguments: [b])
            var a = Agent(handle: h, name: n, role: r, tier: 1, branchId: bid)
            try a.insert(db)
            return a
        }
        let all = try db.write { db in
            [
                try agent(db, "ada", "Ada Okafor", .lead, "Billing L1"), try agent(db, "ben", "Ben Carter", .agent, "Billing L1"),
                try agent(db, "farid", "Farid Haddad", .specialist, "Billing L2"),
                try agent(db, "gus", "Gus Fring", .agent, "Billing L2"),
                try agent(db, "jonas", "Jonas Weber", .specialist, "Engineering"),
            ]
        }
        self.desk = desk
        (ada, ben, farid, gus, jonas) = (all[0], all[1], all[2], all[3], all[4])
    }

    /// The same database seen at another instant.
    func at(_ time: String) -> Desk { Desk(db: desk.db, clock: FixedClock(FixedClock.parse(time)!), policy: escalationPolicy) }

    func ticket(_ id: Int64) throws -> Ticket { try desk.db.read { try Ticket.fetchOne($0, key: id)! } }

    func triggers(_ id: Int64) throws -> [TriggerKind] {
        try desk.db.read {
            try TriggerRecord.fetchAll(
                $0, sql: "SELECT * FROM ticket_triggers WHERE ticketId = ? AND clearedAt IS NULL ORDER BY kind", arguments: [id])
        }.map(\.kind)
    }

    /// A package that passes review: the draft with a next action and everything acknowledged.
    func readyPackage(
        _ id: Int64, by agent: Agent, to branch: String = "Billing L2", on desk: Desk? = nil
    ) throws -> EscalationPackage {
        var p = try (desk ?? self.desk).escalationDraft(ticket: id, by: agent, to: branch).package
        p.nextAction = "Check the payment provider's capture log for both charges."
        for i in p.missing.indices { p.missing[i].acknowledged = true }
        return p
    }
}
