import XCTest

@testable import DeskModel

/// Each trigger fires at its threshold and not just short of it (pure evaluation).
final class EscalationTriggerTests: XCTestCase {
    let settings = escalationPolicy.escalation.triggers

    func kinds(_ f: TriggerFacts) -> [TriggerKind] { settings.evaluate(f).map(\.kind) }

    func facts(_ change: (inout TriggerFacts) -> Void) -> TriggerFacts {
        var f = TriggerFacts(active: true, canEscalate: true, severity: .sev4, severityRule: "default")
        change(&f)
        return f
    }

    func sla(left: Int64, of minutes: Int, state: SLAState = .active) -> SLATargetStatus {
        SLATargetStatus(
            target: SLATarget(kind: .nextReply, minutes: minutes), state: state, startedAt: 0, deadline: 0, endedAt: nil,
            consumed: Int64(minutes) * 60 - left, pauses: [], reopenedAt: [], atRisk: false, warnAt: nil)
    }

    func testEachTriggerAtItsBoundary() {
        XCTAssertEqual(kinds(facts { _ in }), [])
        // Severity: sev2 is the floor.
        XCTAssertEqual(kinds(facts { $0.severity = .sev3 }), [])
        XCTAssertEqual(
            kinds(
                facts {
                    $0.severity = .sev2; $0.severityRule = "team-blocked"
                }), [.severity])
        XCTAssertEqual(
            settings.evaluate(
                facts {
                    $0.severity = .sev1; $0.severityRule = "outage-no-workaround"
                }
            ).first?.text,
            "Severity: sev1 (rubric row `outage-no-workaround`), at or above sev2")
        // Key accounts.
        XCTAssertEqual(kinds(facts { $0.tier = .priority }), [])
        XCTAssertEqual(kinds(facts { $0.tier = .strategic }), [.account])
        // SLA at risk: under 25% of 60 minutes left is under 15 minutes.
        XCTAssertEqual(kinds(facts { $0.sla = [sla(left: 900, of: 60)] }), [], "exactly 25% left is not under it")
        let risk = settings.evaluate(
            facts {
                $0.slaPolicy = "standard"; $0.sla = [sla(left: 899, of: 60)]
            })
        XCTAssertEqual(risk.map(\.text), ["SLA at risk: next_reply under 25% of 60 min left"])
        XCTAssertEqual(risk.first?.source, "rule sla.standard.next_reply")
        XCTAssertEqual(
            settings.evaluate(facts { $0.sla = [sla(left: -61, of: 60, state: .breached)] }).map(\.reason),
            ["next_reply breached (60 min target)"])
        XCTAssertEqual(kinds(facts { $0.sla = [sla(left: 0, of: 60, state: .paused)] }), [], "a paused target is not running")
        // Repeated: another ticket in the window, or more than 3 customer messages unresolved.
        XCTAssertEqual(
            kinds(
                facts {
                    $0.repeatOf = 12; $0.productArea = "billing"
                }), [.repeated])
        XCTAssertEqual(kinds(facts { $0.customerMessagesUnresolved = 3 }), [])
        XCTAssertEqual(kinds(facts { $0.customerMessagesUnresolved = 4 }), [.repeated])
        // Unclear engineering handoff, even where the ticket cannot escalate further.
        XCTAssertEqual(
            kinds(
                facts {
                    $0.canEscalate = false; $0.engineeringWithoutRepro = "Engineering"
                }), [.unclearHandoff])
        // Incident.
        XCTAssertEqual(kinds(facts { $0.incidents = [] }), [])
        XCTAssertEqual(kinds(facts { $0.incidents = [("inc-42", "Dashboard 500s")] }), [.incident])
        // A solved ticket, or one already on its way up, fires nothing else.
        XCTAssertEqual(
            kinds(
                facts {
                    $0.active = false; $0.tier = .vip
                }), [])
        XCTAssertEqual(
            kinds(
                facts {
                    $0.canEscalate = false; $0.tier = .vip; $0.severity = .sev1
                }), [])
    }

    func testTriggersFireAndClearThroughTheWritePathAndTheSweep() throws {
        let cast = try EscalationCast(at: "2026-11-20T09:00:00Z")
        let t = try cast.desk.createTicket(
            by: nil, customerEmail: "ann@acme.example", subject: "Card declined", channel: .email, body: "It fails.",
            productArea: "billing")
        XCTAssertEqual(try cast.triggers(t.id!), [])
        // 45 of 60 minutes used is exactly 25% left: nothing yet; one second later the sweep sees it.
        XCTAssertEqual(try cast.at("2026-11-20T09:45:00Z").sweepTriggers(), 0)
        XCTAssertEqual(try cast.at("2026-11-20T09:45:01Z").sweepTriggers(), 1)
        XCTAssertEqual(try cast.triggers(t.id!), [.slaAtRisk])
        // A reply meets first_reply: the next write clears it.
        try cast.at("2026-11-20T09:50:00Z").reply(ticket: t.id!, body: "Looking into it.", by: cast.ben)
        XCTAssertEqual(try cast.triggers(t.id!), [])
        // Impact and workaround raise severity to sev2: the severity trigger fires in the same write.
        try cast.desk.assess(ticket: t.id!, impact: .team, workaround: .no, by: cast.ben)
        XCTAssertEqual(try cast.ticket(t.id!).severity, .sev2)
        XCTAssertEqual(try cast.triggers(t.id!), [.severity])
        // An open incident's tag; closing the incident clears it.
        try cast.desk.tag(ticket: t.id!, "inc-7", by: cast.ben)
        _ = try cast.desk.openIncident(tag: "inc-7", title: "Card payments failing")
        XCTAssertEqual(try cast.triggers(t.id!), [.incident, .severity])
        try cast.desk.closeIncident(tag: "inc-7")
        XCTAssertEqual(try cast.triggers(t.id!), [.severity])
        // Solving stops every trigger.
        try cast.desk.setStatus(ticket: t.id!, to: .solved, by: cast.ben)
        XCTAssertEqual(try cast.triggers(t.id!), [])
    }
}
